// Tests of the exponential Euler step: its statements, exactness for equations linear in their
// own variable with step-constant coefficients, and order 1 otherwise.
#include "compiler/equations/exponential_euler.h"

#include "integrator_helpers.h"
#include "systems.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace nj::equations;
using namespace nj::equations::testing;

TEST_CASE(
    "exponential_euler: the step is x + f dt expm1(B dt) / (B dt), continued by 1 at B dt = 0") {
    CHECK(step_text(Method::ExponentialEuler, leaky(), {"v"}, {"El", "tau"}) ==
          R"(  %0 = ((-1 / tau) * dt)
  %1 = ((El - v[i]) / tau)
  %2 = expm1(%0)
  %3 = select((%0 == 0), 1, (%2 / %0))
  %4 = (v[i] + ((%1 * dt) * %3))
  v[i] = %4
)");
}

TEST_CASE("exponential_euler: a pure decay (no input) is x e^(B dt), exact to rounding at any interval") {
    // dx/dt = -x / tau: the form event-driven traces take, advanced over each synapse's interval
    OdeSystem s = {{0}, {binary("/", unary("-", load(0)), param(0))}, {}};
    CHECK(step_text(Method::ExponentialEuler, s, {"x"}, {"tau"}) == R"(  %0 = ((-1 / tau) * dt)
  %1 = exp(%0)
  %2 = (x[i] * %1)
  x[i] = %2
)");
    Integrator integrator = compile_integrator(Method::ExponentialEuler, s, {"x"}, {"tau"});
    for (double interval : {0.0, 1e-4, 0.0137, 0.5}) {
        std::vector<std::vector<double>> arrays = {{1.0, -0.25, 3e-9}};
        integrator.run(arrays, {0.02}, interval, 1);
        for (double x0 : {1.0, -0.25, 3e-9}) {
            size_t i = x0 == 1.0 ? 0 : x0 < 0 ? 1 : 2;
            CHECK(relative_error(arrays[0][i], x0 * std::exp(-interval / 0.02)) < 1e-15);
        }
    }
}

TEST_CASE("exponential_euler: a drift without its own variable takes the Euler step") {
    OdeSystem s = {{0}, {param(0)}, {}};
    CHECK(step_text(Method::ExponentialEuler, s, {"x"}, {"rate"}) == R"(  %0 = (x[i] + (rate * dt))
  x[i] = %0
)");
}

TEST_CASE("exponential_euler: decay towards a rest value is exact to rounding") {
    Integrator integrator =
        compile_integrator(Method::ExponentialEuler, leaky(), {"v"}, {"El", "tau"});
    const double El = -0.07, tau = 0.02, dt = 1e-4;
    std::vector<std::vector<double>> arrays = {{0.0, -0.05, 0.03, -0.07}};
    std::vector<double> start = arrays[0];
    integrator.run(arrays, {El, tau}, dt, 400);
    for (size_t i = 0; i < start.size(); ++i) {
        double exact = El + (start[i] - El) * std::exp(-400 * dt / tau);
        CHECK(relative_error(arrays[0][i], exact) < 1e-12);
    }
}

TEST_CASE("exponential_euler: a rate that is zero or tiny at run time keeps the whole drive") {
    // dx/dt = -k x + c with k = 0: x grows linearly
    OdeSystem s = {{0}, {binary("+", unary("-", binary("*", param(0), load(0))), param(1))}, {}};
    Integrator integrator = compile_integrator(Method::ExponentialEuler, s, {"x"}, {"k", "c"});
    std::vector<std::vector<double>> arrays = {{1.0}};
    integrator.run(arrays, {0.0, 2.0}, 0.01, 100);
    CHECK(relative_error(arrays[0][0], 3.0) < 1e-13);
    // k dt = 1e-20 rounds exp(-k dt) to 1, where a plain (exp(z) - 1) / z would lose the drive
    arrays = {{1.0}};
    integrator.run(arrays, {1e-18, 2.0}, 0.01, 100);
    CHECK(relative_error(arrays[0][0], 3.0) < 1e-13);
    // k dt = 1e-12: (exp(z) - 1) / z would be off by 1e-4 here
    arrays = {{1.0}};
    integrator.run(arrays, {1e-10, 2.0}, 0.01, 100);
    double k = 1e-10, c = 2.0;
    CHECK(relative_error(arrays[0][0], 1 + (c - k) * std::expm1(-k) / -k) < 1e-13);
    // k dt = 800: exp underflows, the state lands on c / k (to rounding of the start value 1)
    arrays = {{1.0}};
    integrator.run(arrays, {8e4, 2.0}, 0.01, 1);
    CHECK(std::fabs(arrays[0][0] - c / 8e4) < 1e-15);
}

TEST_CASE("exponential_euler: a gating variable with step-constant rates is exact") {
    // dm/dt = alpha (1 - m) - beta m with alpha = a exp(v / s), beta = b, v an array, not a state
    ExprRef alpha = binary("*", param(0), call("exp", {binary("/", load(1), param(1))}));
    ExprRef drift = binary("-", binary("*", alpha, binary("-", constant(1), load(0))),
                           binary("*", param(2), load(0)));
    OdeSystem s = {{0}, {drift}, {}};
    Integrator integrator =
        compile_integrator(Method::ExponentialEuler, s, {"m", "v"}, {"a", "s", "b"});
    const double a = 300, sc = 0.01, b = 120, dt = 1e-4;
    std::vector<std::vector<double>> arrays = {{0.0, 0.5, 1.0}, {-0.065, -0.04, 0.0}};
    integrator.run(arrays, {a, sc, b}, dt, 100);
    for (size_t i = 0; i < 3; ++i) {
        double al = a * std::exp(arrays[1][i] / sc), rate = al + b, inf = al / rate;
        double m0 = i * 0.5;
        CHECK(relative_error(arrays[0][i], inf + (m0 - inf) * std::exp(-rate * 100 * dt)) < 1e-12);
    }
}

TEST_CASE("exponential_euler: with a coefficient that varies over the step the order is 1") {
    // dx/dt = -y x, dy/dt = -y from (1, 1): y = exp(-t), x = exp(-(1 - exp(-t)))
    OdeSystem s = {{0, 1}, {unary("-", binary("*", load(1), load(0))), unary("-", load(1))}, {}};
    Integrator integrator = compile_integrator(Method::ExponentialEuler, s, {"x", "y"}, {});
    double exact = std::exp(-(1 - std::exp(-1.0)));
    std::vector<double> errors;
    for (double dt : {0.1, 0.05, 0.025}) {
        std::vector<std::vector<double>> arrays = {{1.0}, {1.0}};
        integrator.run(arrays, {}, dt, static_cast<int>(std::lround(1 / dt)));
        errors.push_back(std::fabs(arrays[0][0] - exact));
        CHECK(relative_error(arrays[1][0], std::exp(-1.0)) < 1e-12);
    }
    CHECK(near_ratio(errors[0] / errors[1], 2.0));
    CHECK(near_ratio(errors[1] / errors[2], 2.0));
}
