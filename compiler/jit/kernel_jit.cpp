// ORC LLJIT session for one model: target setup, runtime symbols, optimisation, lookup.
#include "compiler/jit/kernel_jit.h"

#include "compiler/codegen/emit_kernel.h"
#include "compiler/codegen/optimize_module.h"

#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>

#include <map>
#include <mutex>

namespace nj::jit {

struct CompiledKernels::Impl {
    std::unique_ptr<llvm::orc::LLJIT> jit;
    std::map<std::string, rt::KernelFn> kernels;
    std::string llvm_ir;
};

namespace {

/// LLVM's native target is initialised once per process (the one global STYLE.md allows).
void initialise_llvm() {
    static std::once_flag once;
    std::call_once(once, [] {
        llvm::InitializeNativeTarget();
        llvm::InitializeNativeTargetAsmPrinter();
    });
}

std::string text_of(llvm::Error error) {
    std::string text;
    llvm::handleAllErrors(std::move(error), [&](const llvm::ErrorInfoBase& info) {
        text += info.message();
    });
    return text;
}

llvm::Error add_runtime_symbols(llvm::orc::LLJIT& jit, const std::vector<RuntimeSymbol>& runtime) {
    llvm::orc::SymbolMap symbols;
    for (const auto& s : runtime) {
        symbols[jit.mangleAndIntern(s.name)] = llvm::orc::ExecutorSymbolDef(
            llvm::orc::ExecutorAddr::fromPtr(s.address),
            llvm::JITSymbolFlags::Exported | llvm::JITSymbolFlags::Callable);
    }
    if (auto err = jit.getMainJITDylib().define(llvm::orc::absoluteSymbols(std::move(symbols)))) {
        return err;
    }
    // libm (tanh, expm1, ...) comes from the process itself.
    auto libm = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(
        jit.getDataLayout().getGlobalPrefix());
    if (!libm) return libm.takeError();
    jit.getMainJITDylib().addGenerator(std::move(*libm));
    return llvm::Error::success();
}

}  // namespace

CompiledKernels::CompiledKernels(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CompiledKernels::~CompiledKernels() = default;

rt::KernelFn CompiledKernels::find(const std::string& name) const {
    auto it = impl_->kernels.find(name);
    return it == impl_->kernels.end() ? nullptr : it->second;
}

const std::string& CompiledKernels::llvm_ir() const { return impl_->llvm_ir; }

std::unique_ptr<CompiledKernels> CompiledKernels::compile(const std::vector<ir::Kernel>& kernels,
                                                          const std::vector<RuntimeSymbol>& runtime,
                                                          const JitOptions& options,
                                                          std::string* error) {
    initialise_llvm();
    auto fail = [&](std::string why) -> std::unique_ptr<CompiledKernels> {
        if (error) *error = "code generation failed: " + why;
        return nullptr;
    };
    auto builder = llvm::orc::JITTargetMachineBuilder::detectHost();
    if (!builder) return fail(text_of(builder.takeError()));
    builder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
    auto machine = builder->createTargetMachine();
    if (!machine) return fail(text_of(machine.takeError()));
    auto jit = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(*builder).create();
    if (!jit) return fail(text_of(jit.takeError()));
    if (auto err = add_runtime_symbols(**jit, runtime)) return fail(text_of(std::move(err)));

    auto context = std::make_unique<llvm::LLVMContext>();
    auto module = codegen::emit_kernels(kernels, *context, "neurojit_kernels");
    module->setDataLayout((*machine)->createDataLayout());
    module->setTargetTriple((*machine)->getTargetTriple().str());
    std::string problems;
    llvm::raw_string_ostream problem_stream(problems);
    if (llvm::verifyModule(*module, &problem_stream)) return fail("invalid module: " + problems);
    codegen::optimize_module(*module, **machine, options.opt_level);

    auto impl = std::make_unique<Impl>();
    if (options.keep_llvm_ir) {
        llvm::raw_string_ostream ir_stream(impl->llvm_ir);
        module->print(ir_stream, nullptr);
    }
    llvm::orc::ThreadSafeModule tsm(std::move(module), std::move(context));
    if (auto err = (*jit)->addIRModule(std::move(tsm))) return fail(text_of(std::move(err)));
    for (const auto& kernel : kernels) {
        auto address = (*jit)->lookup(kernel.name);
        if (!address) return fail(text_of(address.takeError()));
        impl->kernels[kernel.name] = address->toPtr<rt::KernelFn>();
    }
    impl->jit = std::move(*jit);
    return std::unique_ptr<CompiledKernels>(new CompiledKernels(std::move(impl)));
}

}  // namespace nj::jit
