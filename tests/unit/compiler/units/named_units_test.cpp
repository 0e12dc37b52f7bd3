// Tests for the display table of named SI units.
#include "compiler/units/named_units.h"

#include <doctest/doctest.h>

#include <string_view>

using nj::units::Dimension;
using nj::units::find_named_unit;
using nj::units::named_units;

TEST_CASE("named_units: no two named units share a dimension") {
    auto units = named_units();
    REQUIRE(units.size() == 20);
    for (std::size_t i = 0; i < units.size(); ++i) {
        for (std::size_t j = i + 1; j < units.size(); ++j) {
            CHECK_MESSAGE(units[i].dim != units[j].dim, units[i].name, " vs ", units[j].name);
        }
    }
}

TEST_CASE("named_units: volt is first and the base units are marked") {
    auto units = named_units();
    CHECK(units[0].name == "volt");
    int base_count = 0;
    for (const auto& unit : units) {
        base_count += unit.is_base ? 1 : 0;
    }
    CHECK(base_count == 7);
}

TEST_CASE("find_named_unit: 1/second is hertz, not becquerel") {
    const auto* unit = find_named_unit(Dimension::hertz());
    REQUIRE(unit != nullptr);
    CHECK(unit->name == "hertz");
    CHECK(unit->symbol == "Hz");
}

TEST_CASE("find_named_unit: kilogram prints with the gram symbol") {
    const auto* unit = find_named_unit(Dimension::kilogram());
    REQUIRE(unit != nullptr);
    CHECK(unit->symbol == "g");
    CHECK(unit->symbol_scale == doctest::Approx(1e-3));
}

TEST_CASE("find_named_unit: volt/second has no name") {
    CHECK(find_named_unit(Dimension::volt() / Dimension::second()) == nullptr);
    CHECK(find_named_unit(Dimension::dimensionless()) == nullptr);
}
