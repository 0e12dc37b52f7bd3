// Tests of the default integration method.
#include "compiler/equations/choose_method.h"

#include "systems.h"

#include <doctest/doctest.h>

using namespace nj::equations;
using namespace nj::equations::testing;

TEST_CASE("choose_method: linear equations get exact") {
    CHECK(choose_method(leaky()) == Method::Exact);
    CHECK(choose_method(cuba()) == Method::Exact);
}

TEST_CASE("choose_method: nonlinear equations and additive noise get euler") {
    CHECK(choose_method(cubic()) == Method::Euler);
    CHECK(choose_method(ornstein_uhlenbeck()) == Method::Euler);
}

TEST_CASE("choose_method: multiplicative noise gets heun") {
    CHECK(choose_method(geometric_brownian()) == Method::Heun);
}
