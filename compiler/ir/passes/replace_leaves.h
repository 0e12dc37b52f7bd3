// Rewrites an expression by replacing some of its leaves: the engine behind substitute and the
// integrators' stage evaluation (time shifted to a stage, random draws renumbered per stage).
//
// Requires: nothing.   Ensures: subtrees without a replaced leaf are reused as they are, and a
// node shared within `expr` is rewritten once, so sharing survives.
//   replace_leaves(`(v[i] * t)`, t ↦ `(t + dt)`)  →  `(v[i] * (t + dt))`
#pragma once

#include "compiler/ir/ir.h"

#include <functional>

namespace nj::ir {

/// Called on every leaf (a node without operands, or a Load, whose index is visited first);
/// returns the replacement or null to keep the leaf.
using LeafRewrite = std::function<ExprRef(const ExprRef& leaf)>;

/// `expr` with each leaf replaced as `rewrite` says.
ExprRef replace_leaves(const ExprRef& expr, const LeafRewrite& rewrite);

}  // namespace nj::ir
