// plan_kernel_parts: partition, names and cache entries of a model's kernel objects.
#include "compiler/kernel_cache/kernel_parts.h"

#include "compiler/kernel_cache/partition_kernels.h"

#include <algorithm>
#include <thread>

namespace nj::kernel_cache {

size_t compile_threads(const jit::JitOptions& options) {
    if (options.compile_threads > 0) return static_cast<size_t>(options.compile_threads);
    return std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 4);
}

std::vector<KernelPart> plan_kernel_parts(const std::vector<ir::Kernel>& kernels, const jit::JitOptions& options,
                                          const CodeTarget& target) {
    std::optional<std::filesystem::path> directory;
    if (options.use_cache) directory = cache_directory(options.cache_dir);
    std::vector<KernelPart> parts;
    for (const auto& indices : partition_kernels(kernels, compile_threads(options))) {
        KernelPart& part = parts.emplace_back();
        for (size_t k : indices) part.kernels.push_back(kernels[k]);
        part.name = parts.size() == 1 ? "neurojit_kernels" : "neurojit_kernels." + std::to_string(parts.size() - 1);
        if (directory) part.cache.emplace(*directory, part_key(part.kernels, target));
    }
    return parts;
}

}  // namespace nj::kernel_cache
