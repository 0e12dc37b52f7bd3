// Kernels into parts of about equal compile work (partition_kernels.h).
#include "compiler/kernel_cache/partition_kernels.h"

#include "compiler/ir/passes/element_cost.h"

#include <algorithm>
#include <numeric>

namespace nj::kernel_cache {
namespace {

/// Weights, measured as compile milliseconds of kernels each in a module of its own (0.02 ms a
/// unit): every module and kernel has a fixed cost of about 5 ms (the loop, its vectorised and
/// scalar versions, the passes' setup); an operation per element adds code twice (vector and
/// remainder loops), a random draw expands to Philox rounds or a sampler call, a math function
/// to a library call or inline code. Values computed once per call (parameters only) leave the
/// loop and cost little even when there are many (an exact propagator's terms).
constexpr size_t kKernelCost = 250;
constexpr size_t kPerElementCost = 3;
constexpr size_t kCallCost = 40;
constexpr size_t kRandomCost = 300;

}  // namespace

size_t compile_cost(const ir::Kernel& kernel) {
    const ir::ElementWorkCounts work = ir::element_work(kernel);
    return kKernelCost + kPerElementCost * static_cast<size_t>(work.operations) +
           kCallCost * static_cast<size_t>(work.calls) + kRandomCost * static_cast<size_t>(work.draws);
}

std::vector<std::vector<size_t>> partition_kernels(const std::vector<ir::Kernel>& kernels, size_t parts) {
    parts = std::max<size_t>(1, std::min(parts, kernels.size()));
    std::vector<size_t> cost(kernels.size()), order(kernels.size());
    for (size_t k = 0; k < kernels.size(); ++k) cost[k] = compile_cost(kernels[k]);
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return cost[a] > cost[b]; });
    std::vector<std::vector<size_t>> split(parts);
    std::vector<size_t> load(parts, 0);
    for (size_t k : order) {
        const size_t lightest = static_cast<size_t>(std::min_element(load.begin(), load.end()) - load.begin());
        split[lightest].push_back(k);
        load[lightest] += cost[k];
    }
    for (auto& part : split) std::sort(part.begin(), part.end());
    std::erase_if(split, [](const std::vector<size_t>& part) { return part.empty(); });
    return split;
}

}  // namespace nj::kernel_cache
