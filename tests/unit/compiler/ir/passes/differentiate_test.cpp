// Tests of symbolic differentiation.
#include "compiler/ir/passes/differentiate.h"

#include "compiler/ir/print_ir.h"

#include <doctest/doctest.h>

using namespace nj::ir;

namespace {

ExprRef v() { return load(0); }
ExprRef w() { return load(1); }
std::string dv(const ExprRef& e) { return print_expr(differentiate(e, 0)); }

}  // namespace

TEST_CASE("differentiate: the leaky integrator has the coefficient -1/tau") {
    ExprRef rhs = binary("/", binary("-", param(0), v()), param(1));
    CHECK(dv(rhs) == "(-1 / param1)");
}

TEST_CASE("differentiate: sums, products and quotients follow the usual rules") {
    CHECK(dv(binary("*", v(), w())) == "array1[i]");
    CHECK(dv(binary("*", v(), v())) == "(array0[i] + array0[i])");
    CHECK(dv(binary("/", constant(1), v())) == "(-(1 / (array0[i] * array0[i])))");
    CHECK(dv(binary("/", v(), w())) == "(1 / array1[i])");
    CHECK(dv(binary("-", w(), unary("-", v()))) == "1");
}

TEST_CASE(
    "differentiate: other arrays, parameters, t, locals, draws and other elements are constants") {
    ExprRef rhs = binary("+", binary("*", w(), time()), binary("+", local(0), random("randn", 1)));
    CHECK(dv(rhs) == "0");
    CHECK(dv(load(0, loop_index())) == "0");
}

TEST_CASE("differentiate: powers use the log term only for varying exponents") {
    CHECK(dv(binary("pow", v(), constant(3))) == "(3 * pow(array0[i], 2))");
    CHECK(dv(binary("pow", param(0), v())) == "(pow(param0, array0[i]) * log(param0))");
}

TEST_CASE("differentiate: math functions reuse their own node where the derivative allows") {
    ExprRef e = call("exp", {unary("-", v())});
    ExprRef d = differentiate(e, 0);
    CHECK(print_expr(d) == "(-exp((-array0[i])))");
    CHECK(d->args[0] == e);
    CHECK(dv(call("exp", {v()})) == "exp(array0[i])");
    CHECK(dv(call("tanh", {v()})) == "(1 - (tanh(array0[i]) * tanh(array0[i])))");
    CHECK(dv(call("log", {v()})) == "(1 / array0[i])");
    CHECK(dv(call("sqrt", {v()})) == "(0.5 / sqrt(array0[i]))");
    CHECK(dv(call("sin", {binary("*", constant(2), v())})) == "(cos((2 * array0[i])) * 2)");
    CHECK(dv(call("cos", {v()})) == "(-sin(array0[i]))");
    CHECK(dv(call("expm1", {v()})) == "exp(array0[i])");
    CHECK(dv(call("atan2", {v(), constant(1)})) == "(1 / (1 + (array0[i] * array0[i])))");
}

TEST_CASE("differentiate: selects differentiate both branches under their condition") {
    ExprRef relu = select(compare(">", v(), constant(0)), v(), constant(0));
    CHECK(dv(relu) == "select((array0[i] > 0), 1, 0)");
    CHECK(dv(binary("min", v(), param(0))) == "select((array0[i] <= param0), 1, 0)");
    CHECK(dv(call("fabs", {v()})) == "select((array0[i] < 0), -1, 1)");
}

TEST_CASE("differentiate: rounding functions are flat almost everywhere") {
    CHECK(dv(call("floor", {v()})) == "0");
    CHECK(dv(binary("mod", v(), param(0))) == "1");
}

TEST_CASE("differentiate: a function without a known derivative gives null") {
    // Built by hand: the factories accept only the functions ir.h lists, all of which are known.
    auto unknown = std::make_shared<Expr>();
    unknown->kind = ExprKind::Call;
    unknown->op = "bessel_j0";
    unknown->args = {v()};
    CHECK(differentiate(binary("+", param(0), unknown), 0) == nullptr);
}

TEST_CASE("differentiate: surrogate_step is flat unless its training surrogate is asked for") {
    ExprRef step = call("surrogate_step", {binary("*", v(), w()), constant(5)});
    CHECK(dv(step) == "0");
    ExprRef u = binary("*", v(), w());
    ExprRef spread = binary("+", constant(1), binary("*", constant(5), call("fabs", {u})));
    CHECK(print_expr(differentiate(step, 0, StepDerivative::Surrogate)) ==
          print_expr(binary("*", binary("/", constant(5), binary("*", spread, spread)), w())));
    // with respect to its sharpness: 0
    ExprRef sharpness = call("surrogate_step", {w(), v()});
    CHECK(print_expr(differentiate(sharpness, 0, StepDerivative::Surrogate)) == "0");
}
