// Reverse-mode adjoint of one element-local kernel: the building block of gradient training by
// backpropagation through time (issue 11). Given dL/d(values after the kernel) it produces
// dL/d(values before it) and accumulates dL/d(trainable parameters).
//
// Semantics. The forward kernel runs its body once per element i; statements run in order (a
// Load after a Store of the same array sees the stored value), and a Store inside an If stores
// only when its condition holds. The pass first turns the body into final values: each stored
// array's value at the end of the body as an expression of the values at its start (forward
// substitution through SetLocal and Store; a Store under If becomes select(cond, new, old), the
// condition read at the If). Arrays read but not stored pass through unchanged. Parameters, t,
// dt, the element index and random draws are constants of the derivative.
//
// The adjoint kernel (name `<forward>_adjoint`, role "adjoint", the forward kernel's params and
// random stream) has the arrays
//   [0, n)       the forward arrays, holding their values at the START of the step (the state the
//                forward kernel read: the caller keeps a copy), read only;
//   adjoint      one per forward array read at element i or stored (`adjoint_slots`): on entry
//                dL/d(its value at the end of the step), on exit dL/d(its value at the start);
//   gradients    one per trainable parameter: a per-element accumulator of dL/dp that the caller
//                sums over elements (`gradient_slots`), so the kernel stays race-free and parallel.
// For element i, with E_A the final value of stored array A:
//   adj_B[i] ← Σ_A adj_A[i] · ∂E_A/∂B + (B not stored ? adj_B[i] : 0)   for every B with an adjoint
//   grad_p[i] += Σ_A adj_A[i] · ∂E_A/∂p                                    for every trainable p
// All new adjoints are computed from the incoming ones before any is stored. Random draws keep
// their kind, draw number and stream, so run with the forward call's t, dt, step and seed the
// kernel sees the same numbers (counter-based generator). Arrays read only at other elements
// (tables) get no adjoint: they are constants.
//
// Refused, with a sentence in `error` (never a wrong gradient): serial or indexed kernels; a load
// at another element of an array that is stored or read at i, or at an element computed from the
// state; a function without a known derivative; floor, ceil, round, trunc, mod or a keyed random
// function of a value that depends on the state or a trainable parameter (they jump, and their
// zero derivative would hide it: a threshold comparison feeding a select is fine, it is
// piecewise); a distribution draw whose parameters depend on them; a local read before it is set.
//
// Requires: `forward` passes verify_kernel.   Ensures: the adjoint kernel passes verify_kernel;
// `forward` is not changed.
//   forward  v[i] = (v[i] * exp(((-dt) / tau)))          trainable {tau}
//   adjoint  %0 = (-dt)
//            %1 = (adj_v[i] * exp((%0 / tau)))
//            %2 = (grad_tau[i] + (adj_v[i] * (v[i] * (exp((%0 / tau)) * (-(%0 / (tau * tau)))))))
//            adj_v[i] = %1
//            grad_tau[i] = %2
#pragma once

#include "compiler/ir/ir.h"

#include <string>
#include <vector>

namespace nj::ir {

/// The adjoint of one kernel and where its arrays are; see the file comment.
struct AdjointKernel {
    Kernel kernel;
    /// Forward array slot → slot of its adjoint array in `kernel`, -1 when it has none.
    std::vector<int> adjoint_slots;
    /// k → slot of the accumulator array of trainable_params[k] in `kernel`.
    std::vector<int> gradient_slots;
    /// Why no adjoint could be built; empty on success (then `kernel` is valid).
    std::string error;
};

/// The adjoint of element-local kernel `forward` with respect to its arrays and the parameter
/// slots `trainable_params`.
AdjointKernel adjoint_kernel(const Kernel& forward, const std::vector<int>& trainable_params);

}  // namespace nj::ir
