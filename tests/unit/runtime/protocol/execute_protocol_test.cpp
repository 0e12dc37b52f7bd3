// Tests for the protocol interpreter (execute_protocol.h): loops, sets, store/restore, branches,
// mean_rate windows and print, each against a hand count.
#include "runtime/protocol/execute_protocol.h"

#include "tests/unit/runtime/run_helpers.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using nj::rt::testing::run_ok;
using nj::rt::testing::RunOptions;

namespace {

// One neuron whose counter c grows by `speed * dt` per step and fires when it passes 9.5, then
// restarts at 0. With speed = 1/dt it fires every 10 steps (1000 Hz), with speed = 0 never.
// v = t/second records the time in the state. Protocols are appended to this text.
const std::string clock_model = R"(
param dt = 0.1 ms
param fast = 1 / (0.1 ms)
param speed = 0 / second
param total = 0
param flag = true
neuron Clock {
  equations {
    dc/dt = speed : 1
    dv/dt = 1 / second : 1
    x : 1
  }
  threshold: c > 9.5
  reset: c = 0
  method: euler
}
group G = Clock(6)
group Sub = G[2:4]
monitor spikes(G)
monitor trace = state(G, v, record = 0:1)
)";

}  // namespace

TEST_CASE("execute_protocol: repeat runs its body n times with the loop variable 0..n-1") {
    auto r = run_ok(clock_model + R"(
repeat 3 as k {
  print "k", k
  set total = total + k
  run 1 ms
}
print "total", total
)");
    CHECK(r.printed == "k 0\nk 1\nk 2\ntotal 3\n");
    CHECK(r.time_s == doctest::Approx(3e-3));
}

TEST_CASE("execute_protocol: print shows string and list parameters as text") {
    auto r = run_ok(clock_model + R"(
param names = ["Or1a", "Or2a"]
param file = "data.csv"
print "inputs:", names, file, [1, 2.5]
)");
    CHECK(r.printed == "inputs: [\"Or1a\", \"Or2a\"] data.csv [1, 2.5]\n");
}

TEST_CASE("execute_protocol: for runs its body once per list item, in order") {
    auto r = run_ok(clock_model + R"(
for d in [1 ms, 2 ms, 4 ms] {
  run d
  set total = total + 1
}
for a in [0.5, 2, 7] { print a }
print total
)");
    CHECK(r.printed == "0.5\n2\n7\n3\n");
    CHECK(r.time_s == doctest::Approx(7e-3));
    CHECK(r.shape("trace_t.npy") == std::vector<size_t>{70});
}

TEST_CASE("execute_protocol: if runs the first block when the condition holds, else the second") {
    const std::string protocol = R"(
if flag { run 2 ms } else { run 5 ms }
if total > 1 { print "big" } else { print "small" }
)";
    auto yes = run_ok(clock_model + protocol);
    CHECK(yes.time_s == doctest::Approx(2e-3));
    CHECK(yes.printed == "small\n");
    RunOptions options{.overrides = {{"flag", "false"}, {"total", "2"}}};
    auto no = run_ok(clock_model + protocol, options);
    CHECK(no.time_s == doctest::Approx(5e-3));
    CHECK(no.printed == "big\n");
}

TEST_CASE("execute_protocol: a parameter set between runs takes effect in the next run") {
    // speed = 0 for 10 ms: no spikes. speed = 1/dt from step 100: c reaches 10 after 10
    // updates, so every neuron fires at steps 109, 119, ..., 199: 10 spikes each.
    auto r = run_ok(clock_model + R"(
run 10 ms
set speed = fast
run 10 ms
)");
    const auto& i = r.values("spikes_G_i.npy");
    const auto& t = r.values("spikes_G_t.npy");
    REQUIRE(t.size() == 6 * 10);
    for (size_t k = 0; k < t.size(); ++k) {
        CAPTURE(k);
        CHECK(t[k] == static_cast<double>(109 + 10 * (k / 6)) * r.dt_s);
        CHECK(i[k] == static_cast<double>(k % 6));
    }
}

