// Small systems of equations shared by the equations tests, written as IR.
//
// Arrays and parameters are numbered as the names vectors below say, so the printed IR reads
// like the model.
#pragma once

#include "compiler/equations/ode_system.h"

namespace nj::equations::testing {

using namespace nj::ir;

/// dv/dt = (El - v) / tau. Arrays [v], params [El, tau].
inline OdeSystem leaky() {
    return {{0}, {binary("/", binary("-", param(0), load(0)), param(1))}, {}};
}

/// dv/dt = (ge - (v - El)) / taum, dge/dt = -ge / taue. Arrays [v, ge], params [El, taum, taue].
inline OdeSystem cuba() {
    ExprRef dv = binary("/", binary("-", load(1), binary("-", load(0), param(0))), param(1));
    ExprRef dge = binary("/", unary("-", load(1)), param(2));
    return {{0, 1}, {dv, dge}, {}};
}

/// dx/dt = -x**3. Arrays [x].
inline OdeSystem cubic() { return {{0}, {unary("-", binary("pow", load(0), constant(3)))}, {}}; }

/// dx/dt = -(x - mu) / tau + sigma * sqrt(2 / tau) * xi. Arrays [x], params [mu, tau, sigma].
inline OdeSystem ornstein_uhlenbeck() {
    ExprRef drift = unary("-", binary("/", binary("-", load(0), param(0)), param(1)));
    ExprRef noise = binary("*", param(2), call("sqrt", {binary("/", constant(2), param(1))}));
    return {{0}, {drift}, {noise}};
}

/// dx/dt = a x + b x xi (geometric Brownian motion). Arrays [x], params [a, b].
inline OdeSystem geometric_brownian() {
    return {{0}, {binary("*", param(0), load(0))}, {binary("*", param(1), load(0))}};
}

}  // namespace nj::equations::testing
