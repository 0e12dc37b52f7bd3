// prev(x) in threshold and reset code (compiler/lower/lower_previous.h): x at the start of the
// step, before that step's integration, whether the threshold runs inside the update kernel or
// in a kernel of its own.
#include "tests/unit/runtime/run_helpers.h"

#include <cmath>
#include <string>
#include <vector>

using nj::rt::testing::run_ok;
using nj::rt::testing::RunResult;

namespace {

/// x grows by 1 per step from 0; G spikes by `threshold`; `schedule` may separate the threshold
/// from the update.
std::string ramp(const std::string& threshold, const std::string& schedule = "") {
    return "param dt = 1 ms\n" + schedule + R"(
group G(1) {
  equations { dx/dt = 1 / ms : 1 }
  threshold: )" + threshold + R"(
  method: euler
}
monitor s = spikes(G)
run 6 ms
)";
}

std::vector<long> spike_steps(const RunResult& r) {
    std::vector<long> out;
    for (double t : r.values("s_t.npy")) out.push_back(std::lround(t / r.dt_s));
    return out;
}

}  // namespace

TEST_CASE("prev: the threshold sees x before the step's integration") {
    // After step n, x = n + 1 and prev(x) = n: `x >= 3` first holds at step 2, `prev(x) >= 3` at 3.
    CHECK(spike_steps(run_ok(ramp("x >= 3"))) == std::vector<long>{2, 3, 4, 5});
    CHECK(spike_steps(run_ok(ramp("prev(x) >= 3"))) == std::vector<long>{3, 4, 5});
    // the increment over the step is exactly 1
    CHECK(spike_steps(run_ok(ramp("x - prev(x) > 0.99 and x - prev(x) < 1.01"))).size() == 6);
}

TEST_CASE("prev: the same with the threshold in a kernel of its own") {
    // summed between update and thresholds keeps them apart (no fusion)
    std::string schedule = "schedule: update, summed, thresholds, synapses, resets\n";
    CHECK(spike_steps(run_ok(ramp("prev(x) >= 3", schedule))) == std::vector<long>{3, 4, 5});
    CHECK(spike_steps(run_ok(ramp("x >= 3", schedule))) == std::vector<long>{2, 3, 4, 5});
}

TEST_CASE("prev: reset code reads the value at the start of the step") {
    // the reset puts x back to its pre-step value: x stays at 3 once it got there
    auto r = run_ok(R"(
param dt = 1 ms
group G(1) {
  equations { dx/dt = 1 / ms : 1 }
  threshold: x > 3
  reset: x = prev(x)
  method: euler
}
run 10 ms
)");
    CHECK(r.array("G.x")[0] == doctest::Approx(3.0));
}
