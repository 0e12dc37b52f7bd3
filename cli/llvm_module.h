// The table of the LLVM module (libneurojit_llvm.so), which alone links LLVM: the JIT compiler
// (compiler/jit/kernel_jit.h). The program opens it only when the object cache cannot supply a
// model's kernels (kernel_loading.h), or for `--version`.
#pragma once

#include "compiler/jit/compiled_kernels.h"
#include "compiler/ir/ir.h"
#include "runtime/support/load_module.h"

#include <memory>
#include <string>
#include <vector>

namespace nj::cli {

/// Bump when LlvmModule's functions change.
inline constexpr int kLlvmModuleInterface = 1;

/// What the LLVM module hands the program.
struct LlvmModule {
    rt::ModuleHeader header;
    /// jit::compile_kernels.
    std::unique_ptr<jit::CompiledKernels> (*compile)(const std::vector<ir::Kernel>& kernels,
                                                     const std::vector<jit::RuntimeSymbol>& runtime,
                                                     const jit::JitOptions& options, std::string* error);
    /// The LLVM version the module is linked against, e.g. "19.1.7".
    const char* (*llvm_version)();
};

}  // namespace nj::cli
