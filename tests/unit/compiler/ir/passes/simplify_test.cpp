// Tests of constant folding and neutral-operation removal.
#include "compiler/ir/passes/simplify.h"

#include "compiler/ir/print_ir.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace nj::ir;

namespace {

std::string simple(const ExprRef& e) { return print_expr(simplify(e)); }

ExprRef v() { return load(0); }

}  // namespace

TEST_CASE("simplify: operations on constants are evaluated") {
    CHECK(simple(binary("+", constant(2), binary("*", constant(3), constant(4)))) == "14");
    CHECK(simple(binary("mod", constant(-1), constant(3))) == "2");
    CHECK(simple(call("exp", {constant(0)})) == "1");
    CHECK(simple(call("atan2", {constant(0), constant(-1)})) ==
          print_expr(constant(std::atan2(0.0, -1.0))));
    CHECK(simple(unary("-", constant(2))) == "-2");
    CHECK(simple(call("surrogate_step", {constant(0), constant(5)})) == "0");
    CHECK(simple(call("surrogate_step", {constant(1e-9), constant(5)})) == "1");
}

TEST_CASE("simplify: neutral operations disappear") {
    CHECK(simple(binary("+", v(), constant(0))) == "array0[i]");
    CHECK(simple(binary("+", constant(0), v())) == "array0[i]");
    CHECK(simple(binary("-", v(), constant(0))) == "array0[i]");
    CHECK(simple(binary("*", constant(1), v())) == "array0[i]");
    CHECK(simple(binary("/", v(), constant(1))) == "array0[i]");
    CHECK(simple(binary("pow", v(), constant(1))) == "array0[i]");
    CHECK(simple(unary("-", unary("-", v()))) == "array0[i]");
}

TEST_CASE("simplify: products with zero and differences of a node with itself are zero") {
    CHECK(simple(binary("*", v(), constant(0))) == "0");
    CHECK(simple(binary("*", constant(0), call("exp", {v()}))) == "0");
    CHECK(simple(binary("/", constant(0), v())) == "0");
    ExprRef x = call("tanh", {v()});
    CHECK(simple(binary("-", x, x)) == "0");
    CHECK(simple(binary("-", load(0), load(0))) == "0");
    CHECK(simple(binary("-", call("tanh", {v()}), call("tanh", {v()}))) ==
          "(tanh(array0[i]) - tanh(array0[i]))");
    CHECK(simple(binary("pow", v(), constant(0))) == "1");
}

TEST_CASE("simplify: subtraction from zero and adding a negation read as subtraction") {
    CHECK(simple(binary("-", constant(0), v())) == "(-array0[i])");
    CHECK(simple(binary("-", constant(0), unary("-", v()))) == "array0[i]");
    CHECK(simple(binary("+", param(0), unary("-", v()))) == "(param0 - array0[i])");
    CHECK(simple(binary("*", v(), constant(-1))) == "(-array0[i])");
    CHECK(simple(binary("/", v(), constant(-1))) == "(-array0[i])");
}

TEST_CASE("simplify: a select on a decided condition picks its branch") {
    ExprRef decided = compare("<", constant(1), constant(2));
    CHECK(simple(select(decided, v(), param(0))) == "array0[i]");
    CHECK(simple(select(unary("not", decided), v(), param(0))) == "param0");
    ExprRef open = compare("<", v(), constant(2));
    CHECK(simple(select(logical("and", open, unary("not", decided)), v(), param(0))) == "param0");
    CHECK(simple(select(logical("or", open, decided), v(), param(0))) == "array0[i]");
    CHECK(simple(select(open, param(0), param(0))) == "param0");
    CHECK(simple(select(open, binary("*", v(), constant(0)), constant(0))) == "0");
}

TEST_CASE("simplify: folding works bottom-up through nested derivative-like terms") {
    ExprRef messy = binary("+", binary("*", constant(0), v()),
                           binary("*", constant(1), unary("-", unary("-", constant(2)))));
    CHECK(simple(messy) == "2");
    ExprRef kept = binary("*", param(0), v());
    CHECK(simplify(kept) == kept);
}
