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

TEST_CASE("costly_per_element: a load at a fixed index counts as per element only where the kernel writes that array") {
    // v[i] += stim[i] * sum of exp(-t / onsets[k]) for 12 entries k: the sum is the same for every
    // element when the kernel leaves `onsets` alone
    Kernel k;
    k.arrays = {"v", "stim", "onsets"};
    ExprRef drive = constant(0);
    for (int n = 0; n < 12; ++n) drive = binary("+", drive, call("exp", {binary("/", unary("-", time()), load(2, constant(n)))}));
    k.body = {store(0, binary("+", load(0), binary("*", load(1), drive)))};
    CHECK_FALSE(costly_per_element(k));

    Kernel writes_onsets = k;  // ... but not when a statement of the loop changes them
    writes_onsets.body.push_back(store(2, binary("+", load(2), constant(1))));
    CHECK(costly_per_element(writes_onsets));

    Kernel at_element = k;  // the same sum over entries chosen by the element itself
    ExprRef per_element = constant(0);
    for (int n = 0; n < 12; ++n)
        per_element = binary("+", per_element, call("exp", {binary("/", unary("-", time()), load(2, binary("+", loop_index(), constant(n))))}));
    at_element.body = {store(0, binary("+", load(0), binary("*", load(1), per_element)))};
    CHECK(costly_per_element(at_element));
}

TEST_CASE("costly_per_element: locals set from parameters are computed once; from the element, per element") {
    // %k = exp(%k-1 * dt / tau) for 12 locals, then v[i] *= %11: an exact propagator's terms
    auto propagator = [](ExprRef start) {
        Kernel k;
        k.arrays = {"v", "tau"};
        k.locals = 12;
        k.body.push_back(set_local(0, start));
        for (int n = 1; n < 12; ++n) k.body.push_back(set_local(n, call("exp", {binary("*", local(n - 1), binary("/", dt(), param(0)))})));
        k.body.push_back(store(0, binary("*", load(0), local(11))));
        return k;
    };
    CHECK_FALSE(costly_per_element(propagator(param(1))));
    CHECK(costly_per_element(propagator(load(1))));  // a per-element tau: 11 exps per element

    // the same chain from a parameter, but started only where v[i] > 0: the locals then differ
    // between elements (set or left), so their work counts
    Kernel branch = propagator(param(1));
    Stmt first = branch.body.front();
    branch.body.front() = if_then(compare(">", load(0), constant(0)), {first});
    CHECK(costly_per_element(branch));
}
