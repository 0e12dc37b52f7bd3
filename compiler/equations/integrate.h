// The statements of one integration step of a system of equations, by a given method: the
// body of a state-update kernel.
//
// Every new value is computed into locals from the state at the start of the step, then all
// are stored, so the states advance together. Random draws: ξ_k is randn draw 1000 + k, and
// draws inside drifts are renewed per stage from 2000 up (evaluate_at.h); model code keeps
// 0..999. Explicit Runge–Kutta methods come from runge_kutta.h's tables; the stochastic
// schemes are in stochastic_steps.h, exact in exact_update.h (error bound there and in
// matrix_exponential.h), exponential_euler in exponential_euler.h.
//
// Requires: cannot_integrate(method, system, ...) is "" (the caller reports it otherwise).
// Ensures: the statements read states only at element i and write only the states and locals
// first_local .. first_local + *locals_used - 1.
//   integrate(Euler, dv/dt = (El - v)/tau)  →  %0 = ((El - v[i]) / tau)
//                                              %1 = (v[i] + (dt * %0))
//                                              v[i] = %1
#pragma once

#include "compiler/equations/method.h"
#include "compiler/equations/ode_system.h"

#include <vector>

namespace nj::equations {

/// One step of `method` on `system`, using locals from `first_local` on; `*locals_used`
/// (when given) receives how many.
std::vector<ir::Stmt> integrate(Method method, const OdeSystem& system, int first_local,
                                int* locals_used);

}  // namespace nj::equations
