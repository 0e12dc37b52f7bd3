// Tests of the linearity analysis.
#include "compiler/equations/linear_system.h"

#include "systems.h"

#include "compiler/ir/print_ir.h"

#include <doctest/doctest.h>

using namespace nj::equations;
using namespace nj::equations::testing;
using Kind = Nonlinearity::Kind;

namespace {

Nonlinearity full(const OdeSystem& s) { return find_nonlinearity(s, Linearity::Full); }
Nonlinearity own(const OdeSystem& s) { return find_nonlinearity(s, Linearity::OwnVariable); }

}  // namespace

TEST_CASE("linear_system: the CUBA equations read as a matrix and an offset") {
    OdeSystem s = cuba();
    CHECK(full(s).kind == Kind::None);
    LinearSystem l = linear_system(s);
    Kernel k;
    k.arrays = {"v", "ge"};
    k.params = {"El", "taum", "taue"};
    CHECK(print_expr(l.matrix[0][0], &k) == "(-1 / taum)");
    CHECK(print_expr(l.matrix[0][1], &k) == "(1 / taum)");
    CHECK(print_expr(l.matrix[1][0], &k) == "0");
    CHECK(print_expr(l.matrix[1][1], &k) == "(-1 / taue)");
    CHECK(print_expr(l.offset[0], &k) == "(El / taum)");
    CHECK(print_expr(l.offset[1], &k) == "0");
}

TEST_CASE("find_nonlinearity: a cubic drift is not linear in its own variable") {
    Nonlinearity n = full(cubic());
    CHECK(n.kind == Kind::Coefficient);
    CHECK(n.equation == 0);
    CHECK(n.variable == 0);
    CHECK(n.culprit == 0);
    CHECK(own(cubic()).kind == Kind::Coefficient);
}

TEST_CASE("find_nonlinearity: a product of states is linear in each for exponential Euler only") {
    // dx/dt = -x * y, dy/dt = -y
    OdeSystem s = {{0, 1}, {unary("-", binary("*", load(0), load(1))), unary("-", load(1))}, {}};
    Nonlinearity n = full(s);
    CHECK(n.kind == Kind::Coefficient);
    CHECK(n.variable == 0);
    CHECK(n.culprit == 1);
    CHECK(own(s).kind == Kind::None);
}

TEST_CASE("find_nonlinearity: time, random draws, jumps and rounding are obstacles") {
    OdeSystem timed = {{0}, {binary("-", call("sin", {time()}), load(0))}, {}};
    CHECK(full(timed).kind == Kind::Time);
    CHECK(own(timed).kind == Kind::None);
    OdeSystem drawn = {{0}, {binary("+", random("randn", 0), load(0))}, {}};
    CHECK(full(drawn).kind == Kind::Random);
    OdeSystem stepped = {
        {0}, {select(compare(">", load(0), param(0)), constant(1), constant(0))}, {}};
    CHECK(full(stepped).kind == Kind::Jump);
    CHECK(own(stepped).kind == Kind::Jump);
    OdeSystem rounded = {{0}, {call("floor", {load(0)})}, {}};
    CHECK(full(rounded).kind == Kind::Jump);
    OdeSystem spiking = {{0}, {call("surrogate_step", {load(0), constant(5)})}, {}};
    CHECK(full(spiking).kind == Kind::Jump);
    OdeSystem wrapped = {{0}, {binary("mod", load(0), param(0))}, {}};
    CHECK(full(wrapped).kind == Kind::Jump);
    // a condition on something else is a step-constant coefficient
    OdeSystem gated = {
        {0}, {select(compare(">", param(0), constant(0)), unary("-", load(0)), load(0))}, {}};
    CHECK(full(gated).kind == Kind::None);
}
