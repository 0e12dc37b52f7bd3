// The protocol's planned model time (for the progress line's ETA): runs, loops multiplied out,
// the branch an `if` picks, and nothing when a duration is not finite.
#include "runtime/protocol/planned_duration.h"

#include "tests/unit/runtime/run_helpers.h"

#include <optional>

using nj::rt::testing::RunOptions;
using nj::rt::testing::run_ok;

namespace {

std::optional<double> planned(const std::string& protocol) {
    std::optional<double> out;
    RunOptions options;
    options.before_protocol = [&out](nj::rt::Network& network) {
        out = nj::rt::planned_duration(network.plan().protocol, network);
    };
    run_ok("param dt = 0.1 ms\n"
           "param T = 2 ms\n"
           "param on = true\n"
           "neuron N { equations { v : 1 } }\n"
           "group G = N(1)\n" + protocol, options);
    return out;
}

}  // namespace

TEST_CASE("planned_duration: runs add up, loops multiply, an if counts its chosen branch") {
    CHECK(planned("run 1 ms\nrun T\n").value() == doctest::Approx(3e-3));
    CHECK(planned("repeat 3 as k { run T\nrun 1 ms }\n").value() == doctest::Approx(9e-3));
    CHECK(planned("for x in [1, 2] { repeat 2 { run 1 ms } }\nrun 1 ms\n").value() == doctest::Approx(5e-3));
    CHECK(planned("if on { run 5 ms } else { run 1 ms }\n").value() == doctest::Approx(5e-3));
    CHECK(planned("if not on { run 5 ms } else { run 1 ms }\n").value() == doctest::Approx(1e-3));
    CHECK(planned("set G.v = 1\n").value() == 0.0);
}
