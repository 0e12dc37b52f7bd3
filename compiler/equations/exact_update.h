// The exact step of a linear system dx/dt = M x + c whose M and c are constant over the step
// (they may depend on parameters, dt, and arrays that are not states).
//
// Uncoupled equations (M diagonal) take the closed form of exponential_euler.h per state,
// x' = x + (M_kk x + c_k) · dt · expm1(M_kk dt) / (M_kk dt), exact to rounding. Coupled ones use
// the propagator of the augmented matrix: exp([[M dt, c dt], [0, 0]]) = [[E, d]] gives
// x' = E x + d, with no division anywhere, so equal time constants (which make naive closed
// forms divide by zero) need no special case. Its accuracy is matrix_exponential.h's, with
// ‖M dt‖∞ in the role of ‖A‖∞ (the column c dt enters linearly, so its size does not matter).
// When M is constant over a run (OdeSystem::constant_slot) and c is not, the propagator is kept
// apart from the drive: exp([[M dt, I dt], [0, 0]]) = [[E, F]] gives x' = E x + F c, whose E and
// F a group update computes once per run (compiler/lower/cache_invariants.h).
#pragma once

#include "compiler/equations/ode_system.h"
#include "compiler/equations/step_builder.h"

#include <vector>

namespace nj::equations {

/// The new value of every state after one exact step. Requires: no noise and
/// find_nonlinearity(system, Full) found none.
std::vector<ir::ExprRef> exact_update(const OdeSystem& system, StepBuilder& builder);

}  // namespace nj::equations
