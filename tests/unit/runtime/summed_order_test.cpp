// Summed variables that read other summed variables (Network::update_summed,
// summed_dependency_order): every sum into a variable is complete before a summed expression
// reads it, whatever the declaration order; the step's right-hand sides then see one consistent
// set of sums. Also `schedule: synapse_updates` (clock-driven synapse equations before the groups
// move).
#include "tests/unit/runtime/run_helpers.h"

#include <string>
#include <vector>

using nj::rt::testing::run_ok;

namespace {

// H.x = w * G.y, G.y = sum over K of k (K = 2 sources of 5 and 7): 12 and then 24 with w = 2.
// The reader `Read` is declared before the writers `Fill1`, `Fill2`.
const std::string chain = R"(
param dt = 1 ms
group K(2) {
  equations { k : 1 }
  k = 5 + 2 * i
}
group G(1) {
  equations { y : 1 }
}
group H(1) {
  equations {
    x : 1
    dacc/dt = x / ms : 1
  }
  method: euler
}
synapses Read(G -> H) {
  connect: all
  equations {
    w : 1
    x_post = w * y_pre : 1 (summed)
  }
  init: w = 2
}
synapses Fill1(K -> G) {
  connect: i == 0
  equations { y_post = k_pre : 1 (summed) }
}
synapses Fill2(K -> G) {
  connect: i == 1
  equations { y_post = k_pre : 1 (summed) }
}
monitor m = state(H, x, acc)
run 3 ms
)";

/// (object, index) pairs as one flat list, which doctest can print
std::vector<size_t> flat(const std::vector<std::pair<size_t, size_t>>& order) {
    std::vector<size_t> out;
    for (auto [k, m] : order) out.insert(out.end(), {k, m});
    return out;
}

}  // namespace

TEST_CASE("summed order: a sum that reads another waits for every sum into it") {
    auto r = run_ok(chain);
    // x is 24 from the first step on (the monitor records before the step's sums: 0 first)
    CHECK(r.values("m_x.npy") == std::vector<double>{0, 24, 24});
    // and the update of each step already sees it: acc grows by 24 per step
    CHECK(r.values("m_acc.npy") == std::vector<double>{0, 24, 48});
}

TEST_CASE("summed order: the order of the sums follows what they read") {
    nj::rt::NetworkPlan plan;
    auto sum = [](int target, std::vector<int> reads) {
        nj::rt::SummedPlan s;
        s.clear.arrays = {target};
        s.add.arrays = std::move(reads);
        s.add.arrays.push_back(target);
        return s;
    };
    plan.synapses.resize(3);
    plan.synapses[0].summed = {sum(10, {11})};  // reads 11, which 1 and 2 write
    plan.synapses[1].summed = {sum(11, {12})};  // reads 12, which 2 writes
    plan.synapses[2].summed = {sum(11, {}), sum(12, {})};
    // the ready sums in declaration order, pass after pass
    CHECK(flat(nj::rt::summed_dependency_order(plan)) == std::vector<size_t>{2, 0, 2, 1, 1, 0, 0, 0});
}

TEST_CASE("summed order: a cycle keeps the declaration order instead of hanging") {
    nj::rt::NetworkPlan plan;
    plan.synapses.resize(2);
    plan.synapses[0].summed.resize(1);
    plan.synapses[0].summed[0].clear.arrays = {1};
    plan.synapses[0].summed[0].add.arrays = {2, 1};
    plan.synapses[1].summed.resize(1);
    plan.synapses[1].summed[0].clear.arrays = {2};
    plan.synapses[1].summed[0].add.arrays = {1, 2};
    CHECK(flat(nj::rt::summed_dependency_order(plan)) == std::vector<size_t>{0, 0, 1, 0});
}

TEST_CASE("schedule: synapse_updates run clock-driven synapse equations before the groups move") {
    // w follows the post neuron's v: with synapse_updates first it sees v at the step's start
    auto model = [](const std::string& schedule) {
        return "param dt = 1 ms\n" + schedule + R"(
group G(1) {
  equations { dv/dt = 1 / ms : 1 }
  method: euler
}
synapses S(G -> G) {
  connect: all
  equations { dw/dt = (v_post - w) / dt : 1 (clock-driven) }
  method: euler
}
monitor m = state(S, w)
run 4 ms
)";
    };
    // w(n + 1) = v(n) before the group's update, v(n + 1) after it
    CHECK(run_ok(model("schedule: summed, synapse_updates, update\n")).values("m_w.npy") ==
          std::vector<double>{0, 0, 1, 2});
    CHECK(run_ok(model("")).values("m_w.npy") == std::vector<double>{0, 1, 2, 3});
}
