// The one place that joins the JIT, the runtime's symbols and a lowered network plan.
#include "cli/compile_network.h"

#include "runtime/rng/rng_symbols.h"

namespace nj::cli {

std::unique_ptr<jit::CompiledKernels> compile_network(lower::LoweredModel& lowered,
                                                      const jit::JitOptions& options,
                                                      std::string* error) {
    std::vector<jit::RuntimeSymbol> symbols;
    for (const auto& s : rt::rng_runtime_symbols()) symbols.push_back({s.name, s.address});
    auto compiled = jit::CompiledKernels::compile(lowered.kernels, symbols, options, error);
    if (!compiled) return nullptr;
    for (rt::KernelCall* call : lowered.plan.all_calls()) call->fn = compiled->find(call->kernel);
    return compiled;
}

}  // namespace nj::cli
