// Reverse-mode adjoint of one kernel: the building block of gradient training by backpropagation
// through time (issue 11). Given dL/d(values after the kernel) it produces dL/d(values before
// it) and accumulates dL/d(trainable parameters). The caller replays a step's kernel calls
// backwards, each with its arrays restored to their values before the call, and runs the
// adjoint over the same elements (the same element list for an indexed kernel) with the
// forward call's t, dt, step and seed.
//
// Semantics (final_values.h). The forward kernel runs its body once per element i; statements
// run in order, and a Store inside an If stores only when its condition holds. The body becomes
// final values: each array stored at i as an expression of the values at the start, and each
// amount added at another element j (a serial kernel's A[j] = A[j] + e) as the expression e.
// Parameters, t, dt, the element index, element indices of loads and stores (whole numbers,
// from index arrays or i) and random draws are constants of the derivative. surrogate_step
// differentiates as its surrogate (differentiate.h).
//
// The adjoint kernel (name `<forward>_adjoint`, role "adjoint", the forward kernel's params,
// random stream and `indexed` flag) has the arrays
//   [0, n)       the forward arrays, holding their values at the START of the call (the state the
//                forward kernel read: the caller keeps a copy), read only;
//   adjoint      one per forward array stored (at i or by adding elsewhere) or read in a value,
//                at i or at other elements (`adjoint_slots`); element indices alone give none:
//                on entry dL/d(its value at the end of the call), on exit dL/d(its value at the
//                start). An adjoint of a table is harmless: the caller may ignore it;
//   gradients    one per trainable parameter: a per-element accumulator of dL/dp that the caller
//                sums over elements (`gradient_slots`).
// For element i, with E_A the final value of array A stored at i and e_k the amount the k-th
// sum adds to T_k at element j_k (∂ of a value with respect to X[x] read at element x):
//   adj_B[i] ← Σ_A adj_A[i] ∂E_A/∂B[i] + Σ_k adj_T_k[j_k] ∂e_k/∂B[i] + (B stored ? 0 : adj_B[i])
//   adj_X[x] += Σ_A adj_A[i] ∂E_A/∂X[x] + Σ_k adj_T_k[j_k] ∂e_k/∂X[x]  for loads at x ≠ i
//   grad_p[i] += Σ_A adj_A[i] ∂E_A/∂p + Σ_k adj_T_k[j_k] ∂e_k/∂p        for every trainable p
// where B is an array read or stored at i ("B stored": at i), and adj_T is unchanged
// (∂(T[j] + e)/∂T[j] = 1). All new values are computed from the incoming
// adjoints before any is stored; the adds at x ≠ i (scatters) run last. A kernel that scatters
// (`scatters`: it reads another element of some array) gets a serial adjoint, which the caller
// must not split over threads; otherwise the adjoint is race-free and parallel. Element indices
// are evaluated unconditionally, as the code generator does for the forward loads (lowering
// clamps them into range). Random draws keep their kind, draw number and stream, so with the
// forward call's t, dt, step and seed the kernel sees the same numbers.
//
// Refused, with a sentence in `error` (never a wrong gradient): an array stored both at i and at
// other elements; a store at another element that is not a sum A[j] = A[j] + e; a sum whose e
// reads A, or any other read of A; a load at another element of an array the kernel stores at
// i; an element index (of a load or a sum) computed from the state or a trainable parameter; a
// function without a known derivative; floor, ceil, round, trunc, mod or a keyed random
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
//   forward  (serial) T[post[i]] = (T[post[i]] + (w[i] * x[pre[i]]))
//   adjoint  (serial) %0 = (adj_w[i] + (adj_T[post[i]] * x[pre[i]]))
//            %1 = (adj_T[post[i]] * w[i])
//            %2 = pre[i]
//            adj_w[i] = %0
//            adj_x[%2] = (adj_x[%2] + %1)
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
    /// Whether `kernel` adds to other elements of adjoint arrays: then it is serial.
    bool scatters = false;
    /// Why no adjoint could be built; empty on success (then `kernel` is valid).
    std::string error;
};

/// The adjoint of kernel `forward` with respect to its arrays and the parameter slots
/// `trainable_params`.
AdjointKernel adjoint_kernel(const Kernel& forward, const std::vector<int>& trainable_params);

}  // namespace nj::ir
