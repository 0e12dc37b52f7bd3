// Evaluates a right-hand side at an integrator stage: another state, a later time, and random
// draws renewed for the stage. Also fixes the draw numbers the integrators use.
//
// Draw numbers (ir.h keys every Random node by its draw number within the kernel): model code
// owns 0..999. The noise ξ_k of state k is randn draw 1000 + k. A draw d < 1000 inside a drift
// is drawn afresh at each stage (randn_stage semantics, also Brian2's for rand() in equations):
// stage s ≥ 1 reads draw d + 1000 · (s + 1), so stages 1, 2, 3 use 2000.., 3000.., 4000...
#pragma once

#include "compiler/equations/ode_system.h"

#include <vector>

namespace nj::equations {

/// Draw number of the noise ξ_k of state k (k < 1000).
int xi_draw(int k);

/// `expr` with state j read as `values[j]` (null: unchanged), t as t + time_fraction · dt, and
/// random draws renumbered for integrator stage `stage` (0: unchanged). Simplified.
ir::ExprRef evaluate_at(const ir::ExprRef& expr, const OdeSystem& system,
                        const std::vector<ir::ExprRef>& values, double time_fraction, int stage);

}  // namespace nj::equations
