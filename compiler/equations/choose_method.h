// Picks the integration method of equations that name none: Brian2's default order.
#pragma once

#include "compiler/equations/method.h"
#include "compiler/equations/ode_system.h"

namespace nj::equations {

/// The first of exact, euler, heun that can integrate `system` (heun takes any system).
Method choose_method(const OdeSystem& system);

}  // namespace nj::equations
