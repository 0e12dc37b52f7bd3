// Tests for exact exponent fractions (nj::units::Rational).
#include "compiler/units/rational.h"

#include <doctest/doctest.h>

using nj::units::Rational;
using nj::units::rational_from_double;

TEST_CASE("Rational: construction normalises sign and common factors") {
    Rational r(2, -4);
    CHECK(r.num == -1);
    CHECK(r.den == 2);
    CHECK(Rational(6, 3) == Rational(2));
    CHECK(Rational(0, -5) == Rational(0));
    CHECK(Rational(0, -5).den == 1);
    CHECK(Rational(-3, -9) == Rational(1, 3));
}

TEST_CASE("Rational: a zero denominator gives zero instead of undefined behaviour") {
    CHECK(Rational(3, 0) == Rational(0));
    CHECK(Rational(1) / Rational(0) == Rational(0));
}

TEST_CASE("Rational: arithmetic is exact") {
    CHECK(Rational(1, 2) + Rational(1, 3) == Rational(5, 6));
    CHECK(Rational(1, 2) - Rational(3, 2) == Rational(-1));
    CHECK(Rational(2, 3) * Rational(3, 4) == Rational(1, 2));
    CHECK(Rational(1, 2) / Rational(1, 4) == Rational(2));
    CHECK(-Rational(3, 5) == Rational(-3, 5));
    CHECK(Rational(-1) * Rational(1, 2) == Rational(-1, 2));
    CHECK(Rational(1, 2) != Rational(1, 3));
}

TEST_CASE("Rational: ordering compares values") {
    CHECK(Rational(1, 3) < Rational(1, 2));
    CHECK(Rational(-1, 2) < Rational(0));
    CHECK_FALSE(Rational(2) < Rational(2));
}

TEST_CASE("Rational: is_integer and to_string") {
    CHECK(Rational(4, 2).is_integer());
    CHECK_FALSE(Rational(1, 2).is_integer());
    CHECK(Rational(2).to_string() == "2");
    CHECK(Rational(-1).to_string() == "-1");
    CHECK(Rational(1, 2).to_string() == "1/2");
    CHECK(Rational(-3, 2).to_string() == "-3/2");
    CHECK(Rational(0).to_string() == "0");
    CHECK(Rational(1, 4).to_double() == doctest::Approx(0.25));
}

TEST_CASE("Rational: large operands do not overflow int intermediates") {
    Rational big(1 << 20, 3);
    CHECK(big * Rational(3, 1 << 20) == Rational(1));
    CHECK(Rational(1, 1 << 16) + Rational(1, 1 << 16) == Rational(1, 1 << 15));
}

TEST_CASE("rational_from_double: exponent literals become fractions") {
    CHECK(rational_from_double(0.5) == Rational(1, 2));
    CHECK(rational_from_double(-1.5) == Rational(-3, 2));
    CHECK(rational_from_double(3.0) == Rational(3));
    CHECK(rational_from_double(1.0 / 3.0) == Rational(1, 3));
    CHECK_FALSE(rational_from_double(0.123456789).has_value());
    CHECK_FALSE(rational_from_double(1.0 / 0.0).has_value());
}
