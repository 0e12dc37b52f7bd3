// previous(x) (LowerContext::history_array, Network::prime/capture/shift_history): x evaluated on
// the state at the start of the previous step, summed variables included; the initial state
// before the first step; nested previous() reaches further back.
#include "tests/unit/runtime/run_helpers.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using nj::rt::testing::run_ok;

namespace {

// x counts steps (x = n at the start of step n); s_post is summed from x_pre each step.
const std::string ramp = R"(
param dt = 1 ms
neuron N {
  equations {
    dx/dt = 1 / ms : 1
    s : 1
    v : 1
    y = previous(x) : 1
    z = previous(previous(x)) : 1
    w = previous(s) : 1
    tp = previous(t) / ms : 1
    dq/dt = previous(x) / ms : 1
  }
  method: euler
}
group G = N(2)
synapses S(G -> G) {
  connect: i == j
  equations {
    s_post = x_pre + 100 : 1 (summed)
    v_post = previous(x_pre) : 1 (summed)
  }
}
monitor m = state(G, x, y, z, s, w, tp, q, v, record = 0:1)
)";

}  // namespace

TEST_CASE("previous: one and two steps back, the initial state before the first step") {
    auto r = run_ok(ramp + "run 5 ms\n");
    CHECK(r.values("m_x.npy") == std::vector<double>{0, 1, 2, 3, 4});
    CHECK(r.values("m_y.npy") == std::vector<double>{0, 0, 1, 2, 3});
    CHECK(r.values("m_z.npy") == std::vector<double>{0, 0, 0, 1, 2});
    // time one step back (the first step has no earlier step: t - dt)
    CHECK(r.values("m_tp.npy") == std::vector<double>{-1, 0, 1, 2, 3});
    // through a synapse: the pre neuron's x one step back, summed at each step's start (so the
    // monitor, which records before that, sees the previous step's sum)
    CHECK(r.values("m_v.npy") == std::vector<double>{0, 0, 0, 1, 2});
}

TEST_CASE("previous: summed variables as the step's right-hand sides saw them") {
    auto r = run_ok(ramp + "run 5 ms\n");
    // s at the start of step n is x(n) + 100; previous(s) at step n is x(n - 1) + 100, and the
    // initial state's summed value before the first step
    CHECK(r.values("m_w.npy") == std::vector<double>{100, 100, 101, 102, 103});
}

TEST_CASE("previous: integrated on the state one step back") {
    // q(n + 1) = q(n) + x(n - 1): 0, 0, 0, 1, 3, 6
    auto r = run_ok(ramp + "run 6 ms\n");
    CHECK(r.values("m_q.npy") == std::vector<double>{0, 0, 0, 1, 3, 6});
}

TEST_CASE("previous: kept by store and restore, not changed by set") {
    auto r = run_ok(ramp + R"(
run 3 ms
store mid
set G.x = 50
run 2 ms
restore mid
run 1 ms
)");
    // steps 0-2, then set x = 50 at step 3: previous(x) still 2 there; then 50 at step 4;
    // after restore (step 3 again, x = 3) previous(x) is 2 as stored
    CHECK(r.values("m_x.npy") == std::vector<double>{0, 1, 2, 50, 51, 3});
    CHECK(r.values("m_y.npy") == std::vector<double>{0, 0, 1, 2, 50, 2});
}

TEST_CASE("previous: the prospective voltage of a forward-Euler unit is the previous step's drive") {
    // ŭ = u(t - dt) + tau (u - u(t - dt)) / dt with du/dt = (u_eff - u) / tau under Euler is exactly
    // u_eff one step earlier (error-microcircuit spec §0.4-0.5): the somatic low-pass cancels.
    auto r = run_ok(R"(
param dt = 0.01 ms
param tau = 5.26 ms
group G(3) {
  equations {
    du/dt = (u_eff - u) / tau : 1
    u_eff = sin(2 * pi * t / (0.37 ms) + i) + 0.3 * i : 1
    ub = previous(u) + tau * (u - previous(u)) / dt : 1
  }
  init: u = 0.5 * i - 0.4
  method: euler
}
monitor m = state(G, u_eff, ub)
run 1 ms
)");
    const auto& u_eff = r.output("m_u_eff.npy");
    const auto& ub = r.output("m_ub.npy");
    REQUIRE(ub.values.size() == 300);
    double worst = 0;
    for (size_t n = 1; n < 100; ++n) {
        for (size_t k = 0; k < 3; ++k) worst = std::max(worst, std::abs(ub.values[n * 3 + k] - u_eff.values[(n - 1) * 3 + k]));
    }
    // tau / dt = 526 amplifies the rounding of u: 1e-12 is many orders below any real mismatch
    CHECK(worst < 1e-11);
}

TEST_CASE("previous: the copies of a float state in single precision") {
    nj::rt::testing::RunOptions single;
    single.precision = "single";
    auto r = run_ok(ramp + "run 5 ms\n", single);
    CHECK(r.values("m_y.npy") == std::vector<double>{0, 0, 1, 2, 3});
    CHECK(r.values("m_z.npy") == std::vector<double>{0, 0, 0, 1, 2});
    CHECK(r.values("m_w.npy") == std::vector<double>{100, 100, 101, 102, 103});
}
