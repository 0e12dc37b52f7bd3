// Tests of binding shared expression nodes to locals.
#include "compiler/ir/passes/bind_shared_nodes.h"

#include "compiler/ir/print_ir.h"
#include "compiler/ir/verify_ir.h"

#include <doctest/doctest.h>

using namespace nj::ir;

TEST_CASE("bind_shared_nodes: a node with two users is computed once into a local") {
    Kernel k;
    k.arrays = {"v"};
    ExprRef e = call("exp", {load(0)});
    std::vector<Stmt> out;
    auto bound =
        bind_shared_nodes({binary("*", e, constant(2)), binary("+", e, constant(1))}, k, out);
    REQUIRE(out.size() == 1);
    CHECK(print_expr(out[0].value) == "exp(array0[i])");
    CHECK(print_expr(bound[0]) == "(%0 * 2)");
    CHECK(print_expr(bound[1]) == "(%0 + 1)");
    CHECK(k.locals == 1);
}

TEST_CASE("bind_shared_nodes: leaves, conditions and guarded reads stay in place") {
    Kernel k;
    k.arrays = {"v", "table"};
    ExprRef v = load(0);
    ExprRef crossed = compare(">", v, constant(0));
    ExprRef lookup = binary("*", load(1, v), constant(3));
    ExprRef guarded = select(crossed, lookup, constant(0));
    std::vector<Stmt> out;
    auto bound = bind_shared_nodes({binary("+", guarded, v), select(crossed, lookup, v)}, k, out);
    CHECK(out.empty());
    CHECK(print_expr(bound[1]) == "select((array0[i] > 0), (array1[array0[i]] * 3), array0[i])");
}

TEST_CASE("bind_shared_nodes: nested shared nodes are bound in dependency order") {
    Kernel k;
    k.arrays = {"v"};
    k.locals = 2;
    ExprRef inner = call("tanh", {load(0)});
    ExprRef outer = binary("*", inner, inner);
    std::vector<Stmt> out;
    auto bound =
        bind_shared_nodes({binary("+", outer, constant(1)), binary("-", outer, inner)}, k, out);
    REQUIRE(out.size() == 2);
    CHECK(out[0].slot == 2);
    CHECK(print_expr(out[1].value) == "(%2 * %2)");
    CHECK(print_expr(bound[1]) == "(%3 - %2)");
    k.body = out;
    for (const auto& b : bound) k.body.push_back(store(0, b));
    CHECK(verify_kernel(k).empty());
}
