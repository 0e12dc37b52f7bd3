// Lowers neuron groups, subgroups and Poisson groups to arrays and kernels of the plan.
//
// Requires: the model checked without errors; parameters have their slots.
// Ensures:  each group has arrays for its state variables and parameters (subgroups share
//           their parent's), an init kernel (defaults, then `init:`), an update kernel (its
//           equations integrated by the chosen method, `unless refractory` held while
//           refractory), and, if it spikes, its threshold (appended to the update kernel
//           unless it draws random numbers or the group is a Poisson group, which keep a
//           threshold kernel of their own) and a reset kernel, with refractoriness as Brian2
//           defines it.
// Example:  group E = LIF(100) → arrays E.v, E.spiked, E.lastspike, E.not_refractory; kernels
//           E_init, E_update, E_threshold, E_reset.
#pragma once

#include "compiler/lower/lower_context.h"

namespace nj::lower {

/// Adds every group of the model to the plan.
void lower_groups(LowerContext& context);

/// The names visible in element code of group `id` (its variables and specials).
ElementScope group_scope(int id, LowerContext& context);

}  // namespace nj::lower
