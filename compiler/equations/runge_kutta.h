// Explicit Runge–Kutta methods as data: each method's Butcher table, and the one routine that
// turns a table into the statements of a step.
#pragma once

#include "compiler/equations/method.h"
#include "compiler/equations/ode_system.h"
#include "compiler/equations/step_builder.h"

#include <vector>

namespace nj::equations {

/// y_i = x + dt Σ_{j<i} a[i][j] k_j,  k_i = f(y_i, t + c[i] dt),  x' = x + dt Σ_i b[i] k_i.
struct ButcherTable {
    std::vector<std::vector<double>> a;  ///< a[i] has i entries (explicit methods)
    std::vector<double> b;
    std::vector<double> c;
};

/// The table of `method`'s deterministic part: euler, euler_maruyama and milstein → forward
/// Euler; rk2 and rk2_midpoint → midpoint; heun → trapezoid (Heun); rk4 → classic RK4. Null
/// for exact and exponential_euler, which are not Runge–Kutta methods.
const ButcherTable* butcher_table(Method method);

/// The new value of every state after one step of `table` on the drift of `system` (noise
/// ignored). Random draws in the drift are renewed at each stage (evaluate_at.h).
std::vector<ir::ExprRef> runge_kutta(const ButcherTable& table, const OdeSystem& system,
                                     StepBuilder& builder);

}  // namespace nj::equations
