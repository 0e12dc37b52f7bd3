// The one place that joins the JIT, the runtime's symbols and a lowered network plan.
#include "cli/compile_network.h"

#include "runtime/rng/rng_symbols.h"

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

}  // namespace

std::unique_ptr<jit::CompiledKernels> compile_network(lower::LoweredModel& lowered,
                                                      const jit::JitOptions& options,
                                                      std::string* error) {
    std::vector<jit::RuntimeSymbol> symbols;
    for (const auto& s : rt::rng_runtime_symbols()) symbols.push_back({s.name, s.address});
    auto compiled = jit::CompiledKernels::compile(lowered.kernels, symbols, options, error);
    if (!compiled) return nullptr;
    for (rt::KernelCall* call : lowered.plan.all_calls()) call->fn = compiled->find(call->kernel);
    bind_adjoints(lowered.plan.protocol, *compiled);
    return compiled;
}

}  // namespace nj::cli
