// Tests check_connect.cpp: Brian2's connect forms, the settings a rule accepts and their units.
#include "check_helpers.h"

#include <doctest/doctest.h>

using nj::sema::testing::check;
using nj::sema::testing::Checked;

namespace {

// Synapses S(E -> E) between spiking groups with variable v, whose connect clause is `rule`
// (line 9, from column 12).
Checked check_connect(const std::string& rule) {
    return check("neuron N {\n"
                 "  equations {\n"
                 "    dv/dt = -v / (10 ms) : volt\n"
                 "  }\n"
                 "  threshold: v > 1 mV\n"
                 "}\n"
                 "group E = N(10)\n"
                 "synapses S(E -> E) {\n  connect: " + rule + "\n}\n");
}

}  // namespace

TEST_CASE("check_connect: Brian2's connect forms are accepted") {
    for (const char* rule : {
             "all",
             "i != j",
             "p = 0.1",
             "i != j, p = exp(-abs(i - j) / 10)",
             "j = i",
             "j = k for k in range(i - 3, i + 4) if k >= 0",
             "j = k for k in sample(N_post, p = 0.1)",
             "j = k for k in sample(N_post, size = 10), skip_if_invalid = true",
             "in_degree = 8, multapses = true",
             "out_degree = 2",
             "i = [0, 1, 2], j = [5, 6, 7]",
             "file = \"edges.csv\"",
             "v_pre > 0 mV and v_post < 1 mV",
         }) {
        INFO(rule);
        CHECK(check_connect(rule).codes() == "");
    }
}

TEST_CASE("check_connect: a probability with a unit is units.not_dimensionless") {
    auto d = check_connect("p = 10 ms").only();
    CHECK(d.code_at() == "units.not_dimensionless 9:16");
    CHECK(d.message == "'p' must be dimensionless, but it is second");
    CHECK(check_connect("out_degree = 10 mV").only().code_at() == "units.not_dimensionless 9:25");
}

TEST_CASE("check_connect: an unknown setting suggests a known one") {
    auto d = check_connect("in_degre = 8").only();
    CHECK(d.code_at() == "call.unknown_argument 9:12");
    CHECK(d.message == "a connect rule has no setting 'in_degre'");
    CHECK(d.help() == "did you mean 'in_degree'?");
}

TEST_CASE("check_connect: an unknown setting with no close match shows the forms") {
    auto d = check_connect("prob = 0.1").only();
    CHECK(d.help() == "write a condition such as 'i != j', or 'p = 0.1', 'j = ...', "
                      "'in_degree = 10'");
    CHECK(check_connect("p += 0.1").only().code_at() == "call.unknown_argument 9:12");
}

TEST_CASE("check_connect: switches must be true or false and files strings") {
    auto d = check_connect("in_degree = 8, multapses = 1").only();
    CHECK(d.code_at() == "type.mismatch 9:39");
    CHECK(d.message == "'multapses' must be true or false");
    auto f = check_connect("file = 3").only();
    CHECK(f.code_at() == "type.mismatch 9:19");
    CHECK(f.message == "'file' must be a file path (a string)");
    CHECK(check_connect("p = \"a\"").only().message == "'p' must be a number, not string");
}

TEST_CASE("check_connect: a bare expression must be a condition") {
    auto d = check_connect("v_pre").only();
    CHECK(d.code_at() == "type.mismatch 9:12");
    CHECK(d.message ==
          "a connect condition must be a condition (true or false), but this is volt");
}

TEST_CASE("check_connect: a generator is allowed only as the value of i or j") {
    auto d = check_connect("k for k in range(3)").only();
    CHECK(d.code_at() == "type.mismatch 9:12");
    CHECK(d.message.find("only allowed in a connect clause") != std::string::npos);
    CHECK(check_connect("p = k for k in range(3)").only().code_at() == "type.mismatch 9:16");
}

TEST_CASE("check_connect: connect code sees i, j, N_pre, N_post and pre/post variables") {
    CHECK(check_connect("i < N_pre / 2 and j >= N_post / 2").codes() == "");
    auto d = check_connect("vv_pre > 0 mV").only();
    CHECK(d.code_at() == "names.unknown 9:12");
    CHECK(d.help() == "did you mean 'v_pre'?");
}
