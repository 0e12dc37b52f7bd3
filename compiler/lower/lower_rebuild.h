// `apply rebuild(seed = s)`: the values the runtime needs to build the network afresh with the
// current parameters. Derived values (`let`) are recomputed from the parameters, and the group
// sizes and subgroup slices they imply are computed so the runtime can refuse a rebuild that
// would need another compiled plan.
//
// Requires: groups lowered; `op` is the rebuild's Analyse op (its `seed` argument already in
//           op.body).
// Ensures:  op.body gains, in order, SetParam ops recomputing each numeric `let` (in declaration
//           order) and Analyse ops named "size" (top-level group: its size) or "begin" / "end"
//           (subgroup: its slice in the parent) with op.groups = {group id}.
// Example:  let n_qif = floor(N * pqif); group Q = Net[0:n_qif]
//           → body: SetParam n_qif ← floor(N * pqif); Analyse "begin" Q ← 0; "end" Q ← n_qif
#pragma once

#include "compiler/lower/lower_context.h"

namespace nj::lower {

/// Adds the let updates and size computations of a rebuild to `op.body`.
void lower_rebuild_values(rt::ProtocolOp& op, LowerContext& context);

}  // namespace nj::lower
