// A model's kernels from the object cache, linked without LLVM (elf_linker.h), so a run whose
// kernels were compiled before never loads the LLVM library.
#pragma once

#include "compiler/ir/ir.h"
#include "compiler/jit/compiled_kernels.h"
#include "compiler/kernel_cache/cache_key.h"

#include <memory>
#include <optional>
#include <vector>

namespace nj::kernel_cache {

/// This host's code target as keys name it without LLVM (host_cpu_fingerprint), for `options`;
/// nothing on hosts without a CPU fingerprint. Loads libmvec when the host has it.
std::optional<CodeTarget> host_code_target(const jit::JitOptions& options);

/// `kernels` linked from their cache entries, with `runtime` and the process's libraries (libm,
/// libmvec) for what they call. Null when the JIT is needed instead: some part is not cached,
/// the options ask for LLVM IR or no cache, the host has no CPU fingerprint, or the linker
/// declines an object (then `*why` says why).
std::unique_ptr<jit::CompiledKernels> link_cached_kernels(const std::vector<ir::Kernel>& kernels,
                                                          const std::vector<jit::RuntimeSymbol>& runtime,
                                                          const jit::JitOptions& options, std::string* why = nullptr);

}  // namespace nj::kernel_cache
