// Tests of the step statement collector.
#include "compiler/equations/step_builder.h"

#include "compiler/ir/print_ir.h"

#include <doctest/doctest.h>

using namespace nj::equations;
using namespace nj::ir;

namespace {

std::string text(std::vector<Stmt> body, int locals) {
    Kernel k;
    k.arrays = {"x", "y"};
    k.params = {"a"};
    k.locals = locals;
    k.body = std::move(body);
    std::string all = print_kernel(k);
    return all.substr(all.find('\n') + 1);
}

}  // namespace

TEST_CASE("StepBuilder: leaves are read directly, other values once into locals") {
    StepBuilder b(5);
    CHECK(print_expr(b.keep(binary("+", param(0), constant(0)))) == "param0");
    CHECK(print_expr(b.keep(binary("*", constant(2), constant(3)))) == "6");
    ExprRef kept = b.keep(binary("*", load(0), param(0)));
    CHECK(print_expr(kept) == "%5");
    int used = -1;
    CHECK(text(b.finish({}, {}, &used), 6) == "  %5 = (x[i] * a)\n");
    CHECK(used == 1);
}

TEST_CASE("StepBuilder: the states advance together, and unchanged states are not stored") {
    StepBuilder b(0);
    int used = -1;
    // swap x and y, keep nothing else: both reads happen before either store
    auto body = b.finish({0, 1}, {load(1), load(0)}, &used);
    CHECK(text(body, used) == "  %0 = y[i]\n  %1 = x[i]\n  x[i] = %0\n  y[i] = %1\n");
    StepBuilder same(0);
    CHECK(same.finish({0, 1}, {load(0), binary("+", load(1), constant(0))}, &used).empty());
    CHECK(used == 0);
}
