// The indices of the neurons that spiked: the nonzero entries of a group's `spiked` flags.
//
// Requires: nothing.   Ensures: `out` holds, in increasing order, every i < n with x[i] != 0.0
// (NaN counts as nonzero, -0.0 as zero), whatever the instruction set.
// Example:  {0, 1, 0, -0.0, 2} → {1, 4}
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace nj::rt {

/// Appends to `out` (after clearing it) the indices of the nonzero entries of x[0 .. n-1].
void find_nonzero(const double* x, size_t n, std::vector<uint32_t>& out);

}  // namespace nj::rt
