// Tests check_operators.cpp: units of arithmetic, powers, comparisons and logic, and folding of
// constant operands.
#include "check_helpers.h"

#include <doctest/doctest.h>

using nj::sema::testing::type_of;
using nj::sema::testing::Typed;

TEST_CASE("check_operators: adding or subtracting one unit keeps it") {
    CHECK(type_of("v + El").unit() == "volt");
    CHECK(type_of("v - El - 5 mV").unit() == "volt");
    CHECK(type_of("I + g * v").unit() == "amp");
}

TEST_CASE("check_operators: adding different units is a mismatch labelled with both units") {
    Typed t = type_of("v + tau");
    CHECK(t.type.is_poison());
    auto d = t.only();
    CHECK(d.code_at() == "units.mismatch 1:3");
    CHECK(d.message == "cannot add volt and second");
    REQUIRE(d.labels.size() == 2);
    CHECK(d.labels[0] == "1:1 volt");
    CHECK(d.labels[1] == "1:5 second");
    CHECK(d.help() == "both sides must have the same unit");
    CHECK(type_of("El - 1").only().message == "cannot subtract volt and dimensionless");
}

TEST_CASE("check_operators: a unitless zero takes the unit of the other operand") {
    CHECK(type_of("0 - v").unit() == "volt");
    CHECK(type_of("v + 0").unit() == "volt");
    CHECK(type_of("v > 0").diags.empty());
    CHECK(type_of("v + 0.0").diags.empty());
}

TEST_CASE("check_operators: products and quotients multiply and divide units") {
    CHECK(type_of("v * g").unit() == "amp");
    CHECK(type_of("v / tau").unit() == "volt/second");
    CHECK(type_of("1 / tau").unit() == "hertz");
    CHECK(type_of("v / I").unit() == "ohm");
    CHECK(type_of("r * tau").unit() == "dimensionless");
}

TEST_CASE("check_operators: a constant integer or fractional power raises the unit") {
    CHECK(type_of("v ** 2").unit() == "volt**2");
    CHECK(type_of("tau ** -1").unit() == "hertz");
    CHECK(type_of("(1 metre) ** 3").unit() == "metre**3");
    CHECK(type_of("(4 Hz) ** 0.5").unit() == "second**(-1/2)");
    CHECK(type_of("(4 Hz) ** 0.5").value() == doctest::Approx(2));
}

TEST_CASE("check_operators: a quantity raised to a variable power is units.power") {
    auto d = type_of("v ** w").only();
    CHECK(d.code_at() == "units.power 1:6");
    CHECK(d.message == "the exponent of a quantity in volt must be a constant number");
    CHECK(d.help() == "divide by the unit first, e.g. '(v / mV)**k'");
    CHECK(type_of("(v / mV) ** w").unit() == "dimensionless");
}

TEST_CASE("check_operators: an exponent with a unit is units.power") {
    auto d = type_of("2 ** v").only();
    CHECK(d.code_at() == "units.power 1:6");
    CHECK(d.message == "an exponent must be dimensionless, but this is volt");
}

TEST_CASE("check_operators: comparisons give a condition and need one unit") {
    CHECK(type_of("v > El").unit() == "boolean");
    CHECK(type_of("label == \"x\"").unit() == "boolean");
    CHECK(type_of("active == learn").unit() == "boolean");
    auto d = type_of("v > tau").only();
    CHECK(d.code_at() == "units.comparison 1:3");
    CHECK(d.message == "cannot compare volt and second");
    CHECK(type_of("v > 1").only().message == "cannot compare volt and dimensionless");
}

TEST_CASE("check_operators: 'and', 'or' and 'not' need conditions") {
    CHECK(type_of("active and v > El or not learn").unit() == "boolean");
    auto d = type_of("active and v").only();
    CHECK(d.code_at() == "type.mismatch 1:12");
    CHECK(d.message.find("an operand of 'and', 'or' and 'not' must be a condition") == 0);
    CHECK(type_of("not tau").only().code_at() == "type.mismatch 1:5");
}

TEST_CASE("check_operators: arithmetic on a string is type.mismatch") {
    auto d = type_of("label + 1").only();
    CHECK(d.code_at() == "type.mismatch 1:1");
    CHECK(d.message == "an operand must be a number, not a string");
}

TEST_CASE("check_operators: unary minus keeps the unit and folds") {
    Typed t = type_of("-El");
    CHECK(t.unit() == "volt");
    CHECK(t.value() == doctest::Approx(0.065));
}

TEST_CASE("check_operators: % keeps the unit and // gives a dimensionless whole number") {
    Typed mod = type_of("7 ms % 2 ms");
    CHECK(mod.unit() == "second");
    CHECK(mod.value() == doctest::Approx(0.001));
    Typed div = type_of("7 ms // 2 ms");
    CHECK(div.unit() == "dimensionless");
    CHECK(div.value() == 3);
    CHECK(div.type.integer);
    CHECK(type_of("v % tau").only().code_at() == "units.mismatch 1:3");
}

TEST_CASE("check_operators: constant operands are folded in SI units") {
    CHECK(type_of("n_exc + n_exc / 4").value() == 1000);
    CHECK(type_of("2 * tau + 5 ms").value() == doctest::Approx(0.025));
    CHECK(type_of("(3 ms) ** 2").value() == doctest::Approx(9e-6));
    CHECK(type_of("tau > 5 ms").value() == 1);
    CHECK(type_of("not (tau > 5 ms) or false").value() == 0);
    CHECK_FALSE(type_of("v + El").constant());
}

TEST_CASE("check_operators: sums and products of whole numbers are whole") {
    CHECK(type_of("i + 1").type.integer);
    CHECK(type_of("i * N").type.integer);
    CHECK_FALSE(type_of("i / 2").type.integer);
    CHECK_FALSE(type_of("i + w").type.integer);
}
