// Tests of leaf replacement.
#include "compiler/ir/passes/replace_leaves.h"

#include "compiler/ir/print_ir.h"

#include <doctest/doctest.h>

using namespace nj::ir;

TEST_CASE("replace_leaves: time becomes a later time and the rest is untouched") {
    ExprRef rate = binary("*", load(0), call("sin", {time()}));
    ExprRef later = replace_leaves(rate, [](const ExprRef& leaf) -> ExprRef {
        return leaf->kind == ExprKind::Time ? binary("+", time(), dt()) : nullptr;
    });
    CHECK(print_expr(later) == "(array0[i] * sin((t + dt)))");
    CHECK(later->args[0] == rate->args[0]);
}

TEST_CASE("replace_leaves: a shared node is rewritten once and stays shared") {
    ExprRef shared = binary("/", load(0), param(0));
    ExprRef twice = binary("+", shared, call("exp", {shared}));
    int calls = 0;
    ExprRef out = replace_leaves(twice, [&](const ExprRef& leaf) -> ExprRef {
        if (leaf->kind != ExprKind::Load) return nullptr;
        ++calls;
        return local(7);
    });
    CHECK(print_expr(out) == "((%7 / param0) + exp((%7 / param0)))");
    CHECK(calls == 1);
    CHECK(out->args[0] == out->args[1]->args[0]);
}

TEST_CASE("replace_leaves: nothing to replace gives back the expression itself") {
    ExprRef e = binary("+", load(0), random("randn", 3));
    CHECK(replace_leaves(e, [](const ExprRef&) -> ExprRef { return nullptr; }) == e);
}
