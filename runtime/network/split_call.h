// One kernel call split over threads: the range [args.begin, args.end) in contiguous parts.
#pragma once

#include "runtime/abi.h"

namespace nj::rt {

/// Runs `fn` on `threads` contiguous parts of args' range in parallel (OpenMP). A kernel that
/// writes only its own elements and keys its random numbers by element index gives the same
/// result for any number of parts.
void run_split(KernelFn fn, const KernelArgs& args, int threads);

}  // namespace nj::rt
