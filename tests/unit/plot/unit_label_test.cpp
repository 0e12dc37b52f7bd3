// Tests display_unit and axis_label.
#include "plot/unit_label.h"

#include <doctest/doctest.h>

using nj::plot::axis_label;
using nj::plot::display_unit;

TEST_CASE("display_unit: SI names become symbols with a prefix for the data's range") {
    CHECK(display_unit("volt", 0.065).symbol == "mV");
    CHECK(display_unit("volt", 0.065).factor == doctest::Approx(1e3));
    CHECK(display_unit("second", 0.2).symbol == "ms");
    CHECK(display_unit("second", 50).symbol == "s");
    CHECK(display_unit("second", 5000).symbol == "s");
    CHECK(display_unit("hertz", 40).symbol == "Hz");
    CHECK(display_unit("volt/second", 3).symbol == "volt/second");
    CHECK(display_unit("1", 3).symbol.empty());
    CHECK(axis_label("v", display_unit("volt", 0.07)) == "v (mV)");
    CHECK(axis_label("w", display_unit("", 0.01)) == "w");
}
