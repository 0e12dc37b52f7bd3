// `neurojit ir`: the kernel IR of a model, and with --llvm the optimised LLVM IR.
#include "cli/commands.h"
#include "cli/compile_network.h"
#include "cli/model_front.h"
#include "cli/sized_front.h"

#include "compiler/ir/passes/adjoint.h"
#include "compiler/ir/print_ir.h"
#include "compiler/jit/compiled_kernels.h"
#include "compiler/lower/lower_model.h"
#include "runtime/inputs/csv_table.h"

#include <algorithm>
#include <iostream>

namespace nj::cli {

namespace {

/// The adjoint of every kernel with respect to its arrays and the model's trainable parameters,
/// or the reason it has none.
void print_adjoints(const sema::CheckedModel& model, const std::vector<ir::Kernel>& kernels) {
    for (const auto& kernel : kernels) {
        if (kernel.role == "adjoint") continue;  // a train statement's, already differentiated
        std::vector<int> trainable;
        for (const auto& p : model.params) {
            if (!p.trainable) continue;
            auto at = std::find(kernel.params.begin(), kernel.params.end(), p.name);
            if (at != kernel.params.end()) trainable.push_back(static_cast<int>(at - kernel.params.begin()));
        }
        ir::AdjointKernel adjoint = ir::adjoint_kernel(kernel, trainable);
        if (!adjoint.error.empty()) {
            std::cout << "# " << kernel.name << ": no adjoint: " << adjoint.error << "\n\n";
            continue;
        }
        std::cout << ir::print_kernel(adjoint.kernel) << "\n";
    }
}

}  // namespace

int run_ir(const Command& command) {
    SizedFront front;
    std::optional<bool> checked = compile_sized_front_or_report(command, front);  // sizes may need the tables
    if (!checked) return 1;
    bool ok = *checked;
    driver::CompileSession& session = *front.session;
    const sema::CheckedModel& model = *front.model;
    lower::LoweredModel lowered;
    ok = ok && lower::lower_model(model, session.diags(), lowered);
    report_diagnostics(command, session);
    if (!ok) return session.diags().has_errors() && model.files.empty() ? 1 : 2;
    if (command.adjoint) {
        print_adjoints(model, lowered.kernels);
        return 0;
    }
    if (!command.llvm) {
        for (const auto& kernel : lowered.kernels) std::cout << ir::print_kernel(kernel) << "\n";
        return 0;
    }
    jit::JitOptions options;
    options.keep_llvm_ir = true;
    std::string error;
    auto compiled = compile_network(lowered, options, &error);
    if (!compiled) {
        std::cerr << "neurojit: " << error << "\n";
        return 2;
    }
    std::cout << compiled->llvm_ir();
    return 0;
}

}  // namespace nj::cli
