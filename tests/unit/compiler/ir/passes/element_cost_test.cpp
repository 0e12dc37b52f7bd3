// Tests of the per-element cost query that lets sampler kernels split over threads early.
#include "compiler/ir/passes/element_cost.h"

#include <doctest/doctest.h>

using namespace nj::ir;

TEST_CASE("costly_per_element: samplers and keyed random functions, at any depth, count; inline draws do not") {
    Kernel update;
    update.arrays = {"v"};
    update.body = {store(0, binary("+", binary("*", load(0), constant(0.9)), random("randn", 0)))};
    CHECK_FALSE(costly_per_element(update));

    Kernel input = update;  // a Poisson count inside the branch of an If
    input.body = {if_then(compare(">", load(0), constant(0)),
                          {store(0, binary("+", load(0), random_poisson(constant(0.3), 1)))})};
    CHECK(costly_per_element(input));

    Kernel jitter = update;  // a Beta draw as the argument of another call
    jitter.body = {store(0, call("exp", {random_with("beta", {constant(10), constant(10)}, 0)}))};
    CHECK(costly_per_element(jitter));

    Kernel keyed = update;
    keyed.body = {set_local(0, call("keyed_rand", {constant(1), loop_index(), constant(0), constant(0),
                                                   constant(0), constant(0), constant(0)}))};
    CHECK(costly_per_element(keyed));
}

TEST_CASE("costly_per_element: many operations on the element count; the same operations on parameters do not") {
    // x <- x * exp(-dt / tau) + 1, repeated: on a per-element tau (load 1) and on a parameter tau.
    auto chain = [](ExprRef tau) {
        Kernel k;
        k.arrays = {"x", "tau"};
        ExprRef x = load(0);
        for (int n = 0; n < 12; ++n) x = binary("+", binary("*", x, call("exp", {binary("/", unary("-", dt()), tau)})), constant(1));
        k.body = {store(0, x)};
        return k;
    };
    CHECK(costly_per_element(chain(load(1))));
    Kernel on_parameter = chain(param(0));
    // still element-dependent through x, but the exp of a parameter is computed once: 12 * 2
    CHECK_FALSE(costly_per_element(on_parameter));
    Kernel short_chain = chain(load(1));
    short_chain.body = {store(0, binary("*", load(0), call("exp", {binary("/", unary("-", dt()), load(1))})))};
    CHECK_FALSE(costly_per_element(short_chain));
}
