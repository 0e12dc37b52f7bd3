// Tests of the integration step statements: shape, locals and dispatch by method.
#include "compiler/equations/integrate.h"

#include "integrator_helpers.h"
#include "systems.h"

#include <doctest/doctest.h>

using namespace nj::equations;
using namespace nj::equations::testing;

TEST_CASE("integrate: forward Euler reads as its formula") {
    CHECK(step_text(Method::Euler, leaky(), {"v"}, {"El", "tau"}) == R"(  %0 = ((El - v[i]) / tau)
  %1 = (v[i] + (dt * %0))
  v[i] = %1
)");
}

TEST_CASE("integrate: locals start at first_local and locals_used counts them") {
    int used = -1;
    auto body = integrate(Method::Rk4, cuba(), 10, &used);
    CHECK(used > 0);
    int highest = -1;
    for (const auto& s : body) {
        if (s.kind == StmtKind::SetLocal) {
            CHECK(s.slot >= 10);
            highest = std::max(highest, s.slot);
        }
    }
    CHECK(highest == 10 + used - 1);
}

TEST_CASE("integrate: all stores come after all computations") {
    for (Method m : {Method::Exact, Method::Euler, Method::Rk2, Method::Rk4, Method::Heun,
                     Method::ExponentialEuler, Method::Rk2Midpoint}) {
        auto body = integrate(m, cuba(), 0, nullptr);
        size_t first_store = body.size();
        for (size_t k = 0; k < body.size(); ++k) {
            if (body[k].kind == StmtKind::Store && first_store == body.size()) first_store = k;
            if (k > first_store) CHECK(body[k].kind == StmtKind::Store);
        }
        CHECK(body.size() - first_store == 2);
    }
}

TEST_CASE("integrate: euler with additive noise is Euler–Maruyama") {
    std::string em =
        step_text(Method::EulerMaruyama, ornstein_uhlenbeck(), {"x"}, {"mu", "tau", "sigma"});
    CHECK(step_text(Method::Euler, ornstein_uhlenbeck(), {"x"}, {"mu", "tau", "sigma"}) == em);
    CHECK(em == R"(  %0 = (-((x[i] - mu) / tau))
  %1 = (sigma * sqrt((2 / tau)))
  %2 = (sqrt(dt) * randn#1000())
  %3 = ((x[i] + (dt * %0)) + (%1 * %2))
  x[i] = %3
)");
}

TEST_CASE("integrate: without noise the stochastic methods are their deterministic part") {
    CHECK(step_text(Method::EulerMaruyama, leaky(), {"v"}, {"El", "tau"}) ==
          step_text(Method::Euler, leaky(), {"v"}, {"El", "tau"}));
    CHECK(step_text(Method::Milstein, leaky(), {"v"}, {"El", "tau"}) ==
          step_text(Method::Euler, leaky(), {"v"}, {"El", "tau"}));
}
