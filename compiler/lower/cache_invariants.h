// Group updates read the per-element values that no step changes from arrays filled once per
// run, instead of computing them at every step (compiler/ir/passes/element_invariants.h).
//
// The values an update may cache are those built from the group's `constant` parameters that
// no kernel run during the steps writes (inits, connects and protocol statements run between
// runs), parameters, dt and i. The runtime fills the arrays at the start of every run
// (GroupPlan::cached_values), so a `set` or a changed parameter between runs is seen. A model
// that trains is left as it is: its adjoints differentiate the updates as written.
#pragma once

#include "compiler/lower/lower_context.h"

namespace nj::lower {

/// Splits every group update with values worth caching into a per-run kernel and the update.
/// Runs after every kernel of the model is lowered, so that all writers are known.
void cache_element_invariants(LowerContext& context);

}  // namespace nj::lower
