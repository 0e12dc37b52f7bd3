// Tests check_expr.cpp: literals, lists, ranges, generators, and the dimension and condition
// requirements other steps put on an expression.
#include "check_helpers.h"

#include <doctest/doctest.h>

using nj::sema::ExprType;
using nj::sema::Value;
using nj::sema::testing::check_in_scope;
using nj::sema::testing::ExprOptions;
using nj::sema::testing::type_of;
using nj::sema::testing::Typed;
using nj::support::DiagCode;
using nj::units::Dimension;

namespace {

Typed with_dimension(const std::string& text, Dimension expected) {
    return check_in_scope(text, {}, [&](const nj::ast::Expr& e, const nj::sema::CodeContext& c) {
        return nj::sema::check_expr_dimension(e, expected, "the reset value of 'v'", c);
    });
}

Typed as_condition(const std::string& text) {
    return check_in_scope(text, {}, [](const nj::ast::Expr& e, const nj::sema::CodeContext& c) {
        return nj::sema::check_condition(e, "the threshold", c);
    });
}

}  // namespace

TEST_CASE("check_expr: a plain number is a dimensionless whole constant") {
    Typed t = type_of("3");
    CHECK(t.unit() == "dimensionless");
    CHECK(t.value() == 3);
    CHECK(t.type.integer);
    CHECK(t.diags.empty());
    CHECK_FALSE(type_of("2.5").type.integer);
}

TEST_CASE("check_expr: a quantity literal is folded to its SI value") {
    Typed t = type_of("20 ms");
    CHECK(t.unit() == "second");
    CHECK(t.value() == doctest::Approx(0.02));
    CHECK(type_of("-65 mV").value() == doctest::Approx(-0.065));
    CHECK(type_of("5 Hz").unit() == "hertz");
}

TEST_CASE("check_expr: a quantity with a negative unit power has the inverse unit") {
    Typed t = type_of("2 metre**-1");
    CHECK(t.unit() == "1/metre");
    CHECK(t.value() == 2);
    CHECK(type_of("1 cm**-2").value() == doctest::Approx(1e4));
    CHECK(type_of("1/metre").unit() == "1/metre");
}

TEST_CASE("check_expr: strings and booleans are constants of their own kinds") {
    Typed s = type_of("\"data.csv\"");
    CHECK(s.unit() == "string");
    REQUIRE(s.constant());
    CHECK(s.type.constant->text == "data.csv");
    Typed b = type_of("false");
    CHECK(b.unit() == "boolean");
    REQUIRE(b.constant());
    CHECK(b.type.constant->kind == Value::Kind::Boolean);
    CHECK(b.value() == 0);
}

TEST_CASE("check_expr: a list of quantities has their unit and folds to a constant list") {
    Typed t = type_of("[1 ms, 2 ms, 4 ms]");
    CHECK(t.unit() == "list of second");
    REQUIRE(t.constant());
    REQUIRE(t.type.constant->items.size() == 3);
    CHECK(t.type.constant->items[2].number == doctest::Approx(0.004));
    CHECK(type_of("[]").unit() == "list of numbers");
}

TEST_CASE("check_expr: list elements of different units are reported at the odd element") {
    Typed t = type_of("[1 ms, 2 mV]");
    CHECK(t.type.is_poison());
    const auto& d = t.only();
    CHECK(d.code_at() == "units.mismatch 1:8");
    CHECK(d.message == "list elements must share one unit: this one is volt, the first is second");
    REQUIRE(d.labels.size() == 1);
    CHECK(d.labels[0] == "1:2 second");
    CHECK(type_of("[true, 1]").only().code_at() == "units.mismatch 1:8");
}

TEST_CASE("check_expr: unitless zeros in a list take the unit of the other elements") {
    Typed t = type_of("[0, 2 mV, 0]");
    CHECK(t.diags.empty());
    CHECK(t.unit() == "list of volt");
    REQUIRE(t.constant());
    CHECK(t.type.constant->items[0].dim == Dimension::volt());
    CHECK(t.type.constant->items[2].dim == Dimension::volt());
    // an element taken from such a list keeps the unit
    CHECK(type_of("[2 mV, 0][1] + El").unit() == "volt");
    CHECK(type_of("[0, 0, 2 mV, 1 ms]").only().code_at() == "units.mismatch 1:14");
}

