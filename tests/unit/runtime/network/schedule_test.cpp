// `schedule:` reorders the parts of a step; parts it leaves out keep Brian2's order after them.
#include "tests/unit/runtime/run_helpers.h"

using nj::rt::testing::run_model_text;
using nj::rt::testing::run_ok;

namespace {

/// x ramps by 0.1 per step; H's y is x summed over one synapse; H spikes when y > 0.55.
std::string ramp_model(const std::string& schedule) {
    return "param dt = 1 ms\n" + schedule + R"(
group G(1) {
  equations { dx/dt = 0.1 / ms : 1 }
  method: euler
}
group H(1) {
  equations { y : 1 }
  threshold: y > 0.55
}
synapses S(G -> H) {
  equations { y_post = x_pre : 1 (summed) }
  connect: all
}
monitor h = spikes(H)
run 10 ms
)";
}

double first_spike(const nj::rt::testing::RunResult& r) {
    const auto& t = r.values("h_t.npy");
    REQUIRE_FALSE(t.empty());
    return t.front();
}

}  // namespace

TEST_CASE("schedule: summed variables before or after the state update") {
    // Default (Brian2): summed before the update, so at step n the threshold sees x(n) = 0.1 n and
    // first exceeds 0.55 at n = 6. Summed after the update: it sees x(n + 1), one step earlier.
    auto standard = run_ok(ramp_model(""));
    auto late_sum = run_ok(ramp_model("schedule: update, summed, thresholds, synapses, resets, monitors"));
    CHECK(first_spike(standard) == doctest::Approx(0.006));
    CHECK(first_spike(late_sum) == doctest::Approx(0.005));
}

TEST_CASE("schedule: an entry the runtime cannot place is reported") {
    auto r = run_model_text(ramp_model("schedule: summed, update, couplings, thresholds"));
    CHECK_FALSE(r.built);
    CHECK(r.diagnostics.find("the schedule entry 'couplings'") != std::string::npos);
}