TEST_CASE("execute_protocol: mean_rate counts spikes of [start, stop) per element and second") {
    // The spikes of the previous test: steps 109, 119, ..., 199 for each of the 6 neurons.
    auto r = run_ok(clock_model + R"(
run 10 ms
set speed = fast
run 10 ms
analyse whole = mean_rate(G)
analyse first = mean_rate(G, start = 0 ms, stop = 10 ms)
analyse second = mean_rate(G, start = 10 ms, stop = 20 ms)
analyse tail = mean_rate(G, start = 15 ms)
analyse narrow = mean_rate(Sub, start = 11.83 ms, stop = 13.07 ms)
analyse by_monitor = mean_rate(spikes_G, stop = 12 ms)
)");
    CHECK(r.metric("whole") == doctest::Approx(10 / 20e-3));      // 10 spikes in 20 ms
    CHECK(r.metric("first") == 0);
    CHECK(r.metric("second") == doctest::Approx(10 / 10e-3));     // 10 in 10 ms
    CHECK(r.metric("tail") == doctest::Approx(5 / 5e-3));         // steps 159..199 in [150, 200)
    // window bounds round to whole steps: [118, 131), 13 steps, holding steps 119 and 129
    CHECK(r.metric("narrow") == doctest::Approx(2 / 1.3e-3));
    CHECK(r.metric("by_monitor") == doctest::Approx(2 / 12e-3));  // steps 109, 119 in [0, 120)
    CHECK(r.metrics["whole"]["unit"] == "hertz");
}

TEST_CASE("execute_protocol: set G.v = expr assigns each element, with i and compound operators") {
    auto r = run_ok(clock_model + R"(
set G.x = 10 * i + 1
set Sub.x += 100 + i
set G.c = 0.5, total = 4
print total
)");
    CHECK(r.array("G.x") == std::vector<double>{1, 11, 121, 132, 41, 51});
    CHECK(r.array("G.c") == std::vector<double>(6, 0.5));
    CHECK(r.printed == "4\n");
}

TEST_CASE("execute_protocol: restore brings back the stored state and time") {
    // v = t/second, so v shows which time the state belongs to.
    auto r = run_ok(clock_model + R"(
run 10 ms
store before
set G.x = 7
run 5 ms
restore before
run 2 ms
)");
    CHECK(r.time_s == doctest::Approx(12e-3));
    for (double v : r.array("G.v")) CHECK(v == doctest::Approx(12e-3));
    CHECK(r.array("G.x") == std::vector<double>(6, 0.0));
    // the monitor keeps what it saw: steps 0..149, then 100..119 again after the restore
    const auto& t = r.values("trace_t.npy");
    REQUIRE(t.size() == 150 + 20);
    CHECK(t[149] == doctest::Approx(14.9e-3));
    CHECK(t[150] == doctest::Approx(10e-3));
}

TEST_CASE("execute_protocol: restore inside a loop keeps the loop variable's current value") {
    auto r = run_ok(clock_model + R"(
store start
for a in [1, 2, 3] {
  restore start
  print a
}
repeat 2 as trial {
  restore start
  print trial
}
)");
    CHECK(r.printed == "1\n2\n3\n0\n1\n");
}

TEST_CASE("execute_protocol: mean_rate after a restore counts only the restored timeline") {
    // 1000 Hz for 10 ms, store, 10 ms, restore, 10 ms again: now at 20 ms with 20 spikes per
    // neuron on the current timeline, 1000 Hz; the discarded 10 ms must not count.
    auto r = run_ok(clock_model + R"(
set speed = fast
run 10 ms
store middle
run 10 ms
restore middle
run 10 ms
analyse rate = mean_rate(G)
)");
    CHECK(r.time_s == doctest::Approx(20e-3));
    CHECK(r.metric("rate") == doctest::Approx(1000));
}

TEST_CASE("execute_protocol: restoring a name never stored ends the protocol with an error") {
    // `store s` sits in a branch that does not run, so the checker cannot see the mistake.
    nj::rt::testing::RunResult r;
    REQUIRE_NOTHROW(r = nj::rt::testing::run_model_text(clock_model + R"(
if total > 1 { store s }
run 1 ms
restore s
print "after"
)"));
    INFO(r.diagnostics);
    REQUIRE(r.built);
    CHECK_FALSE(r.outcome.complete);
    CHECK_FALSE(r.outcome.non_finite.has_value());
    CHECK(r.outcome.error.find("'s'") != std::string::npos);
    CHECK(r.printed.empty());
    CHECK(r.time_s == doctest::Approx(1e-3));
}
