// Schedule entries that name a group or a synapses object (Network::group_step, synapses_step):
// the object's whole step runs there, the generic slots skip it, a pathway listed before its
// post group acts in the same step and one listed after it a step later, and a summed target
// that several named objects add to is cleared once per step.
#include "tests/unit/runtime/run_helpers.h"

#include <string>
#include <vector>

using nj::rt::testing::run_model_text;
using nj::rt::testing::run_ok;

namespace {

// Src spikes at step 0 only; S adds 1 to Dst.v per spike; Dst.w integrates v (so it shows in
// which step Dst's update first saw the spike).
std::string relay(const std::string& schedule) {
    return "param dt = 1 ms\nschedule: " + schedule + R"(
group Src(1) {
  equations { dz/dt = 0 / ms : 1 }
  threshold: t < 0.5 * ms
}
group Dst(1) {
  equations {
    v : 1
    dw/dt = v / ms : 1
  }
  method: euler
}
synapses S(Src -> Dst) {
  connect: all
  on_pre: v_post += 1
}
monitor m = state(Dst, w)
run 4 ms
)";
}

}  // namespace

TEST_CASE("object schedule: a pathway before its post group acts in the same step, after it one step later") {
    // Src, S, Dst: the spike of step 0 is delivered in step 0 and Dst's update of step 0 sees it
    CHECK(run_ok(relay("Src, S, Dst")).values("m_w.npy") == std::vector<double>{0, 1, 2, 3});
    // Src, Dst, S: delivered in step 0 after Dst moved: seen from step 1 on
    CHECK(run_ok(relay("Src, Dst, S")).values("m_w.npy") == std::vector<double>{0, 0, 1, 2});
    // S, Src, Dst: S delivers the spike of step 0 in step 1
    CHECK(run_ok(relay("S, Src, Dst")).values("m_w.npy") == std::vector<double>{0, 0, 1, 2});
}

TEST_CASE("object schedule: objects left out keep the generic slots") {
    // only Dst has a step of its own: Src spikes in `thresholds`, S delivers in `synapses`, both
    // after Dst (listed first)
    CHECK(run_ok(relay("Dst, update, thresholds, synapses")).values("m_w.npy") == std::vector<double>{0, 0, 1, 2});
}

TEST_CASE("object schedule: named objects summing into one target add up, cleared once per step") {
    auto r = run_ok(R"(
param dt = 1 ms
schedule: A1, A2, update
group K(2) {
  equations { k : 1 }
  k = 5 + 2 * i
}
group G(1) {
  equations { x : 1 }
}
synapses A1(K -> G) {
  connect: i == 0
  equations { x_post = k_pre : 1 (summed) }
}
synapses A2(K -> G) {
  connect: i == 1
  equations { x_post = k_pre : 1 (summed) }
}
monitor m = state(G, x)
run 3 ms
)");
    CHECK(r.values("m_x.npy") == std::vector<double>{0, 12, 12});
}

TEST_CASE("object schedule: a subgroup has no step of its own") {
    auto r = run_model_text(R"(
param dt = 1 ms
schedule: Part, update
group G(4) {
  equations { dv/dt = 1 / ms : 1 }
  method: euler
}
group Part = G[0:2]
run 1 ms
)");
    CHECK_FALSE(r.built);
    CHECK(r.diagnostics.find("3:11: error[run.unsupported]: a step of its own for the subgroup 'Part'") !=
          std::string::npos);
}
