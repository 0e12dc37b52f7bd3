// exp(A) for a small matrix of IR expressions, unrolled into statements: the propagator of the
// exact method for coupled linear equations.
//
// Scaling and squaring, branch-free: s = min(7, ceil(log2(‖A‖∞ / θ))) (at least 0) with
// θ = 50 / 2^7 ≈ 0.39, the degree-13 Taylor polynomial of A / 2^s in Horner form, then seven
// unrolled squarings of which the first s are applied (select). Computing s at run time
// instead of always squaring 7 times matters: each squaring doubles the relative rounding
// error, so small steps (‖A‖ ≈ 0.01, the usual case) would otherwise lose 2^7 units of
// roundoff per step. The code is the same whatever A is, so when A depends only on parameters
// and dt LLVM computes it once per kernel call, outside the element loop.
//
// Error for ‖A‖∞ ≤ 50: ‖A / 2^s‖ ≤ θ, and the Taylor tail is below θ^14 / 14! · e^θ ≈ 3.4e-17
// relative to exp(A / 2^s); squaring multiplies it by 2^s ≤ 128, so truncation adds at most
// 4.4e-15 (rigorous: the tail commutes with exp(A)). Rounding adds about (2^s + 13) units of
// roundoff, at most 1.6e-14, for matrices whose exponentials have no cancelling terms, such as
// the triangular and Metzler systems of neuron models; the tests measure below 1e-13
// (normwise, relative) up to ‖A‖∞ = 50. Beyond 50 the error grows with ‖A‖ / 50. Entries
// that are constants stay constants (a zero coupling costs nothing).
#pragma once

#include "compiler/equations/step_builder.h"

#include <vector>

namespace nj::equations {

/// A square matrix of F64 expressions, row-major.
using ExprMatrix = std::vector<std::vector<ir::ExprRef>>;

/// exp(a), each non-constant entry computed into a local of `builder`.
ExprMatrix matrix_exponential(const ExprMatrix& a, StepBuilder& builder);

}  // namespace nj::equations
