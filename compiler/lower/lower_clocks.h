// A group's own time step (`dt:` clause): its kernels run every k-th network step with dt = k dt.
//
// Requires: lower_groups, lower_inputs (the calls whose clock is set).
// Example:  group Slow = Unit(1) { dt: 4 * dt }   →   Slow's update, threshold, reset,
//           event and input calls get every = 4; the runtime runs them at steps 0, 4, 8, ...
#pragma once

#include "compiler/lower/lower_context.h"
#include "compiler/lower/lower_equations.h"

namespace nj::lower {

/// The number of network steps per step of a group with these bodies: 1 without a `dt:` clause;
/// reports an error (and returns 1) unless the clause is a whole positive multiple of the
/// network's dt.
size_t group_step_multiple(const Bodies& bodies, LowerContext& context);

/// Gives every kernel call of each group (and its subgroups) its group's step multiple.
void apply_group_clocks(LowerContext& context);

}  // namespace nj::lower
