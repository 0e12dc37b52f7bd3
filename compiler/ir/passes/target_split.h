// Whether a serial kernel's elements can be shared out over threads by the element each writes.
//
// A serial kernel (a synapse pathway) stores to other elements: `v[post[i]] += w[i]`. When every
// such store, and every load of the arrays it stores to, is at one index `A[i]` (A an array the
// kernel does not write), two elements with different A[i] touch disjoint elements of those
// arrays. Threads that each take the elements whose A[i] lies in their own range then never
// race, and each target element still sees its updates in the serial order.
//
// Requires: nothing.   Ensures: the kernel is not changed.
//   target_split_slot(`v[post[i]] += w[i]; w[i] = w[i] + a[i]`) → the slot of `post`;
//   target_split_slot(`w[i] = w[i] * 0.5`) → kFreeSplit (writes only its own element);
//   target_split_slot(`v[post[i]] += v[pre[i]]`) → kNoSplit (reads v at another index);
//   target_split_slot(`w[i] = w[pair[i]]`) → kNoSplit (reads what another element writes).
#pragma once

#include "compiler/ir/ir.h"

namespace nj::ir {

/// No split preserves the kernel's results.
inline constexpr int kNoSplit = -2;
/// The kernel writes only its own elements: any split preserves its results.
inline constexpr int kFreeSplit = -1;

/// The slot of the index array A (see above), kFreeSplit or kNoSplit.
int target_split_slot(const Kernel& kernel);

}  // namespace nj::ir
