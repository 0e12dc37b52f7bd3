// The theta (QIF) neuron against its analytic period: dθ/dt = (1 - cos θ + I (1 + cos θ)) / T
// advances θ by 2π every π T / sqrt(I) for I > 0, and from θ = 0 first passes π at
// π T / (2 sqrt(I)). Spikes are detected as the FORCE model does, when the unwrapped phase passes
// an odd multiple of π during a step (prev(x)).
#include "tests/unit/runtime/run_helpers.h"

#include <cmath>
#include <numbers>

using nj::rt::testing::RunOptions;
using nj::rt::testing::run_ok;

TEST_CASE("theta neuron: spike times follow the analytic period pi T / sqrt(I)") {
    const std::string text =
        "param dt = 0.01 ms\n"
        "param drive = 0.5\n"
        "param T = 10 ms\n"
        "neuron Theta {\n"
        "  equations { dx/dt = (1 - cos(x) + drive * (1 + cos(x))) / T : 1 }\n"
        "  threshold: x - prev(x) > mod(pi - mod(prev(x), 2 * pi), 2 * pi)\n"
        "  method: rk4\n"
        "}\n"
        "group G = Theta(1) { init: x = 0 }\n"
        "monitor sp = spikes(G)\n"
        "run 300 ms\n";
    for (double drive : {0.5, 2.0}) {
        CAPTURE(drive);
        RunOptions options;
        options.overrides = {{"drive", std::to_string(drive)}};
        auto r = run_ok(text, options);
        const auto& t = r.values("sp_t.npy");
        const double period = std::numbers::pi * 0.010 / std::sqrt(drive);
        REQUIRE(t.size() >= 5);
        // each spike lands in the step in which the phase passes π: within one step of it
        for (size_t k = 0; k < t.size(); ++k) {
            double exact = period / 2 + static_cast<double>(k) * period;
            CHECK(std::abs(t[k] - exact) <= 1e-5 + 1e-9);
        }
        // and no spike is missing at the end of the run
        CHECK(t.size() == static_cast<size_t>(std::floor((0.300 - period / 2) / period)) + 1);
    }
}
