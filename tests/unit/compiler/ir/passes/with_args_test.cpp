// Tests of rebuilding a node with new operands.
#include "compiler/ir/passes/with_args.h"

#include "compiler/ir/print_ir.h"

#include <doctest/doctest.h>

using namespace nj::ir;

TEST_CASE("with_args: the same operands give back the same node") {
    ExprRef sum = binary("+", load(0), constant(1));
    CHECK(with_args(sum, {sum->args[0], sum->args[1]}) == sum);
}

TEST_CASE("with_args: new operands make a node of the same kind and operator") {
    ExprRef sum = binary("-", load(0), constant(1));
    ExprRef rebuilt = with_args(sum, {local(3), constant(1)});
    CHECK(print_expr(rebuilt) == "(%3 - 1)");
    ExprRef pick = select(compare("<", load(0), param(1)), load(0), constant(0));
    CHECK(print_expr(with_args(pick, {pick->args[0], constant(2), pick->args[2]})) ==
          "select((array0[i] < param1), 2, 0)");
}

TEST_CASE("with_args: a load keeps its array and takes the new index") {
    ExprRef at_i = load(4);
    CHECK(print_expr(with_args(at_i, {loop_index()})) == "array4[i]");
    CHECK(with_args(at_i, {loop_index()})->args[0] != nullptr);
}
