// Tests of symbolic execution of kernel bodies: stored values, sums at other elements, renaming.
#include "compiler/ir/passes/final_values.h"

#include "compiler/ir/print_ir.h"

#include <doctest/doctest.h>

using namespace nj::ir;

namespace {

/// Arrays v, T, x, pre, post (slots 0-4) and parameter a; renamed loads start at slot 5.
Kernel synapse_kernel(std::vector<Stmt> body) {
    Kernel k;
    k.name = "sum";
    k.role = "summed_variable";
    k.serial = true;
    k.arrays = {"v", "T", "x", "pre", "post"};
    k.params = {"a"};
    k.locals = 1;
    k.body = std::move(body);
    return k;
}

std::string text(const ExprRef& e) {
    return print_expr(e);
}

}  // namespace

TEST_CASE("final_values: a store at i, a sum at another element and the loads it renames") {
    ExprRef post = load(4);
    Kernel k = synapse_kernel(
        {store(0, binary("*", load(0), param(0))),
         store_at(1, post, binary("+", load(1, post), binary("*", load(0), load(2, load(3)))))});
    FinalValues f = final_values(k, {0}, 5);
    REQUIRE(f.error.empty());
    REQUIRE(f.stores.size() == 1);
    CHECK(text(f.stores.at(0)) == "(array0[i] * array5[i])");  // a is renamed to slot 5
    REQUIRE(f.additions.size() == 1);
    CHECK(f.additions[0].first.array == 1);
    CHECK(text(f.additions[0].first.index) == "array4[i]");
    CHECK(text(f.additions[0].second) == "((array0[i] * array5[i]) * array6[i])");
    REQUIRE(f.elsewhere.size() == 1);  // x[pre[i]] is slot 6; pre[i] itself stays a load
    CHECK(f.elsewhere[0].array == 2);
    CHECK(text(f.elsewhere[0].index) == "array3[i]");
}

TEST_CASE("final_values: a sum under an If adds zero where the condition fails") {
    ExprRef post = load(4);
    Kernel k = synapse_kernel({set_local(0, binary("*", load(0), constant(2))),
                               if_then(compare(">", load(0), constant(0)),
                                       {store_at(1, post, binary("+", local(0), load(1, post)))})});
    FinalValues f = final_values(k, {}, 5);
    REQUIRE(f.error.empty());
    REQUIRE(f.additions.size() == 1);
    CHECK(text(f.additions[0].second) == "select((array0[i] > 0), (array0[i] * 2), 0)");
    // the same (array, index) read twice is one renamed load
    k.body = {store(0, binary("+", load(2, load(3)), load(2, load(3))))};
    f = final_values(k, {}, 5);
    CHECK(f.elsewhere.size() == 1);
    CHECK(text(f.stores.at(0)) == "(array5[i] + array5[i])");
}

TEST_CASE("final_values: a store at another element that does not add to it is an error") {
    ExprRef post = load(4);
    Kernel k = synapse_kernel({store_at(1, post, load(0))});
    CHECK(final_values(k, {}, 5).error ==
          "it sets T at another element rather than adding to it (T[j] = T[j] + ... or - ...)");
    // T[j] + e with another element on the left is no sum either
    k.body = {store_at(1, post, binary("+", load(1, load(3)), load(0)))};
    CHECK_FALSE(final_values(k, {}, 5).error.empty());
}
