// prev(x) in threshold, reset and event code: x as it was at the start of the step. The update
// kernel copies each such x into an array of its own before integrating; code that runs after
// the update reads that copy.
//
// Requires: the group's variable arrays exist (lower_groups).
// Example:  threshold: x - prev(x) > 1   →   update: Net.x.prev[i] = Net.x[i]; (integrate x)
//                                            threshold: spiked[i] = x[i] - Net.x.prev[i] > 1
#pragma once

#include "compiler/lower/lower_context.h"
#include "compiler/lower/lower_equations.h"

namespace nj::lower {

/// Adds an array `G.x.prev` for every state variable x of root group `id` that its bodies read
/// as prev(x), and records it in context.prev_arrays.
void add_prev_arrays(const Bodies& bodies, int id, LowerContext& context);

/// Appends to `b` the copies x → prev array of root group `id` (first statements of its update).
void copy_prev_values(int id, KernelBuilder& b, LowerContext& context);

}  // namespace nj::lower
