// Tests of the explicit Runge–Kutta methods: their statements, and their convergence orders
// measured by halving dt against analytic solutions.
#include "compiler/equations/runge_kutta.h"

#include "integrator_helpers.h"
#include "systems.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace nj::equations;
using namespace nj::equations::testing;

namespace {

/// |x(T) - exact| after integrating from x0 to T = 1 with step dt.
double error_at_end(const Integrator& integrator, double x0, std::vector<double> params, double dt,
                    double exact) {
    std::vector<std::vector<double>> arrays = {{x0}};
    integrator.run(arrays, params, dt, static_cast<int>(std::lround(1.0 / dt)));
    return std::fabs(arrays[0][0] - exact);
}

/// Checks that halving dt divides the error by 2^order within 15 %, on both halvings of
/// dt = 0.1, 0.05, 0.025.
void check_order(const Integrator& integrator, double x0, const std::vector<double>& params,
                 double exact, int order) {
    double e1 = error_at_end(integrator, x0, params, 0.1, exact);
    double e2 = error_at_end(integrator, x0, params, 0.05, exact);
    double e3 = error_at_end(integrator, x0, params, 0.025, exact);
    double expected = std::pow(2.0, order);
    INFO("errors " << e1 << " " << e2 << " " << e3);
    CHECK(near_ratio(e1 / e2, expected));
    CHECK(near_ratio(e2 / e3, expected));
}

}  // namespace

TEST_CASE("butcher_table: stochastic methods without noise fall back to their deterministic part") {
    CHECK(butcher_table(Method::EulerMaruyama) == butcher_table(Method::Euler));
    CHECK(butcher_table(Method::Milstein) == butcher_table(Method::Euler));
    CHECK(butcher_table(Method::Rk2Midpoint) == butcher_table(Method::Rk2));
    CHECK(butcher_table(Method::Rk4)->b.size() == 4);
    CHECK(butcher_table(Method::Exact) == nullptr);
}

TEST_CASE("runge_kutta: rk2 is the midpoint rule") {
    CHECK(step_text(Method::Rk2, leaky(), {"v"}, {"El", "tau"}) == R"(  %0 = ((El - v[i]) / tau)
  %1 = (v[i] + (dt * (0.5 * %0)))
  %2 = ((El - %1) / tau)
  %3 = (v[i] + (dt * %2))
  v[i] = %3
)");
}

TEST_CASE("runge_kutta: stages see the stage time and renewed random draws") {
    // dx/dt = cos(t) + randn_stage(): the second midpoint stage runs at t + dt/2 with new draws
    OdeSystem s = {{0}, {binary("+", call("cos", {time()}), random("randn", 0))}, {}};
    CHECK(step_text(Method::Rk2Midpoint, s, {"x"}, {}) == R"(  %0 = (cos(t) + randn#0())
  %1 = (x[i] + (dt * (0.5 * %0)))
  %2 = (cos((t + (0.5 * dt))) + randn#2000())
  %3 = (x[i] + (dt * %2))
  x[i] = %3
)");
}

TEST_CASE("runge_kutta: on exponential decay the orders are 1 (euler), 2 (rk2, heun), 4 (rk4)") {
    // dx/dt = (0 - x) / 1 from x = 1: x(1) = exp(-1)
    std::vector<std::pair<Method, int>> cases = {{Method::Euler, 1},
                                                 {Method::Rk2, 2},
                                                 {Method::Rk2Midpoint, 2},
                                                 {Method::Heun, 2},
                                                 {Method::Rk4, 4}};
    for (auto [method, order] : cases) {
        INFO(method_name(method));
        Integrator integrator = compile_integrator(method, leaky(), {"v"}, {"El", "tau"});
        check_order(integrator, 1.0, {0.0, 1.0}, std::exp(-1.0), order);
    }
}

TEST_CASE("runge_kutta: rk4 keeps order 4 on the nonlinear dx/dt = -x**3") {
    // x(t) = x0 / sqrt(1 + 2 x0² t); from x0 = 0.5 (from 1 the leading error term changes sign
    // near dt = 0.1, hiding the order there)
    Integrator integrator = compile_integrator(Method::Rk4, cubic(), {"x"}, {});
    check_order(integrator, 0.5, {}, 0.5 / std::sqrt(1.5), 4);
}

TEST_CASE("runge_kutta: explicit time dependence keeps the orders (stage times are right)") {
    // dx/dt = cos(t) from 0: x(1) = sin(1)
    OdeSystem s = {{0}, {call("cos", {time()})}, {}};
    for (auto [method, order] : std::vector<std::pair<Method, int>>{
             {Method::Rk2, 2}, {Method::Heun, 2}, {Method::Rk4, 4}}) {
        INFO(method_name(method));
        Integrator integrator = compile_integrator(method, s, {"x"}, {});
        check_order(integrator, 0.0, {}, std::sin(1.0), order);
    }
}
