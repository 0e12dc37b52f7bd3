// Lowers synapses objects to per-synapse arrays, connect rules and kernels of the plan.
//
// Requires: the model checked without errors; groups lowered (lower_groups).
// Ensures:  each synapses object has arrays for its variables (one value per synapse, sized
//           when the runtime makes the connections), index arrays to its pre and post
//           neurons, a connect plan, and kernels: init (defaults, `init:`), delays, the
//           clock-driven update, one indexed serial kernel per pathway (event-driven
//           variables first advanced exactly from `lastupdate` to t, then the statements),
//           and a clear and an add kernel per summed variable.
// Example:  synapses C(E -> I) { on_pre: v += w ... } → arrays C.w, C.pre, C.post; kernels
//           C_connect, C_init, C_on_pre (I.v[C.post[i]] = I.v[C.post[i]] + C.w[i]).
#pragma once

#include "compiler/lower/lower_context.h"

namespace nj::lower {

/// Adds every synapses object of the model to the plan.
void lower_synapses(LowerContext& context);

/// The names per-synapse code of synapses object `id` sees (its variables and subexpressions,
/// the pre and post neurons', i and j), for kernels over its synapses outside lower_synapses.
ElementScope synapses_scope(int id, LowerContext& context);

}  // namespace nj::lower
