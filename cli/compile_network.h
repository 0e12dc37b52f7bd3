// JIT-compiles a lowered model and binds its network plan to the compiled kernels.
#pragma once

#include "compiler/jit/kernel_jit.h"
#include "compiler/lower/lower_model.h"

#include <memory>
#include <string>

namespace nj::cli {

/// Compiles `lowered`'s kernels with the runtime's functions (random numbers) registered, and
/// points every kernel call of its plan at its compiled function. Null (with `error`) when
/// LLVM fails, which is a bug rather than a user error.
std::unique_ptr<jit::CompiledKernels> compile_network(lower::LoweredModel& lowered,
                                                      const jit::JitOptions& options,
                                                      std::string* error);

}  // namespace nj::cli
