// Tests of method applicability and its messages.
#include "compiler/equations/cannot_integrate.h"

#include "systems.h"

#include <doctest/doctest.h>

using namespace nj::equations;
using namespace nj::equations::testing;

TEST_CASE("cannot_integrate: linear equations suit every method") {
    for (Method m :
         {Method::Exact, Method::Euler, Method::Rk2, Method::Rk4, Method::Heun,
          Method::ExponentialEuler, Method::Milstein, Method::EulerMaruyama, Method::Rk2Midpoint}) {
        CHECK(cannot_integrate(m, cuba(), {"v", "ge"}) == "");
    }
}

TEST_CASE("cannot_integrate: exact refuses a nonlinear equation and suggests what works") {
    OdeSystem cubic_v = {{0}, {binary("-", param(0), binary("pow", load(0), constant(3)))}, {}};
    CHECK(
        cannot_integrate(Method::Exact, cubic_v, {"v"}) ==
        "the equations are not linear in 'v' (the coefficient of 'v' in dv/dt depends on 'v'), so "
        "'exact' cannot integrate them; use 'euler' or 'rk4'");
    OdeSystem product = {
        {0, 1}, {unary("-", binary("*", load(0), load(1))), unary("-", load(1))}, {}};
    CHECK(
        cannot_integrate(Method::Exact, product, {"v", "g"}) ==
        "the equations are not linear in 'v' (the coefficient of 'v' in dv/dt depends on 'g'), so "
        "'exact' cannot integrate them; use 'euler', 'rk4' or 'exponential_euler'");
}

TEST_CASE("cannot_integrate: exact refuses time-dependent and random drifts") {
    OdeSystem timed = {{0}, {binary("-", call("sin", {time()}), load(0))}, {}};
    CHECK(cannot_integrate(Method::Exact, timed, {"x"}) ==
          "the equations depend on the time 't' (in dx/dt), so 'exact' cannot integrate them; use "
          "'euler', 'rk4' or 'exponential_euler'");
    OdeSystem drawn = {{0}, {binary("+", random("randn", 0), load(0))}, {}};
    CHECK(cannot_integrate(Method::Exact, drawn, {"x"}) ==
          "the equations draw random numbers (in dx/dt), so 'exact' cannot integrate them; use "
          "'euler', 'rk4' or 'exponential_euler'");
}

TEST_CASE("cannot_integrate: exponential_euler needs linearity in each equation's own variable") {
    CHECK(
        cannot_integrate(Method::ExponentialEuler, cubic(), {"x"}) ==
        "the equations are not linear in 'x' (the coefficient of 'x' in dx/dt depends on 'x'), so "
        "'exponential_euler' cannot integrate them; use 'euler', 'rk2' or 'rk4'");
    OdeSystem stepped = {
        {0}, {select(compare(">", load(0), param(0)), constant(1), unary("-", load(0)))}, {}};
    CHECK(cannot_integrate(Method::ExponentialEuler, stepped, {"x"}) ==
          "the equations are not linear in 'x' (dx/dt has a condition or rounding of 'x'), so "
          "'exponential_euler' cannot integrate them; use 'euler', 'rk2' or 'rk4'");
}

TEST_CASE("cannot_integrate: deterministic methods refuse noise") {
    for (Method m :
         {Method::Exact, Method::Rk2, Method::Rk4, Method::ExponentialEuler, Method::Rk2Midpoint}) {
        CHECK(cannot_integrate(m, ornstein_uhlenbeck(), {"x"}) ==
              "dx/dt has a noise term (xi), so '" + method_name(m) +
                  "' cannot integrate it; use 'euler_maruyama', 'heun' or 'milstein'");
    }
}

TEST_CASE("cannot_integrate: euler takes additive noise only, the stochastic methods any") {
    CHECK(cannot_integrate(Method::Euler, ornstein_uhlenbeck(), {"x"}) == "");
    CHECK(cannot_integrate(Method::Euler, geometric_brownian(), {"x"}) ==
          "the noise term of dx/dt depends on 'x' (multiplicative noise), so 'euler' cannot "
          "integrate it; use 'heun' or 'milstein' (Stratonovich) or 'euler_maruyama' (Itô)");
    for (Method m : {Method::Heun, Method::Milstein, Method::EulerMaruyama}) {
        CHECK(cannot_integrate(m, geometric_brownian(), {"x"}) == "");
        CHECK(cannot_integrate(m, ornstein_uhlenbeck(), {"x"}) == "");
    }
}

TEST_CASE("cannot_integrate: states without names are called x0, x1, ...") {
    CHECK(cannot_integrate(Method::Rk4, ornstein_uhlenbeck(), {}) ==
          "dx0/dt has a noise term (xi), so 'rk4' cannot integrate it; use 'euler_maruyama', "
          "'heun' or 'milstein'");
}
