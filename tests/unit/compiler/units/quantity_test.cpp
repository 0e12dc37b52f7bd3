// Tests for quantity arithmetic and display (format_quantity).
#include "compiler/units/quantity.h"

#include <doctest/doctest.h>

using nj::units::Dimension;
using nj::units::format_number;
using nj::units::format_quantity;
using nj::units::Quantity;
using nj::units::Rational;

TEST_CASE("Quantity: multiplication and division combine values and dimensions") {
    Quantity g{1e-9, Dimension::siemens()};
    Quantity v{-0.065, Dimension::volt()};
    Quantity i = g * v;
    CHECK(i.value == doctest::Approx(-6.5e-11));
    CHECK(i.dim == Dimension::amp());
    Quantity rate = v / Quantity{0.02, Dimension::second()};
    CHECK(rate.value == doctest::Approx(-3.25));
    CHECK(rate.dim == Dimension::volt() / Dimension::second());
}

TEST_CASE("Quantity: addition and subtraction keep the left dimension") {
    Quantity a{0.01, Dimension::volt()};
    Quantity b{0.005, Dimension::volt()};
    CHECK((a + b).value == doctest::Approx(0.015));
    CHECK((a - b).value == doctest::Approx(0.005));
    CHECK((a - b).dim == Dimension::volt());
    CHECK((-a).value == doctest::Approx(-0.01));
}

TEST_CASE("Quantity: pow raises value and dimension") {
    Quantity area{4e-6, Dimension::metre().pow(2)};
    Quantity side = nj::units::pow(area, Rational(1, 2));
    CHECK(side.value == doctest::Approx(2e-3));
    CHECK(side.dim == Dimension::metre());
}

TEST_CASE("format_number: six significant digits without trailing zeros") {
    CHECK(format_number(20.0) == "20");
    CHECK(format_number(0.1) == "0.1");
    CHECK(format_number(1.0 / 3.0) == "0.333333");
    CHECK(format_number(123456789.0) == "1.23457e+08");
    CHECK(format_number(-0.0) == "0");
    CHECK(format_number(2.5) == "2.5");
}

TEST_CASE("format_quantity: named units get the prefix that puts the number in [1, 1000)") {
    CHECK(format_quantity({0.02, Dimension::second()}) == "20 ms");
    CHECK(format_quantity({1e-9, Dimension::siemens()}) == "1 nS");
    CHECK(format_quantity({5.0, Dimension::hertz()}) == "5 Hz");
    CHECK(format_quantity({-0.065, Dimension::volt()}) == "-65 mV");
    CHECK(format_quantity({2e-10, Dimension::farad()}) == "200 pF");
    CHECK(format_quantity({1e8, Dimension::ohm()}) == "100 Mohm");
    CHECK(format_quantity({1.5e-12, Dimension::amp()}) == "1.5 pA");
    CHECK(format_quantity({1e-6, Dimension::metre()}) == "1 um");
    CHECK(format_quantity({2500.0, Dimension::hertz()}) == "2.5 kHz");
    CHECK(format_quantity({1.0, Dimension::volt()}) == "1 V");
    CHECK(format_quantity({999.9999999, Dimension::volt()}) == "1 kV");
    CHECK(format_quantity({0.0009999999999, Dimension::second()}) == "1 ms");
}

TEST_CASE("format_quantity: kilogram is shown in grams") {
    CHECK(format_quantity({2e-3, Dimension::kilogram()}) == "2 g");
    CHECK(format_quantity({70.0, Dimension::kilogram()}) == "70 kg");
}

TEST_CASE("format_quantity: zero and out-of-range values use the bare symbol") {
    CHECK(format_quantity({0.0, Dimension::volt()}) == "0 V");
    CHECK(format_quantity({1e-20, Dimension::second()}) == "1e-20 s");
    CHECK(format_quantity({3e20, Dimension::hertz()}) == "3e+20 Hz");
}

TEST_CASE("format_quantity: dimensionless values are bare numbers") {
    CHECK(format_quantity({0.1, Dimension::dimensionless()}) == "0.1");
    CHECK(format_quantity({42.0, Dimension::dimensionless()}) == "42");
}

TEST_CASE("format_quantity: other dimensions follow the number in words") {
    CHECK(format_quantity({3.0, Dimension::volt() / Dimension::second()}) == "3 volt/second");
    CHECK(format_quantity({0.5, Dimension::siemens() / Dimension::metre().pow(2)}) ==
          "0.5 siemens/metre**2");
}