TEST_CASE("check_expr: a list of variables has their unit but no constant value") {
    Typed t = type_of("[v, El]");
    CHECK(t.unit() == "list of volt");
    CHECK_FALSE(t.constant());
}

TEST_CASE("check_expr: a range has the unit of its bounds") {
    Typed t = type_of("0 .. 10");
    CHECK(t.unit() == "list of numbers");
    REQUIRE(t.constant());
    CHECK(t.type.constant->items.size() == 2);
    CHECK(type_of("0 .. 5 ms").unit() == "list of second");
}

TEST_CASE("check_expr: a range between different units is a mismatch") {
    const auto& d = type_of("1 ms .. 2 mV").only();
    CHECK(d.code_at() == "units.mismatch 1:6");
    CHECK(d.message == "cannot make a range from second and volt");
    CHECK(d.help() == "both sides must have the same unit");
}

TEST_CASE("check_expr: a generator is refused outside a connect clause") {
    const auto& d = type_of("k for k in range(0, 3)").only();
    CHECK(d.code == DiagCode::TypeMismatch);
    CHECK(d.where == "1:1");
    CHECK(d.message.find("only allowed in a connect clause") != std::string::npos);
}

TEST_CASE("check_expr: a generator's variable is an index visible in its condition and body") {
    ExprOptions connect;
    connect.generator = true;
    Typed t = type_of("k * 2 for k in range(i - 2, i + 3) if k != i", connect);
    CHECK(t.diags.empty());
    CHECK(t.unit() == "list of numbers");
    const auto& d = type_of("k for k in range(0, 3) if k", connect).only();
    CHECK(d.code_at() == "type.mismatch 1:27");
    CHECK(d.message.find("the condition of a generator must be a condition") == 0);
}

TEST_CASE("check_expr: check_expr_dimension accepts the expected unit and a unitless zero") {
    CHECK(with_dimension("El + 5 mV", Dimension::volt()).diags.empty());
    Typed zero = with_dimension("0", Dimension::volt());
    CHECK(zero.diags.empty());
    CHECK_FALSE(zero.type.is_poison());
}

TEST_CASE("check_expr: check_expr_dimension names what has the wrong unit") {
    Typed t = with_dimension("5 ms", Dimension::volt());
    CHECK(t.type.is_poison());
    const auto& d = t.only();
    CHECK(d.code_at() == "units.mismatch 1:1");
    CHECK(d.message == "the reset value of 'v' must be in volt, but this is second");
    REQUIRE(d.labels.size() == 1);
    CHECK(d.labels[0] == "1:1 second");
    // a nonzero plain number is not a voltage
    CHECK(with_dimension("1", Dimension::volt()).only().code_at() == "units.mismatch 1:1");
}

TEST_CASE("check_expr: check_expr_dimension wants a number, not a string") {
    const auto& d = with_dimension("label", Dimension::volt()).only();
    CHECK(d.code_at() == "type.mismatch 1:1");
    CHECK(d.message == "the reset value of 'v' must be a number, not a string");
}

TEST_CASE("check_expr: check_condition accepts comparisons and boolean names") {
    CHECK(as_condition("v > El").diags.empty());
    CHECK(as_condition("active").diags.empty());
    CHECK(as_condition("not_refractory and v > 0 mV").unit() == "boolean");
}

TEST_CASE("check_expr: check_condition refuses a quantity and suggests a comparison") {
    Typed t = as_condition("v");
    CHECK(t.type.is_poison());
    const auto& d = t.only();
    CHECK(d.code_at() == "type.mismatch 1:1");
    CHECK(d.message == "the threshold must be a condition (true or false), but this is volt");
    CHECK(d.help() == "write a comparison, e.g. 'v > v_th'");
}

TEST_CASE("check_expr: an error inside an expression is reported once, not again by its parents") {
    Typed t = type_of("exp(tauu / ms) * 2 + v");
    CHECK(t.codes() == "names.unknown 1:5");
    CHECK(t.type.is_poison());
}
