// The exponential Euler step: exact for the part of each equation that is linear in its own
// variable, with the rest frozen at the start of the step.
//
// Writing drift_k = A + B x_k with B = ∂drift_k/∂x_k free of x_k (A and B may depend on the
// other states and t, evaluated at the start of the step), the step is
//   x' = -A/B + (x + A/B) e^{B dt}  =  x + drift_k · dt · expm1(B dt) / (B dt),
// the second form staying accurate as B dt → 0 (a B that simplifies to 0 gives the Euler step
// x + dt · drift_k), with expm1(z) / z continued by 1 at z = 0. A pure decay (A = 0) takes the
// first form, x e^{B dt}: as accurate, and cheaper where B dt changes from element to element
// (event-driven traces). When B and A are free of all states and t, this is the exact solution.
#pragma once

#include "compiler/equations/ode_system.h"
#include "compiler/equations/step_builder.h"

#include <vector>

namespace nj::equations {

/// The new value of every state after one exponential Euler step. Requires: no noise and
/// find_nonlinearity(system, OwnVariable) found none.
std::vector<ir::ExprRef> exponential_euler(const OdeSystem& system, StepBuilder& builder);

}  // namespace nj::equations
