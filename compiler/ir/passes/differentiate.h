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
// surrogate_step(x, beta) is a step: derivative 0 by default (a jump callers must look for, like
// floor's), or on request its training surrogate beta / (1 + beta |x|)^2 x' (the fast sigmoid
// of SuperSpike), 0 with respect to beta, so that gradients flow through spikes.
//
// Requires: `expr` is F64.   Ensures: the result is simplified and shares the nodes of `expr`
// (exp(u)' reuses the node exp(u)).
//   differentiate(`(v[i] * exp(v[i]))`, v)  →  `(exp(v[i]) + (v[i] * exp(v[i])))`
#pragma once

#include "compiler/ir/ir.h"

namespace nj::ir {

/// How surrogate_step differentiates: Zero almost everywhere (linearity tests), or Surrogate,
/// its pseudo-derivative (reverse-mode training).
enum class StepDerivative { Zero, Surrogate };

/// d expr / d load(slot) at element i, simplified; null when some function has no known
/// derivative.
ExprRef differentiate(const ExprRef& expr, int slot, StepDerivative steps = StepDerivative::Zero);

}  // namespace nj::ir
