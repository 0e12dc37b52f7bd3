// Symbolic derivative of an expression with respect to one array read at element i: the
// coefficients that decide whether equations are linear (exact and exponential Euler
// integration), and later the building block of reverse-mode differentiation.
//
// Rules: the derivative is taken almost everywhere. Parameters, t, dt, locals, random draws,
// loads of other arrays or other elements are constants. select(c, a, b) differentiates both
// branches under the same condition; min/max become selects; fabs' is select(u < 0, -1, 1) u';
// floor, ceil, round and trunc have derivative 0, mod(u, v) has u' - v' floor(u / v): they
// jump, so callers asking "is this linear?" must also look for jumps. Conditions (Compare,
// Logical, not) have derivative 0. Every math function of ir.h is known; a function that is
// not gives null, meaning "cannot differentiate", so callers can refuse rather than guess.
//
// Requires: `expr` is F64.   Ensures: the result is simplified and shares the nodes of `expr`
// (exp(u)' reuses the node exp(u)).
//   differentiate(`(v[i] * exp(v[i]))`, v)  →  `(exp(v[i]) + (v[i] * exp(v[i])))`
#pragma once

#include "compiler/ir/ir.h"

namespace nj::ir {

/// d expr / d load(slot) at element i, simplified; null when some function has no known
/// derivative.
ExprRef differentiate(const ExprRef& expr, int slot);

}  // namespace nj::ir
