// The one place that joins the JIT, the runtime's symbols and a lowered network plan.
#include "cli/compile_network.h"

#include "cli/kernel_loading.h"
#include "runtime/rng/rng_symbols.h"

#include <algorithm>
#include <map>

namespace nj::cli {

namespace {

/// The adjoint kernels of train statements (lower_training.h), wherever they are in the protocol.
void bind_adjoints(std::vector<rt::ProtocolOp>& ops, const jit::CompiledKernels& compiled) {
    for (auto& op : ops) {
        bind_adjoints(op.body, compiled);
        bind_adjoints(op.else_body, compiled);
        if (!op.train) continue;
        auto bind = [&](rt::AdjointPlan& plan) {
            if (!plan.kernel.empty()) plan.fn = compiled.find(plan.kernel);
        };
        bind(op.train->loss_adjoint);
        for (auto& [name, plan] : op.train->adjoints) bind(plan);
    }
}

/// Marks the kernels whose largest call's arrays fit in the cache (fits_in_cache). Only the
/// class enters the kernel cache's key, so resizing a network within it recompiles nothing.
void mark_kernels_in_cache(lower::LoweredModel& lowered) {
    std::map<std::string, size_t> largest;
    for (rt::KernelCall* call : lowered.plan.all_calls()) {
        size_t& n = largest[call->kernel];
        n = std::max(n, call->end > call->begin ? call->end - call->begin : size_t{0});
    }
    for (ir::Kernel& kernel : lowered.kernels) {
        auto it = largest.find(kernel.name);
        const size_t elements = it == largest.end() ? 0 : it->second;
        kernel.fits_in_cache = fits_in_cache(elements, kernel.arrays.size());
    }
}

}  // namespace

bool fits_in_cache(size_t elements, size_t arrays) {
    return elements > 0 && elements * std::max<size_t>(arrays, 1) * sizeof(double) <= kCacheBytes;
}

std::unique_ptr<jit::CompiledKernels> compile_network(lower::LoweredModel& lowered,
                                                      const jit::JitOptions& options,
                                                      std::string* error) {
    std::vector<jit::RuntimeSymbol> symbols;
    for (const auto& s : rt::rng_runtime_symbols()) symbols.push_back({s.name, s.address});
    mark_kernels_in_cache(lowered);
    auto compiled = load_kernels(lowered.kernels, symbols, options, error);
    if (!compiled) return nullptr;
    for (rt::KernelCall* call : lowered.plan.all_calls()) call->fn = compiled->find(call->kernel);
    bind_adjoints(lowered.plan.protocol, *compiled);
    return compiled;
}

}  // namespace nj::cli
