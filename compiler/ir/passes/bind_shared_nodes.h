// Binds expression nodes used more than once to locals: the code generator expands expressions
// as trees, so a DAG with much sharing (derivatives of chained updates, substituted stages)
// would otherwise be emitted once per path to each node.
//
// Only nodes that are safe to evaluate unconditionally move to a local: not loads at another
// element, not distribution draws (a select may guard either), and not anything containing
// one. Plain rand/randn draws may move (they are pure functions of their key). Conditions stay
// where they are (locals hold F64 values), as do leaves and loads.
//
// Requires: the values are F64 expressions of `kernel`.   Ensures: each returned value equals
// its input once the statements appended to `out` have run; verify_kernel still passes.
//   values {`(exp(v[i]) * 2)`, `(exp(v[i]) + 1)`}  →  out: `%0 = exp(v[i])`;
//   values {`(%0 * 2)`, `(%0 + 1)`}
#pragma once

#include "compiler/ir/ir.h"

#include <vector>

namespace nj::ir {

/// `values` with their shared nodes read from new locals of `kernel`, whose SetLocal statements
/// are appended to `out` in dependency order.
std::vector<ExprRef> bind_shared_nodes(const std::vector<ExprRef>& values, Kernel& kernel,
                                       std::vector<Stmt>& out);

}  // namespace nj::ir
