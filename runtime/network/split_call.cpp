// Splitting a kernel call over threads (see split_call.h).
#include "runtime/network/split_call.h"

namespace nj::rt {

void run_split(KernelFn fn, const KernelArgs& args, int threads) { run_split(fn, args, threads, nullptr); }

void run_split(KernelFn fn, const KernelArgs& args, int threads, const AfterPart& after) {
    auto begin = static_cast<size_t>(args.begin);
    size_t n = static_cast<size_t>(args.end) - begin;
#pragma omp parallel for num_threads(threads) schedule(static)
    for (int k = 0; k < threads; ++k) {
        KernelArgs part = args;
        part.begin = static_cast<int64_t>(begin + n * static_cast<size_t>(k) / static_cast<size_t>(threads));
        part.end = static_cast<int64_t>(begin + n * static_cast<size_t>(k + 1) / static_cast<size_t>(threads));
        fn(&part);
        if (after) after(k, part.begin, part.end);
    }
}

}  // namespace nj::rt
