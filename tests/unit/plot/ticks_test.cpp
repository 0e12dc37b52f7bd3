// Tests nice_ticks and tick_label.
#include "plot/ticks.h"

#include <doctest/doctest.h>

using nj::plot::nice_ticks;
using nj::plot::tick_label;

TEST_CASE("nice_ticks: round steps inside the range") {
    auto t = nice_ticks(0, 200, 8);
    CHECK(t.step == doctest::Approx(20));
    CHECK(t.values.front() == 0);
    CHECK(t.values.back() <= 200);
    auto small = nice_ticks(-0.07, -0.05, 5);
    CHECK(small.step == doctest::Approx(0.005));
    CHECK(small.values.size() == 5);
    CHECK(nice_ticks(1, 1, 5).values.empty());
}

TEST_CASE("tick_label: as many decimals as the step needs, and never minus zero") {
    CHECK(tick_label(0.25, 0.05) == "0.25");
    CHECK(tick_label(1500, 500) == "1500");
    CHECK(tick_label(-0.0, 0.1) == "0");
    CHECK(tick_label(2e-5, 1e-5) == "2e-05");
}
