// Tests for the unit text shown in diagnostics (format_dimension).
#include "compiler/units/format_dimension.h"

#include <doctest/doctest.h>

using nj::units::Dimension;
using nj::units::format_dimension;
using nj::units::Rational;

namespace {
using D = Dimension;
}  // namespace

TEST_CASE("format_dimension: dimensionless is 1") {
    CHECK(format_dimension(D::dimensionless()) == "1");
    CHECK(format_dimension(D::volt() / D::volt()) == "1");
}

TEST_CASE("format_dimension: named SI units print their name") {
    CHECK(format_dimension(D::volt()) == "volt");
    CHECK(format_dimension(D::amp()) == "amp");
    CHECK(format_dimension(D::second()) == "second");
    CHECK(format_dimension(D::metre()) == "metre");
    CHECK(format_dimension(D::kilogram()) == "kilogram");
    CHECK(format_dimension(D::siemens()) == "siemens");
    CHECK(format_dimension(D::farad()) == "farad");
    CHECK(format_dimension(D::ohm()) == "ohm");
    CHECK(format_dimension(D::coulomb()) == "coulomb");
    CHECK(format_dimension(D::joule()) == "joule");
    CHECK(format_dimension(D::watt()) == "watt");
    CHECK(format_dimension(D::newton()) == "newton");
    CHECK(format_dimension(D::pascal()) == "pascal");
    CHECK(format_dimension(D::mole()) == "mole");
    CHECK(format_dimension(D::kelvin()) == "kelvin");
    CHECK(format_dimension(D::candela()) == "candela");
    CHECK(format_dimension(D::weber()) == "weber");
    CHECK(format_dimension(D::tesla()) == "tesla");
    CHECK(format_dimension(D::henry()) == "henry");
}

TEST_CASE("format_dimension: 1/second is hertz") {
    CHECK(format_dimension(D::hertz()) == "hertz");
    CHECK(format_dimension(D::dimensionless() / D::second()) == "hertz");
}

TEST_CASE("format_dimension: products that are named units use the name") {
    CHECK(format_dimension(D::amp() * D::volt()) == "watt");
    CHECK(format_dimension(D::amp() * D::second()) == "coulomb");
    CHECK(format_dimension(D::farad() / D::second()) == "siemens");
    CHECK(format_dimension(D::volt() * D::second()) == "weber");
}

TEST_CASE("format_dimension: a named unit per base unit") {
    CHECK(format_dimension(D::volt() / D::second()) == "volt/second");
    CHECK(format_dimension(D::amp() / D::metre().pow(2)) == "amp/metre**2");
    CHECK(format_dimension(D::siemens() / D::metre().pow(2)) == "siemens/metre**2");
    CHECK(format_dimension(D::farad() / D::metre().pow(2)) == "farad/metre**2");
    CHECK(format_dimension(D::ohm() * D::metre()) == "ohm*metre");
    CHECK(format_dimension(D::volt() / D::second().pow(2)) == "volt/second**2");
    CHECK(format_dimension(D::siemens() * D::second()) == "farad");
    CHECK(format_dimension(D::siemens() / D::second()) == "siemens/second");
    CHECK(format_dimension(D::joule() / D::kelvin()) == "joule/kelvin");
    CHECK(format_dimension(D::coulomb() / D::mole()) == "coulomb/mole");
}

TEST_CASE("format_dimension: a named unit times two base units") {
    CHECK(format_dimension(D::joule() / (D::kelvin() * D::mole())) == "joule/(kelvin*mole)");
    CHECK(format_dimension(D::siemens() / (D::metre().pow(2) * D::second())) ==
          "siemens/(metre**2*second)");
}

TEST_CASE("format_dimension: two electrical units side by side") {
    CHECK(format_dimension(D::siemens() / D::volt()) == "siemens/volt");
    CHECK(format_dimension(D::volt() / D::siemens()) == "volt*ohm");
    CHECK(format_dimension(D::farad() / D::volt()) == "farad/volt");
}

