// Per-run caches of what a group update computes from constants (compiler/lower/
// cache_invariants.h): the exact propagator of per-neuron time constants, with a drive that
// changes every step, is computed once per run and must give what computing it every step gives,
// also after a `set` between runs changes the constants.
#include "tests/unit/runtime/run_helpers.h"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

using nj::rt::testing::RunOptions;
using nj::rt::testing::run_ok;

namespace {

// Two coupled linear equations with per-neuron time constants and a drive S(t) held over each
// step. `flag` is "(constant)" to let the update cache its propagator, or "" to keep it per step.
std::string model(const std::string& flag, const std::string& between_runs, const std::string& clauses = "") {
    return R"(
param dt = 0.1 ms
neuron Cell {
  equations {
    dv/dt = (-v + I + S) / tau_m : 1
    dI/dt = -I / tau_s : 1
    S = 0.5 * sin(2 * pi * 40 Hz * t) : 1 (constant over dt)
    tau_m : second )" + flag + R"(
    tau_s : second )" + flag + R"(
  }
)" + clauses + R"(  method: exact
}
group G = Cell(5) { init: tau_m = (5 + 3 * i) * ms, tau_s = (2 + i) * ms, I = 1, v = 0.1 * i }
run 20 ms
)" + between_runs + R"(
run 20 ms
)";
}

bool update_is_cached(const std::string& text) {
    bool cached = false;
    RunOptions options;
    options.before_protocol = [&](nj::rt::Network& net) { cached = !net.plan().groups[0].cached_values.empty(); };
    run_ok(text, options);
    return cached;
}

void check_same_states(const std::string& between_runs, const std::string& clauses = "") {
    auto cached = run_ok(model("(constant)", between_runs, clauses));
    auto per_step = run_ok(model("", between_runs, clauses));
    for (const char* name : {"G.v", "G.I", "G.tau_m"}) {
        const auto& a = cached.array(name);
        const auto& b = per_step.array(name);
        REQUIRE(a.size() == b.size());
        for (size_t i = 0; i < a.size(); ++i) {
            INFO(name, "[", i, "] cached ", a[i], " per step ", b[i]);
            CHECK(std::fabs(a[i] - b[i]) <= 1e-13 * std::max(1.0, std::fabs(b[i])));
        }
    }
}

}  // namespace

TEST_CASE("cached values: only constants let an update keep its propagator for the run") {
    CHECK(update_is_cached(model("(constant)", "")));
    CHECK_FALSE(update_is_cached(model("", "")));
}

TEST_CASE("cached values: a propagator computed once per run steps as one computed every step") {
    check_same_states("");
}

TEST_CASE("cached values: constants set between runs reach the next run's propagator") {
    // without the refill at the start of the second run, tau_m would keep its old values
    check_same_states("set G.tau_m = (40 - 2 * i) * ms");
}

TEST_CASE("cached values: a constant some step writes is computed every step") {
    // the resets lengthen tau_m during the run: only what reads tau_s alone may be cached
    const std::string clauses = "  threshold: v > 0.1\n  reset: v = 0; tau_m = 1.5 * tau_m\n";
    CHECK(update_is_cached(model("(constant)", "", clauses)));
    auto per_step = run_ok(model("", "", clauses));
    CHECK(per_step.spike_count > 5);
    check_same_states("", clauses);
}

TEST_CASE("cached values: a Poisson input's per-neuron weight is cached, and refilled after a set") {
    // weight_i = scale * w[i] / (1 + i): a constant per neuron, until `set scale = 0`
    const std::string first_run = R"(
param dt = 0.1 ms
param scale = 1
param w = [1, 3, 5, 7]
neuron Acc {
  equations { v : 1 }
}
group G = Acc(4)
input Drive = poisson_input(G.v, n = 20, rate = 200 Hz, weight = scale * w[i] / (1 + i))
run 10 ms
)";
    size_t fills = 0;
    RunOptions options;
    options.before_protocol = [&](nj::rt::Network& net) { fills = net.plan().groups[0].cached_values.size(); };
    auto once = run_ok(first_run, options);
    CHECK(fills == 1);
    // 100 steps of Poisson(20 * 200 Hz * 0.1 ms = 0.4) events: 40 on average, sd 6.3
    const auto& v = once.array("G.v");
    for (size_t i = 0; i < v.size(); ++i) {
        const double weight = (2.0 * static_cast<double>(i) + 1.0) / (static_cast<double>(i) + 1.0);
        INFO("v[", i, "] = ", v[i]);
        CHECK(std::fabs(v[i] / weight - 40.0) < 5 * std::sqrt(40.0));
    }
    // with the weights refilled as 0, a second run adds nothing
    auto twice = run_ok(first_run + "set scale = 0\nrun 10 ms\n");
    CHECK(twice.array("G.v") == v);
}
