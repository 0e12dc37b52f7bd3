// Tests for dimension algebra (nj::units::Dimension).
#include "compiler/units/dimension.h"

#include <doctest/doctest.h>

using nj::units::Dimension;
using nj::units::Rational;

TEST_CASE("Dimension: dimensionless has all exponents zero") {
    CHECK(Dimension::dimensionless().is_dimensionless());
    CHECK(Dimension::dimensionless().factor_count() == 0);
    CHECK_FALSE(Dimension::volt().is_dimensionless());
}

TEST_CASE("Dimension: base sets one exponent in Brian2's order") {
    Dimension s = Dimension::base(nj::units::second_index);
    CHECK(s.exponents[2] == Rational(1));
    CHECK(s.factor_count() == 1);
    CHECK(s == Dimension::second());
    CHECK(Dimension::base(0) == Dimension::metre());
    CHECK(Dimension::base(6) == Dimension::candela());
    CHECK(Dimension::base(7).is_dimensionless());
    CHECK(Dimension::base(-1).is_dimensionless());
}

TEST_CASE("Dimension: volt is metre**2 * kilogram * second**-3 * amp**-1") {
    Dimension v = Dimension::volt();
    CHECK(v.exponent(0) == Rational(2));
    CHECK(v.exponent(1) == Rational(1));
    CHECK(v.exponent(2) == Rational(-3));
    CHECK(v.exponent(3) == Rational(-1));
    CHECK(v.exponent(4) == Rational(0));
    CHECK(v.factor_count() == 4);
}

TEST_CASE("Dimension: volt/second * second == volt") {
    Dimension rate = Dimension::volt() / Dimension::second();
    CHECK(rate != Dimension::volt());
    CHECK(rate * Dimension::second() == Dimension::volt());
}

TEST_CASE("Dimension: derived units agree with their definitions") {
    using D = Dimension;
    CHECK(D::ohm() == D::volt() / D::amp());
    CHECK(D::siemens() * D::ohm() == D::dimensionless());
    CHECK(D::farad() == D::coulomb() / D::volt());
    CHECK(D::coulomb() == D::amp() * D::second());
    CHECK(D::hertz() * D::second() == D::dimensionless());
    CHECK(D::joule() == D::newton() * D::metre());
    CHECK(D::watt() == D::joule() / D::second());
    CHECK(D::watt() == D::volt() * D::amp());
    CHECK(D::pascal() == D::newton() / D::metre().pow(2));
    CHECK(D::weber() == D::volt() * D::second());
    CHECK(D::tesla() == D::weber() / D::metre().pow(2));
    CHECK(D::henry() == D::weber() / D::amp());
    CHECK(D::siemens() / D::farad() == D::hertz());
}

TEST_CASE("Dimension: sqrt of hertz has second exponent -1/2") {
    Dimension root = Dimension::hertz().sqrt();
    CHECK(root.exponent(nj::units::second_index) == Rational(-1, 2));
    CHECK(root.factor_count() == 1);
    CHECK(root * root == Dimension::hertz());
}

TEST_CASE("Dimension: pow multiplies every exponent") {
    Dimension v2 = Dimension::volt().pow(2);
    CHECK(v2.exponent(0) == Rational(4));
    CHECK(v2.exponent(2) == Rational(-6));
    CHECK(v2 == Dimension::volt() * Dimension::volt());
    CHECK(Dimension::volt().pow(0).is_dimensionless());
    CHECK(Dimension::volt().pow(-1) * Dimension::volt() == Dimension::dimensionless());
    CHECK(Dimension::metre().pow(Rational(3, 2)).exponent(0) == Rational(3, 2));
}

TEST_CASE("Dimension: from_ints fills exponents in order") {
    Dimension d = Dimension::from_ints(1, 2, 3, 4, 5, 6, 7);
    for (int i = 0; i < nj::units::base_unit_count; ++i) {
        CHECK(d.exponent(i) == Rational(i + 1));
    }
    CHECK(d.exponent(9) == Rational(0));
}

TEST_CASE("base_unit_name: names follow Brian2's order") {
    CHECK(nj::units::base_unit_name(0) == "metre");
    CHECK(nj::units::base_unit_name(3) == "amp");
    CHECK(nj::units::base_unit_name(6) == "candela");
    CHECK(nj::units::base_unit_name(7).empty());
}
