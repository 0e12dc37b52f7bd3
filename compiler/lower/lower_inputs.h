// Lowers input declarations (`input X = poisson_input(G.v, n = ..., rate = ..., weight = ...)`).
//
// Requires: groups are lowered.
// Ensures:  each Poisson input is a kernel over its target group that adds
//           weight · Poisson(n · rate · dt) to the variable every step, run after the
//           thresholds and before the resets (Brian2's slot for PoissonInput); n, rate and
//           weight may depend on i and t; anything else is reported as run.unsupported.
// Example:  poisson_input(E.v, n = 1000, rate = 1 Hz, weight = 0.1 mV)
//           → E.v[i] = (E.v[i] + (0.0001 * poisson#0(((1000 * 1) * dt))))
#pragma once

#include "compiler/lower/lower_context.h"

namespace nj::lower {

/// Adds every input declaration of the model to its target group's plan.
void lower_inputs(LowerContext& context);

}  // namespace nj::lower
