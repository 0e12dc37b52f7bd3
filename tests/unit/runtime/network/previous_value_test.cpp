// previous(x) (LowerContext::history_array, Network::prime/capture/shift_history): x evaluated on
// the state at the start of the previous step, summed variables included; the initial state
// before the first step; nested previous() reaches further back.
#include "tests/unit/runtime/run_helpers.h"

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
