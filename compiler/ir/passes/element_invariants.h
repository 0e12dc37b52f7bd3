// Splits from a per-step kernel the values that differ between elements but not between steps,
// so they can be computed once per run into arrays instead of at every step.
//
// Example: an exact propagator built from per-neuron time constants, exp(M_i dt), is the same at
// every step for neuron i; computed in the update it costs hundreds of operations per neuron
// and step. Given which arrays no step writes (`constant_slot`), the pass finds the top-level
// locals and the subexpressions that read only those arrays (at element i or at an index of the
// same kind), parameters, constants, dt and i, and that depend on the element. Those that the
// rest of the kernel reads are "cached": the kernel reads them from new array slots instead.
//
// Requires: a kernel whose top-level locals set once are computed before they are read (the
// IR's rules); `constant_slot[s]` true only for arrays nothing writes while steps run.
// Ensures: the new body with the cached values read from slots first_slot, first_slot + 1, ...
// computes what the old one did, given arrays filled by `setup` followed by stores of `cached`
// (numbers only: a constant condition is cached as the numbers it compares).
// Element-independent values (parameters only) are left in the body: the compiled loop already
// computes them once per call. Nothing is cached unless it holds a call, a division, a power or
// a local, the work worth an array read.
//   v[i] = v[i] * exp(-dt / tau[i])  →  v[i] = v[i] * cache0[i],  cached: exp(-dt / tau[i])
#pragma once

#include "compiler/ir/ir.h"

#include <vector>

namespace nj::ir {

struct ElementInvariants {
    std::vector<Stmt> setup;      ///< the locals the cached values read, in order
    std::vector<ExprRef> cached;  ///< value k goes to array slot first_slot + k
    std::vector<Stmt> body;       ///< the kernel's body, reading the cached values
};

/// More cached values than this cost more memory traffic than they save: none are cached.
inline constexpr size_t max_cached_values = 32;

/// The split of `kernel` (see above); `cached` is empty when nothing is worth caching.
ElementInvariants split_element_invariants(const Kernel& kernel, const std::vector<bool>& constant_slot,
                                           int first_slot);

/// Whether `e` reads only parameters, constants, dt, i and arrays with `constant_slot` true:
/// no time, no locals, no random draws.
bool is_run_constant(const ExprRef& e, const std::vector<bool>& constant_slot);

}  // namespace nj::ir
