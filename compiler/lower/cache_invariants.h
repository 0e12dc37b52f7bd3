// Group updates and Poisson inputs read the per-element values that no step changes from arrays
// filled once per run, instead of computing them at every step
// (compiler/ir/passes/element_invariants.h).
//
// The values they may cache are those built from the groups' `constant` parameters and the
// model's constant lists that no kernel run during the steps writes (inits, connects and
// protocol statements run between runs), parameters, dt and i. The runtime fills the arrays at
// the start of every run (GroupPlan::cached_values), so a `set` or a changed parameter between
// runs is seen. A model that trains is left as it is: its adjoints differentiate the kernels as
// written.
#pragma once

#include "compiler/lower/lower_context.h"

namespace nj::lower {

/// Splits every group update and input with values worth caching into a per-run kernel and the
/// per-step one.
/// Runs after every kernel of the model is lowered, so that all writers are known.
void cache_element_invariants(LowerContext& context);

}  // namespace nj::lower
