// Tests check_calls.cpp: the unit rules of built-in functions, their arity and keywords, user
// function calls, tables, derivatives f'(x), and unknown callees.
#include "check_helpers.h"

#include <doctest/doctest.h>

#include <cmath>

using nj::sema::testing::check;
using nj::sema::testing::Checked;
using nj::sema::testing::ExprOptions;
using nj::sema::testing::src;
using nj::sema::testing::type_of;
using nj::sema::testing::Typed;

TEST_CASE("check_calls: exp, log and trigonometric functions of dimensionless values") {
    Typed e = type_of("exp(1)");
    CHECK(e.unit() == "dimensionless");
    CHECK(e.value() == doctest::Approx(std::exp(1.0)));
    CHECK(type_of("log(v / El)").unit() == "dimensionless");
    CHECK(type_of("sin(2 * w)").unit() == "dimensionless");
    CHECK(type_of("tanh(w) + sigmoid(w) + arccos(w) + exprel(w)").diags.empty());
}

TEST_CASE("check_calls: exp of a quantity with a unit is units.not_dimensionless") {
    Typed t = type_of("exp(v)");
    CHECK(t.type.is_poison());
    auto d = t.only();
    CHECK(d.code_at() == "units.not_dimensionless 1:5");
    CHECK(d.message == "the argument of 'exp' must be dimensionless, but it is volt");
    REQUIRE(d.labels.size() == 1);
    CHECK(d.labels[0] == "1:5 volt");
    CHECK(d.help() == "divide by a unit or a scale, e.g. 'exp(v / mV)'");
}

TEST_CASE("check_calls: log and sin need dimensionless arguments too") {
    CHECK(type_of("log(tau)").only().code_at() == "units.not_dimensionless 1:5");
    CHECK(type_of("sin(2 ms)").only().message ==
          "the argument of 'sin' must be dimensionless, but it is second");
    CHECK(type_of("1 + cosh(t)").only().code_at() == "units.not_dimensionless 1:10");
}

TEST_CASE("check_calls: sqrt halves the exponents of the unit") {
    Typed hz = type_of("sqrt(4 Hz)");
    CHECK(hz.unit() == "second**(-1/2)");
    CHECK(hz.value() == doctest::Approx(2));
    CHECK(type_of("sqrt(v * v)").unit() == "volt");
    CHECK(type_of("sqrt(r)").unit() == "second**(-1/2)");
    CHECK(type_of("sqrt(1 metre**2)").unit() == "metre");
}

TEST_CASE("check_calls: abs, floor, ceil and relu keep the unit of their argument") {
    Typed a = type_of("abs(El)");
    CHECK(a.unit() == "volt");
    CHECK(a.value() == doctest::Approx(0.065));
    CHECK(type_of("floor(v)").unit() == "volt");
    CHECK(type_of("ceil(tau)").unit() == "second");
    CHECK(type_of("relu(I)").unit() == "amp");
}

TEST_CASE("check_calls: sign and heaviside give a dimensionless result") {
    Typed s = type_of("sign(El)");
    CHECK(s.unit() == "dimensionless");
    CHECK(s.value() == -1);
    CHECK(type_of("heaviside(v)").unit() == "dimensionless");
}

TEST_CASE("check_calls: surrogate_step takes two dimensionless arguments") {
    CHECK(type_of("surrogate_step((v - El) / mV, 5)").unit() == "dimensionless");
    auto d = type_of("surrogate_step(v - El, 5)").only();
    CHECK(d.code_at() == "units.not_dimensionless 1:16");
    CHECK(type_of("surrogate_step(w)").only().code_at().starts_with("call.arity"));
}

TEST_CASE("check_calls: clip, min and max keep the one unit of their arguments") {
    CHECK(type_of("clip(v, El, 0)").unit() == "volt");
    CHECK(type_of("min(v, El)").unit() == "volt");
    Typed m = type_of("max(1 ms, 3 ms, 2 ms)");
    CHECK(m.unit() == "second");
    CHECK(m.value() == doctest::Approx(0.003));
    CHECK(type_of("clip(-2 mV, El, 0)").value() == doctest::Approx(-0.002));
}

TEST_CASE("check_calls: clip of mixed units is a mismatch naming both arguments") {
    auto d = type_of("clip(v, 0 mV, 1 ms)").only();
    CHECK(d.code_at() == "units.mismatch 1:1");
    CHECK(d.message == "cannot mix in 'clip' volt and second");
    REQUIRE(d.labels.size() == 2);
    CHECK(d.labels[0] == "1:6 volt");
    CHECK(d.labels[1] == "1:15 second");
}

TEST_CASE("check_calls: where has the unit of its branches and folds on a constant condition") {
    CHECK(type_of("where(active, v, El)").unit() == "volt");
    Typed folded = type_of("where(learn, 1 ms, 2 ms)");
    CHECK(folded.unit() == "second");
    CHECK(folded.value() == doctest::Approx(0.001));
    CHECK(type_of("where(active, true, v > El)").unit() == "boolean");
}

TEST_CASE("check_calls: a constant condition folds as 0 or 1 in arithmetic functions") {
    // group sizes such as n * int(flag) must be constants
    CHECK(type_of("int(learn)").value() == doctest::Approx(1.0));
    CHECK(type_of("3 * int(not learn)").value() == doctest::Approx(0.0));
}

TEST_CASE("check_calls: where needs a condition and branches of one unit") {
    auto cond = type_of("where(v, v, El)").only();
    CHECK(cond.code_at() == "type.mismatch 1:7");
    CHECK(cond.message == "the first argument of 'where' must be a condition, but it is volt");
    auto mixed = type_of("where(active, v, tau)").only();
    CHECK(mixed.code_at() == "units.mismatch 1:1");
    CHECK(mixed.message == "cannot mix in 'where' volt and second");
}

