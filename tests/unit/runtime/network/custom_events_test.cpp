// Tests of custom events (`event NAME:` and `on_event NAME:`) run through the whole pipeline.
#include "tests/unit/runtime/run_helpers.h"

#include <doctest/doctest.h>

using nj::rt::testing::run_model_text;

TEST_CASE("custom events: on_event code runs on every step whose event condition holds") {
    // v grows by 0.1 per step from 0.1 * i; after the update of step k, v = 0.1 * (i + k + 1),
    // so v > 0.55 holds for i + k + 1 >= 6: on 5, 6 and 7 of the 10 steps for i = 0, 1, 2.
    auto r = run_model_text(R"(
param dt = 1 ms
neuron Ramp {
  equations {
    dv/dt = 1 / (10 ms) : 1
    n : 1
  }
  event high: v > 0.55
  on_event high: n += 1
  method: euler
}
group G = Ramp(3) {
  init: v = 0.1 * i
}
run 10 ms
)");
    REQUIRE(r.built);
    CHECK(r.arrays.at("G.n") == std::vector<double>{5, 6, 7});
    CHECK(r.arrays.at("G.event_high") == std::vector<double>{1, 1, 1});
}

TEST_CASE("custom events: an event does not make the group spike") {
    auto r = run_model_text(R"(
param dt = 1 ms
neuron Quiet {
  equations {
    dv/dt = 1 / (10 ms) : 1
  }
  event half: v > 0.5
  on_event half: v = 0
  method: euler
}
group G = Quiet(2)
run 20 ms
)");
    REQUIRE(r.built);
    CHECK(r.spike_count == 0);
    // v reaches 0.6 after steps 5, 11 and 17 and is set to 0 there; two more steps give 0.2
    CHECK(r.arrays.at("G.v")[0] == doctest::Approx(0.2).epsilon(1e-9));
}
