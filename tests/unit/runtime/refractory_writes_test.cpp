// Brian2's rule for variables marked `unless refractory` (lower_context.h,
// guard_refractory_writes): synaptic pathways and Poisson inputs change them only while the
// target is not refractory; the group's reset still applies. Expected values follow Brian2
// 2.5.1, whose generated code writes such variables only where not_refractory holds.
#include "tests/unit/runtime/run_helpers.h"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

using nj::rt::testing::run_ok;

namespace {

// Target: fires at step 0 (V starts above threshold), resets to 10 mV and is refractory for
// 2 ms (steps 1-19). Src spikes at 0.5, 1.0 and 3.0 ms; each spike adds 1 mV to V.
std::string model(const std::string& extra, const std::string& duration = "4 ms") {
    return R"(
param dt = 0.1 ms
param tau = 20 ms
neuron Target {
  equations { dV/dt = -V / tau : volt (unless refractory) }
  threshold: V > 20 mV
  reset: V = 10 mV
  refractory: 2 ms
  method: exact
}
neuron Clock {
  equations { x : 1 }
  threshold: abs(t - 0.5 ms) < 0.01 ms or abs(t - 1 ms) < 0.01 ms or abs(t - 3 ms) < 0.01 ms
}
group T = Target(1) { init: V = 25 mV }
group Src = Clock(1)
)" + extra + "\nrun " + duration + "\n";
}

}  // namespace

TEST_CASE("refractoriness: spikes onto an `unless refractory` variable during the refractory period are ignored") {
    auto r = run_ok(model(R"(
synapses S(Src -> T) {
  on_pre: V_post += 1 mV
  connect: all
}
)"));
    // Brian2: V = 10 mV held through step 19; the spikes at steps 5 and 10 change nothing; from
    // step 20 V decays, and the spike at step 30 adds 1 mV that decays for the 9 steps left.
    double decay = std::exp(-0.1 / 20);
    double expected = 10e-3 * std::pow(decay, 20) + 1e-3 * std::pow(decay, 9);
    CHECK(r.array("T.V")[0] == doctest::Approx(expected).epsilon(1e-12));
}

TEST_CASE("refractoriness: a Poisson input onto an `unless refractory` variable waits for the refractory period to end") {
    // 1000 sources at 1 kHz: about 100 events of 1 uV per step while T is not refractory
    const std::string drive = "input Drive = poisson_input(T.V, n = 1000, rate = 1 kHz, weight = 1 uV)";
    auto refractory = run_ok(model(drive, "1.5 ms"));
    CHECK(refractory.array("T.V")[0] == 10e-3);  // held at the reset value, exactly
    auto after = run_ok(model(drive));
    // 20 free steps of about 0.1 mV each against a decay of 10 mV * (1 - 0.905)
    double decay = std::exp(-0.1 / 20);
    CHECK(after.array("T.V")[0] > 10e-3 * std::pow(decay, 20) + 1e-3);
}
