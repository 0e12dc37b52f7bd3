// The version of the LLVM library the JIT layer is linked against.
#pragma once

#include <string>

namespace nj::jit {

/// "19.1.7", read from the linked libLLVM at run time.
std::string llvm_version();

}  // namespace nj::jit
