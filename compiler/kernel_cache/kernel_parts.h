// How a model's kernels are split into objects: the parts (partition_kernels.h), their names and
// their cache entries. The JIT and the cache's own linker both plan parts here, so both find the
// same entries.
#pragma once

#include "compiler/ir/ir.h"
#include "compiler/jit/compiled_kernels.h"
#include "compiler/kernel_cache/cache_key.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace nj::kernel_cache {

/// Some of a model's kernels, compiled to one object.
struct KernelPart {
    std::vector<ir::Kernel> kernels;
    std::string name;                ///< the LLVM module's name, e.g. "neurojit_kernels.1"
    std::optional<CacheFile> cache;  ///< none when caching is off or no directory can be named
};

/// Parts compiled side by side: JitOptions::compile_threads, else one per hardware thread (at
/// most 4: more parts than that repeat each module's fixed costs for little gain).
size_t compile_threads(const jit::JitOptions& options);

/// The parts of `kernels` for `target`, with cache entries where `options` caches.
std::vector<KernelPart> plan_kernel_parts(const std::vector<ir::Kernel>& kernels, const jit::JitOptions& options,
                                          const CodeTarget& target);

}  // namespace nj::kernel_cache
