// The LLVM module's one export (built into libneurojit_llvm.so, never into the program).
#include "cli/llvm_module.h"

#include "compiler/jit/kernel_jit.h"
#include "compiler/jit/llvm_version.h"

namespace {

const char* linked_llvm_version() {
    static const std::string version = nj::jit::llvm_version();
    return version.c_str();
}

}  // namespace

NJ_MODULE_EXPORT const nj::rt::ModuleHeader* neurojit_llvm_module() {
    static const nj::cli::LlvmModule table{{nj::cli::kLlvmModuleInterface, sizeof(nj::cli::LlvmModule)},
                                           &nj::jit::compile_kernels, &linked_llvm_version};
    return &table.header;
}
