// Tests of the element-i read search.
#include "compiler/ir/passes/depends_on.h"

#include <doctest/doctest.h>

using namespace nj::ir;

TEST_CASE("depends_on: finds a read anywhere, conditions included") {
    ExprRef rhs = select(compare(">", load(2), param(0)), constant(1), call("exp", {param(1)}));
    CHECK(depends_on(rhs, 2));
    CHECK_FALSE(depends_on(rhs, 0));
    CHECK(depends_on(binary("*", param(0), unary("-", load(0))), 0));
}

TEST_CASE("depends_on: parameters, time, locals, draws and other elements do not count") {
    ExprRef rhs =
        binary("+", binary("+", param(0), time()), binary("+", local(0), random("randn", 0)));
    CHECK_FALSE(depends_on(rhs, 0));
    CHECK_FALSE(depends_on(load(0, loop_index()), 0));
    CHECK_FALSE(depends_on(nullptr, 0));
}
