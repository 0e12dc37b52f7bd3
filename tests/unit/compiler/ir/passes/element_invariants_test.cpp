// Tests of the split of per-step kernels into values cached per run and the rest.
#include "compiler/ir/passes/element_invariants.h"

#include "compiler/ir/print_ir.h"

#include <doctest/doctest.h>

using namespace nj::ir;

namespace {

// v[i] = v[i] * exp(-dt / tau[i]) + drive, with arrays v (slot 0) and tau (slot 1)
Kernel decay(ExprRef drive) {
    Kernel k;
    k.arrays = {"v", "tau"};
    ExprRef factor = call("exp", {binary("/", unary("-", dt()), load(1))});
    k.body = {store(0, binary("+", binary("*", load(0), factor), std::move(drive)))};
    return k;
}

}  // namespace

TEST_CASE("split_element_invariants: a factor of a constant array is read from the first new slot") {
    Kernel k = decay(time());
    ElementInvariants split = split_element_invariants(k, {false, true}, 2);
    REQUIRE(split.cached.size() == 1);
    CHECK(print_expr(split.cached[0]) == print_expr(call("exp", {binary("/", unary("-", dt()), load(1))})));
    REQUIRE(split.body.size() == 1);
    CHECK(print_expr(split.body[0].value) == print_expr(binary("+", binary("*", load(0), load(2)), time())));
    CHECK(split.setup.empty());
}

TEST_CASE("split_element_invariants: nothing is cached from written arrays, time, draws or parameters alone") {
    CHECK(split_element_invariants(decay(time()), {false, false}, 2).cached.empty());  // tau is written
    Kernel on_param = decay(constant(0));
    on_param.body = {store(0, binary("*", load(0), call("exp", {binary("/", unary("-", dt()), param(0))})))};
    CHECK(split_element_invariants(on_param, {false, true}, 2).cached.empty());  // the loop hoists it
    Kernel timed = decay(constant(0));
    timed.body = {store(0, call("sin", {binary("*", time(), load(1))}))};
    CHECK(split_element_invariants(timed, {false, true}, 2).cached.empty());
    Kernel drawn = decay(constant(0));
    drawn.body = {store(0, call("exp", {binary("*", random("randn", 0), load(1))}))};
    CHECK(split_element_invariants(drawn, {false, true}, 2).cached.empty());
    Kernel cheap = decay(constant(0));  // a product is cheaper than the array it would be read from
    cheap.body = {store(0, binary("*", load(0), binary("*", dt(), load(1))))};
    CHECK(split_element_invariants(cheap, {false, true}, 2).cached.empty());
}

TEST_CASE("split_element_invariants: constant locals move to the setup; those the rest reads are cached") {
    Kernel k;
    k.arrays = {"v", "tau"};
    k.locals = 3;
    k.body = {set_local(0, binary("pow", constant(2), unary("-", param(0)))),   // same for all
              set_local(1, binary("/", dt(), load(1))),                          // per element
              set_local(2, binary("*", local(1), local(0))),                     // per element
              store(0, binary("+", binary("*", load(0), local(2)), time()))};
    ElementInvariants split = split_element_invariants(k, {false, true}, 2);
    REQUIRE(split.setup.size() == 3);
    REQUIRE(split.cached.size() == 1);
    CHECK(print_expr(split.cached[0]) == print_expr(local(2)));
    // the parameter-only local stays (the compiled loop computes it once), the others go
    REQUIRE(split.body.size() == 2);
    CHECK(split.body[0].kind == StmtKind::SetLocal);
    CHECK(split.body[0].slot == 0);
    CHECK(print_expr(split.body[1].value) == print_expr(binary("+", binary("*", load(0), load(2)), time())));
}

TEST_CASE("split_element_invariants: a local set twice is not constant") {
    Kernel k;
    k.arrays = {"v", "tau"};
    k.locals = 1;
    k.body = {set_local(0, binary("*", dt(), load(1))),  // cheap: cached only as a constant local
              if_then(compare(">", load(0), constant(1)), {set_local(0, constant(0))}),
              store(0, binary("*", load(0), local(0)))};
    ElementInvariants split = split_element_invariants(k, {false, true}, 2);
    CHECK(split.cached.empty());
    CHECK(split.body.size() == 3);
}

TEST_CASE("split_element_invariants: a constant condition is cached as the numbers it compares") {
    Kernel k = decay(constant(0));
    ExprRef threshold = call("floor", {binary("/", load(1), dt())});
    k.body = {if_then(compare(">", threshold, constant(3)), {store(0, binary("+", load(0), random("randn", 0)))})};
    ElementInvariants split = split_element_invariants(k, {false, true}, 2);
    REQUIRE(split.cached.size() == 1);
    CHECK(print_expr(split.cached[0]) == print_expr(threshold));
    CHECK(print_expr(split.body[0].value) == print_expr(compare(">", load(2), constant(3))));
}

TEST_CASE("split_element_invariants: a constant array read at an index the same for all elements is not cached") {
    Kernel k = decay(constant(0));
    ExprRef entry = call("floor", {binary("/", load(1, constant(2)), dt())});  // tau[2] / dt
    k.body = {store(0, binary("*", load(0), entry))};
    CHECK(split_element_invariants(k, {false, true}, 2).cached.empty());
    k.body = {store(0, binary("*", load(0), call("floor", {binary("/", load(1, loop_index()), dt())})))};
    CHECK(split_element_invariants(k, {false, true}, 2).cached.size() == 1);
}
