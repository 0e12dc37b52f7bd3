// Replaces reads of arrays at element i by given expressions: evaluates a right-hand side at
// another state (integrator stages, supports of stochastic schemes, x = 0 for the affine part).
//
// Requires: the replacements are F64.   Ensures: subtrees that read none of the arrays are
// reused unchanged; loads at another element (non-null index) are left alone.
//   substitute(`((El - v[i]) / tau)`, {v ↦ `%3`})  →  `((El - %3) / tau)`
#pragma once

#include "compiler/ir/ir.h"

#include <map>

namespace nj::ir {

/// `expr` with every `load(slot)` of element i replaced by `loads.at(slot)` where present.
ExprRef substitute(const ExprRef& expr, const std::map<int, ExprRef>& loads);

}  // namespace nj::ir
