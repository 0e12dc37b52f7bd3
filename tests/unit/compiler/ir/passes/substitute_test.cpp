// Tests of substituting element-i array reads.
#include "compiler/ir/passes/substitute.h"

#include "compiler/ir/print_ir.h"

#include <doctest/doctest.h>

using namespace nj::ir;

TEST_CASE("substitute: reads of the given arrays become the given expressions") {
    ExprRef rhs = binary("/", binary("-", param(0), load(0)), param(1));
    ExprRef at_stage = substitute(rhs, {{0, binary("+", load(0), local(2))}});
    CHECK(print_expr(at_stage) == "((param0 - (array0[i] + %2)) / param1)");
}

TEST_CASE("substitute: untouched subtrees are reused and other arrays are left alone") {
    ExprRef other = binary("*", load(1), param(0));
    ExprRef rhs = binary("+", load(0), other);
    ExprRef out = substitute(rhs, {{0, constant(0)}});
    CHECK(print_expr(out) == "(0 + (array1[i] * param0))");
    CHECK(out->args[1] == other);
    CHECK(substitute(other, {{0, constant(0)}}) == other);
}

TEST_CASE("substitute: a read of another element is not the state of element i") {
    ExprRef neighbour = load(0, loop_index());
    ExprRef rhs = binary("-", neighbour, load(0));
    CHECK(print_expr(substitute(rhs, {{0, local(0)}})) == "(array0[i] - %0)");
    CHECK(substitute(rhs, {{0, local(0)}})->args[0] == neighbour);
}
