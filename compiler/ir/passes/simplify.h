// Folds constants and removes neutral operations: keeps symbolic derivatives and integrator
// formulas small, and shows when a coefficient is a plain number (0 means "absent").
//
// Rules: operations and math calls on constants are evaluated; x+0, 0+x, x-0, x*1, 1*x, x/1,
// pow(x, 1), -(-x) become x; x*0, 0*x, 0/x, x-x become 0; 0-x, x*(-1), x/(-1) become -x;
// a + (-b) becomes a - b; select on a condition between constants picks its branch, and
// select(c, a, a) is a. These assume finite values (as -ffast-math's no-NaN/no-infinity
// rules): x*0 is 0 even though x could be infinite. "The same a" means the same node or equal
// leaves (constants, parameters, reads at element i, locals, t, dt, one random draw); larger
// expressions are not compared by structure.
//
// Requires: nothing.   Ensures: the value is unchanged for finite operands; untouched subtrees
// are reused, and shared nodes stay shared.
//   simplify(`((0 * v[i]) + (1 * (-(-2))))`)  →  `2`
#pragma once

#include "compiler/ir/ir.h"

namespace nj::ir {

/// `expr` with constants folded and neutral operations removed.
ExprRef simplify(const ExprRef& expr);

}  // namespace nj::ir
