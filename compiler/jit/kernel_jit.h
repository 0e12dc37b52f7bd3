// Compiles kernel IR in-process with LLVM ORC and hands out typed kernel pointers.
//
// The interface has no LLVM types, so callers outside compiler/jit and compiler/codegen never
// include LLVM headers. Errors come back as sentences, never as LLVM error text or exceptions.
// The `neurojit` program reaches this through its LLVM module (cli/llvm_module.h), opened only
// when the object cache cannot supply the kernels (kernel_cache/cached_kernels.h).
#pragma once

#include "compiler/ir/ir.h"
#include "compiler/jit/compiled_kernels.h"

#include <memory>
#include <string>
#include <vector>

namespace nj::jit {

/// Compiles `kernels` (each part the object cache holds is loaded instead of compiled, and each
/// part compiled is stored). Returns null and sets `error` when LLVM fails (a bug, not a user
/// error).
std::unique_ptr<CompiledKernels> compile_kernels(const std::vector<ir::Kernel>& kernels,
                                                 const std::vector<RuntimeSymbol>& runtime,
                                                 const JitOptions& options, std::string* error);

}  // namespace nj::jit
