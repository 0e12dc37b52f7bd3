// Rebuilds one expression node with new operands: the shared step of every expression rewrite.
//
// Requires: `args` has the operand count and types of `expr`'s kind (ir.h).
// Ensures: the node is built through the ir.h factories, so operand types are checked again;
// `expr` itself comes back when every operand is the node it already had.
//   with_args(`(v[i] + 1)`, {`%0`, `1`})  →  `(%0 + 1)`
#pragma once

#include "compiler/ir/ir.h"

#include <vector>

namespace nj::ir {

/// `expr` with its operands replaced by `args` (kind, op, slot and value kept); `expr` itself
/// when nothing changed. A Load keeps its array and takes args[0] as its element index.
ExprRef with_args(const ExprRef& expr, std::vector<ExprRef> args);

}  // namespace nj::ir
