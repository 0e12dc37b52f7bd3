// Tests of the integration method names.
#include "compiler/equations/method.h"

#include <doctest/doctest.h>

using namespace nj::equations;

TEST_CASE("method_from_name: every method's name reads back as that method") {
    for (Method m :
         {Method::Exact, Method::Euler, Method::Rk2, Method::Rk4, Method::Heun,
          Method::ExponentialEuler, Method::Milstein, Method::EulerMaruyama, Method::Rk2Midpoint}) {
        CHECK(method_from_name(method_name(m)) == m);
    }
}

TEST_CASE("method_from_name: linear is exact, and unknown names give nothing") {
    CHECK(method_from_name("linear") == Method::Exact);
    CHECK(method_from_name("exponential_euler") == Method::ExponentialEuler);
    CHECK_FALSE(method_from_name("Euler").has_value());
    CHECK_FALSE(method_from_name("").has_value());
}

TEST_CASE("method_name: names are the language's") {
    CHECK(method_name(Method::Exact) == "exact");
    CHECK(method_name(Method::EulerMaruyama) == "euler_maruyama");
    CHECK(method_name(Method::Rk2Midpoint) == "rk2_midpoint");
}
