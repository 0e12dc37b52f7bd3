// load_kernels: the object cache's own linker first, the LLVM module when it cannot.
#include "cli/kernel_loading.h"

#include "cli/llvm_module.h"
#include "compiler/kernel_cache/cached_kernels.h"

namespace nj::cli {

namespace {

const LlvmModule* llvm_module(std::string* error) {
    return rt::load_module_table<LlvmModule>("llvm", kLlvmModuleInterface, error);
}

}  // namespace

std::unique_ptr<jit::CompiledKernels> load_kernels(const std::vector<ir::Kernel>& kernels,
                                                   const std::vector<jit::RuntimeSymbol>& runtime,
                                                   const jit::JitOptions& options, std::string* error) {
    // A part the linker declines is compiled afresh by the JIT, which also rewrites its entry.
    if (auto cached = kernel_cache::link_cached_kernels(kernels, runtime, options)) return cached;
    const LlvmModule* module = llvm_module(error);
    if (!module) return nullptr;
    auto compiled = module->compile(kernels, runtime, options, error);
    if (!compiled && error) *error = "internal error: " + *error + " — please report this with the model file";
    return compiled;
}

std::string llvm_version_or_reason() {
    std::string error;
    const LlvmModule* module = llvm_module(&error);
    return module ? module->llvm_version() : "unavailable: " + error;
}

}  // namespace nj::cli
