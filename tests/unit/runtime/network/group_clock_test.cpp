// A group's own time step (`dt:` clause, compiler/lower/lower_clocks.h): its kernels run at every
// k-th network step with dt = k dt, it spikes only at its own steps, and a clock that is not a
// whole multiple of the network's dt is refused.
#include "tests/unit/runtime/run_helpers.h"

#include <cmath>
#include <string>
#include <vector>

using nj::rt::testing::run_model_text;
using nj::rt::testing::run_ok;

namespace {

std::string clocked(const std::string& clock) {
    return R"(
param dt = 1 ms
neuron Ramp {
  equations {
    dx/dt = 1 / ms : 1
    dn/dt = 1 / dt : 1
  }
  threshold: x > 5.5
  reset: x = 0
  dt: )" + clock + R"(
  method: euler
}
group Slow = Ramp(1)
group Fast(1) {
  equations { dy/dt = 1 / ms : 1 }
  method: euler
}
monitor m = state(Slow, x, n)
monitor s = spikes(Slow)
run 20 ms
)";
}

}  // namespace

TEST_CASE("group clock: updates every k-th step by k dt, spikes only then") {
    auto r = run_ok(clocked("4 * dt"));
    // updated at steps 0, 4, 8, ...: x grows by 4 ms * 1/ms each time and is reset past 5.5
    std::vector<double> x = r.values("m_x.npy");
    REQUIRE(x.size() == 20);
    for (size_t n = 0; n < x.size(); ++n) {
        INFO("step ", n);
        double expected = n == 0 ? 0.0 : (((n - 1) / 4) % 2 == 0 ? 4.0 : 0.0);
        CHECK(x[n] == doctest::Approx(expected));
    }
    // `1 / dt` inside the group is 1 / (4 ms): n counts the group's own steps
    CHECK(r.values("m_n.npy").back() == doctest::Approx(5.0));
    // spikes at the group's steps 4 and 12 (x = 8 > 5.5), never in between
    std::vector<double> t = r.values("s_t.npy");
    REQUIRE(t.size() == 2);
    CHECK(t[0] == doctest::Approx(0.004));
    CHECK(t[1] == doctest::Approx(0.012));
    // the other group keeps the network's step
    CHECK(r.arrays.at("Fast.y")[0] == doctest::Approx(20.0));
}

TEST_CASE("group clock: a step that is not a whole multiple of dt is refused") {
    for (const char* clock : {"2.5 * dt", "0.5 ms"}) {
        INFO(clock);
        auto r = run_model_text(clocked(clock));
        CHECK_FALSE(r.built);
        CHECK(r.diagnostics.find("whole multiple") != std::string::npos);
        CHECK(r.diagnostics.find(":10:") != std::string::npos);
    }
}
