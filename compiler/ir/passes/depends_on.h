// Tells whether an expression reads one array at element i: "is this coefficient free of the
// state?" in the linearity tests of the integrators.
//
// Requires: nothing.   Ensures: the expression is not changed; a load at another element
// (non-null index) does not count.
//   depends_on(`((El - v[i]) / tau)`, v) → true;   depends_on(`(-1 / tau)`, v) → false
#pragma once

#include "compiler/ir/ir.h"

namespace nj::ir {

/// Whether `expr` contains `load(slot)` at element i.
bool depends_on(const ExprRef& expr, int slot);

}  // namespace nj::ir