TEST_CASE("format_dimension: familiar units win ties") {
    // second/volt and farad/amp are the same; volt is the more familiar name.
    CHECK(format_dimension(D::second() / D::volt()) == "second/volt");
    CHECK(format_dimension(D::hertz() / D::volt()) == "1/(volt*second)");
    // watt/farad would be shorter, but pairs are kept to volt, siemens, farad and ohm.
    CHECK(format_dimension(D::volt().pow(2) / D::second()) == "volt**2/second");
    CHECK(format_dimension(D::second() * D::mole() / D::metre().pow(3)) == "second*mole/metre**3");
    CHECK(format_dimension(D::volt() * D::mole() / D::metre().pow(3)) == "volt*mole/metre**3");
    CHECK(format_dimension(D::watt() / D::metre().pow(2)) == "watt/metre**2");
}

TEST_CASE("format_dimension: weber, tesla and henry appear only as exact matches") {
    // siemens/second is 1/henry; a neuroscientist reads siemens/second more easily.
    CHECK(format_dimension(D::henry().pow(-1)) == "siemens/second");
    CHECK(format_dimension(D::weber() / D::metre()) == "newton/amp");
    CHECK(format_dimension(D::weber() * D::metre()) == "volt*metre*second");
    CHECK(format_dimension(D::tesla()) == "tesla");
}

TEST_CASE("format_dimension: powers of a named unit") {
    CHECK(format_dimension(D::volt().pow(2)) == "volt**2");
    CHECK(format_dimension(D::volt().pow(-1)) == "1/volt");
    CHECK(format_dimension(D::volt().pow(-2)) == "1/volt**2");
    CHECK(format_dimension(D::siemens().pow(3)) == "siemens**3");
}

TEST_CASE("format_dimension: plain base units print as a fraction") {
    CHECK(format_dimension(D::metre() / D::second()) == "metre/second");
    CHECK(format_dimension(D::metre().pow(2)) == "metre**2");
    CHECK(format_dimension(D::metre().pow(2) / D::second()) == "metre**2/second");
    CHECK(format_dimension(D::mole() / D::metre().pow(3)) == "mole/metre**3");
    CHECK(format_dimension(D::kilogram() / D::metre().pow(3)) == "kilogram/metre**3");
    CHECK(format_dimension(D::second().pow(-2)) == "1/second**2");
    CHECK(format_dimension(D::metre().pow(-1)) == "1/metre");
    CHECK(format_dimension(D::mole() / (D::metre().pow(3) * D::second())) ==
          "mole/(metre**3*second)");
}

TEST_CASE("format_dimension: fractional exponents use Brian2's inline form") {
    CHECK(format_dimension(D::hertz().sqrt()) == "second**(-1/2)");
    CHECK(format_dimension(D::second().sqrt()) == "second**(1/2)");
    CHECK(format_dimension(D::volt() * D::hertz().sqrt()) == "volt * second**(-1/2)");
}

TEST_CASE("format_dimension: otherwise the base form in Brian2's order") {
    D odd = D::from_ints(1, 1, 1, 1, 1);
    CHECK(format_dimension(odd) == "metre * kilogram * second * amp * kelvin");
    D odd2 = D::from_ints(3, 2, -1, 0, 0, 0, 1);
    CHECK(format_dimension(odd2) == "metre**3 * kilogram**2 * second**-1 * candela");
}

TEST_CASE("format_exponent: integers bare, fractions in parentheses") {
    CHECK(nj::units::format_exponent(Rational(2)) == "2");
    CHECK(nj::units::format_exponent(Rational(-3)) == "-3");
    CHECK(nj::units::format_exponent(Rational(1, 2)) == "(1/2)");
    CHECK(nj::units::format_exponent(Rational(-3, 2)) == "(-3/2)");
}
