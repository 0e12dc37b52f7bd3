// One kernel call split over threads: the range [args.begin, args.end) in contiguous parts.
#pragma once

#include "runtime/abi.h"

#include <functional>

namespace nj::rt {

/// Runs `fn` on `threads` contiguous parts of args' range in parallel (OpenMP). A kernel that
/// writes only its own elements and keys its random numbers by element index gives the same
/// result for any number of parts.
void run_split(KernelFn fn, const KernelArgs& args, int threads);

/// `after(part, begin, end)` on the thread that ran part `part` of the range, right after it.
using AfterPart = std::function<void(int part, int64_t begin, int64_t end)>;

/// run_split, each thread then running `after` on its own part (while its values are in its cache).
void run_split(KernelFn fn, const KernelArgs& args, int threads, const AfterPart& after);

}  // namespace nj::rt
