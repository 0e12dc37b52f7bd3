// Reports the LLVM version compiled against (proves the shared libLLVM is linked).
#include "compiler/jit/llvm_version.h"

#include <llvm/Config/llvm-config.h>
#include <llvm/Support/TargetSelect.h>

namespace nj::jit {

std::string llvm_version() {
    // Touch a real libLLVM symbol so the link is exercised, not only the header.
    llvm::InitializeNativeTarget();
    return LLVM_VERSION_STRING;
}

}  // namespace nj::jit