TEST_CASE("check_calls: len and sum take a list") {
    Typed n = type_of("len(rates)");
    CHECK(n.unit() == "dimensionless");
    CHECK(n.value() == 2);
    Typed s = type_of("sum(rates)");
    CHECK(s.unit() == "hertz");
    CHECK(s.value() == 3);
    auto d = type_of("sum(3)").only();
    CHECK(d.code_at() == "type.mismatch 1:5");
    CHECK(d.message == "'sum' takes a list, not dimensionless");
}

TEST_CASE("check_calls: uniform and normal have the unit of their arguments and never fold") {
    Typed u = type_of("uniform(1 ms, 2 ms)");
    CHECK(u.unit() == "second");
    CHECK_FALSE(u.constant());
    CHECK(type_of("normal(El, 1 mV)").unit() == "volt");
}

TEST_CASE("check_calls: random numbers are refused where they are not allowed") {
    CHECK(type_of("rand() + randn()").unit() == "dimensionless");
    ExprOptions constant;
    constant.random = false;
    auto d = type_of("2 * rand()", constant).only();
    CHECK(d.code_at() == "type.mismatch 1:5");
    CHECK(d.message == "random numbers ('rand') are not allowed here");
}

TEST_CASE("check_calls: a built-in called with the wrong number of arguments is call.arity") {
    auto d = type_of("exp(1, 2)").only();
    CHECK(d.code_at() == "call.arity 1:1");
    CHECK(d.message == "'exp' takes 1 argument, but 2 were given");
    CHECK(type_of("rand(1)").only().message == "'rand' takes 0 arguments, but 1 was given");
    CHECK(type_of("clip(v)").only().message == "'clip' takes 3 arguments, but 1 was given");
    CHECK(type_of("min(v)").only().message == "'min' takes 2 to 8 arguments, but 1 was given");
}

TEST_CASE("check_calls: a keyword argument a built-in does not take is call.unknown_argument") {
    auto d = type_of("exp(x = 1)").only();
    CHECK(d.code_at() == "call.unknown_argument 1:9");
    CHECK(d.message == "'exp' has no argument named 'x'");
}

TEST_CASE("check_calls: range and sample belong to connect clauses") {
    auto d = type_of("range(3)").only();
    CHECK(d.code_at() == "type.mismatch 1:1");
    CHECK(d.message == "'range' may only be used in a connect clause");
    ExprOptions connect;
    connect.generator = true;
    CHECK(type_of("sample(N, p = 0.1)", connect).diags.empty());
    CHECK(type_of("sample(N, sise = 10)", connect).only().help() == "did you mean 'size'?");
}

TEST_CASE("check_calls: an unknown function suggests a built-in or declared name") {
    auto d = type_of("expp(w)").only();
    CHECK(d.code_at() == "names.unknown 1:1");
    CHECK(d.message == "unknown function 'expp'");
    CHECK(d.help() == "did you mean 'exp'?");
    CHECK(type_of("clp(v, El, El)").only().help() == "did you mean 'clip'?");
}

TEST_CASE("check_calls: calling a parameter is names.wrong_kind") {
    auto d = type_of("tau(3)").only();
    CHECK(d.code_at() == "names.wrong_kind 1:1");
    CHECK(d.message == "parameter 'tau' is not a function");
}

TEST_CASE("check_calls: the derivative of a unit-keeping or dimensionless built-in is "
          "dimensionless") {
    CHECK(type_of("abs'(v)").unit() == "dimensionless");
    CHECK(type_of("tanh'(w)").unit() == "dimensionless");
    auto d = type_of("clip'(v, El, El)").only();
    CHECK(d.code_at() == "type.mismatch 1:1");
    CHECK(d.message == "'clip' has no derivative");
    CHECK(type_of("tanh' + 1").only().message ==
          "a derivative like \"f'\" must be called, e.g. \"f'(x)\"");
}

TEST_CASE("check_calls: a user function's arguments must have their declared units") {
    Checked c = check(src(R"(
        function dipole(x : metre, d : metre) : metre/second = x / d * metre / second
        let ok = dipole(2 metre, 1 metre)
        let zero = dipole(0, 1 metre)
        let bad = dipole(2 second, 1 metre)
        print ok, zero, bad
    )"));
    auto d = c.only();
    CHECK(d.code_at() == "units.argument 4:18");
    CHECK(d.message == "argument 'x' of 'dipole' must be in metre, but this is second");
    REQUIRE(d.labels.size() == 1);
    CHECK(d.labels[0] == "1:17 declared here");
    REQUIRE(c.param("ok"));
    CHECK(c.param("ok")->value.number == 2);
}

TEST_CASE("check_calls: a user function called with the wrong number of arguments") {
    Checked c = check(src(R"(
        function sq(x) = x * x
        let d = sq(1, 2)
        print d
    )"));
    auto d = c.only();
    CHECK(d.code_at() == "call.arity 2:9");
    CHECK(d.message == "'sq' takes 1 argument, but 2 were given");
}

TEST_CASE("check_calls: a table called as a function has the unit of its values") {
    Checked c = check(src(R"(
        table stim = timed(values = [0 mV, 1 mV], dt = 100 ms)
        neuron N {
          equations {
            dv/dt = (stim(t) - v) / (10 ms) : volt
            dx/dt = stim(t) / (10 ms) : 1
          }
        }
        group G = N(2)
    )"));
    auto d = c.only();
    CHECK(d.code_at() == "units.equation 5:13");
    CHECK(d.message.find("but it is volt/second") != std::string::npos);
}
