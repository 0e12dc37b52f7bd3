// Splits a model's kernels into parts of about equal compile work, so that parts can be
// optimised and compiled to machine code on separate threads.
//
// Requires: nothing.   Ensures: every kernel index appears in exactly one part, in increasing
// order within it; no part is empty; at most `parts` parts (fewer when there are fewer kernels).
// The split depends only on the kernels and `parts`, so a model always gets the same parts (and
// the same object-cache entries) on a machine.
//   costs 9, 1, 1, 5 into 2 parts → {0}, {1, 2, 3}   (9 against 7)
#pragma once

#include "compiler/ir/ir.h"

#include <cstddef>
#include <vector>

namespace nj::kernel_cache {

/// A proxy for the time LLVM takes to compile `kernel` (in units of about 0.02 ms): a fixed
/// cost per kernel, plus its distinct per-element operations, weighted by the code they expand
/// to (random draws and math calls most).
size_t compile_cost(const ir::Kernel& kernel);

/// Kernel indices per part, balanced by compile_cost (largest first onto the lightest part).
std::vector<std::vector<size_t>> partition_kernels(const std::vector<ir::Kernel>& kernels, size_t parts);

}  // namespace nj::kernel_cache
