// Fixed degrees drawn per block of partners (`connect: in_degree = K, blocks = label`), run end
// to end: each neuron gets exactly the degree its block asks for, from that block only.
#include "tests/unit/runtime/run_helpers.h"

#include <map>

using nj::rt::testing::run_model_text;
using nj::rt::testing::run_ok;

namespace {

std::string model_with(const std::string& groups, const std::string& rule) {
    return "param dt = 0.1 ms\n"
           "neuron N { equations { v : 1 } }\n" + groups +
           "synapses S(A -> B) {\n"
           "  connect: " + rule + "\n"
           "}\n"
           "run 0.1 ms\n";
}

/// (line neuron, block) -> number of partners, where block = partner < 5 ? 0 : 1.
std::map<std::pair<int, int>, int> per_block(const nj::rt::testing::RunResult& r, bool lines_are_post) {
    std::map<std::pair<int, int>, int> out;
    const auto& pre = r.array("S.pre");
    const auto& post = r.array("S.post");
    for (size_t k = 0; k < pre.size(); ++k) {
        int line = static_cast<int>(lines_are_post ? post[k] : pre[k]);
        int partner = static_cast<int>(lines_are_post ? pre[k] : post[k]);
        out[{line, partner < 5 ? 0 : 1}]++;
    }
    return out;
}

}  // namespace

TEST_CASE("connect blocks: in_degree per block of pre neurons, evaluated with i in that block") {
    // the degree depends on both sides: post j takes j + 1 from block 0 and 3 from block 1
    auto r = run_ok(model_with("group A = N(10)\ngroup B = N(4)\n",
                               "in_degree = where(i < 5, j + 1, 3), blocks = int(i >= 5)"));
    auto counts = per_block(r, true);
    for (int j = 0; j < 4; ++j) {
        CHECK(counts[{j, 0}] == j + 1);
        CHECK(counts[{j, 1}] == 3);
    }
    CHECK(r.array("S.pre").size() == 1 + 2 + 3 + 4 + 4 * 3);
}

TEST_CASE("connect blocks: out_degree per block of post neurons") {
    auto r = run_ok(model_with("group A = N(4)\ngroup B = N(10)\n", "out_degree = where(j < 5, 2, 4), blocks = int(j >= 5)"));
    auto counts = per_block(r, false);
    for (int i = 0; i < 4; ++i) {
        CHECK(counts[{i, 0}] == 2);
        CHECK(counts[{i, 1}] == 4);
    }
}

TEST_CASE("connect blocks: without autapses a neuron never draws itself, and its block still gives K") {
    auto r = run_ok(
        "param dt = 0.1 ms\n"
        "neuron N { equations { v : 1 } }\n"
        "group A = N(10)\n"
        "synapses S(A -> A) {\n"
        "  connect: in_degree = 4, blocks = int(i >= 5), autapses = false\n"
        "}\n"
        "run 0.1 ms\n");
    const auto& pre = r.array("S.pre");
    const auto& post = r.array("S.post");
    for (size_t k = 0; k < pre.size(); ++k) CHECK(pre[k] != post[k]);
    CHECK(pre.size() == 10 * 8);
}

TEST_CASE("connect blocks: a block too small for its degree is a clear error") {
    auto r = run_model_text(model_with("group A = N(10)\ngroup B = N(4)\n", "in_degree = 6, blocks = int(i >= 5)"));
    CHECK_FALSE(r.built);
    CHECK(r.diagnostics.find("distinct partners") != std::string::npos);
}

TEST_CASE("connect blocks: two threads draw the same synapses in the same order as one") {
    const std::string text = model_with("group A = N(300)\ngroup B = N(200)\n",
                                        "in_degree = where(i < 100, 7, 20), blocks = int(i >= 100)");
    nj::rt::testing::RunOptions two;
    two.threads = 2;
    auto one_thread = run_ok(text);
    auto two_threads = run_ok(text, two);
    CHECK(one_thread.array("S.pre").size() == 200 * 27);
    CHECK(one_thread.array("S.pre") == two_threads.array("S.pre"));
    CHECK(one_thread.array("S.post") == two_threads.array("S.post"));
}
