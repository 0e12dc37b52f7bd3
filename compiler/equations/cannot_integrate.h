// Says whether an integration method applies to a system of equations and, if not, why, in
// words for the user's error message (method.unsupported).
//
// The rules follow Brian2. exact needs linear equations whose coefficients are constant over
// a step (free of the states, of t and of random draws) and no noise. exponential_euler needs
// each equation linear in its own variable (the coefficient may depend on other states) and
// no noise. euler, rk2, rk4 and rk2_midpoint need no noise, except that euler accepts additive
// noise (noise free of the states), which it integrates as Euler–Maruyama. heun and milstein
// (Stratonovich) and euler_maruyama (Itô) accept any noise; milstein needs the derivative of
// each noise term by its own variable, which every built-in function has.
#pragma once

#include "compiler/equations/method.h"
#include "compiler/equations/ode_system.h"

#include <string>
#include <vector>

namespace nj::equations {

/// "" when `method` can integrate `system`; otherwise the reason and the methods that would
/// do, e.g. "the equations are not linear in 'v' (the coefficient of 'v' in dv/dt depends on
/// 'v'), so 'exact' cannot integrate them; use 'euler', 'rk4' or 'exponential_euler'".
/// `names[k]` names state k (when empty, states are called x0, x1, ...).
std::string cannot_integrate(Method method, const OdeSystem& system,
                             const std::vector<std::string>& names);

}  // namespace nj::equations
