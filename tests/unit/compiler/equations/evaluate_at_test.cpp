// Tests of stage evaluation and the integrators' draw numbers.
#include "compiler/equations/evaluate_at.h"

#include "compiler/ir/print_ir.h"

#include <doctest/doctest.h>

using namespace nj::equations;
using namespace nj::ir;

TEST_CASE("evaluate_at: states, time and stage draws change together") {
    OdeSystem s = {{0, 1}, {}, {}};
    ExprRef rhs = binary("+", binary("*", load(0), call("cos", {time()})),
                         binary("*", load(1), random("randn", 7)));
    CHECK(print_expr(evaluate_at(rhs, s, {local(4), nullptr}, 0.5, 1)) ==
          "((%4 * cos((t + (0.5 * dt)))) + (array1[i] * randn#2007()))");
    CHECK(print_expr(evaluate_at(rhs, s, {nullptr, local(2)}, 1.0, 3)) ==
          "((array0[i] * cos((t + dt))) + (%2 * randn#4007()))");
}

TEST_CASE("evaluate_at: the first stage at the start of the step is the expression itself") {
    OdeSystem s = {{0}, {}, {}};
    ExprRef rhs = binary("*", load(0), random("rand", 3));
    CHECK(evaluate_at(rhs, s, {nullptr}, 0.0, 0) == rhs);
}

TEST_CASE("xi_draw: noise draws follow the 1000 reserved for model code") {
    CHECK(xi_draw(0) == 1000);
    CHECK(xi_draw(3) == 1003);
}
