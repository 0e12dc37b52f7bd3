// JIT-compiles a lowered model and binds its network plan to the compiled kernels.
#pragma once

#include "compiler/jit/compiled_kernels.h"
#include "compiler/lower/lower_model.h"

#include <cstddef>
#include <memory>
#include <string>

namespace nj::cli {

/// A core's L2 cache on the machines we measured (AMD Zen 4: 1 MiB). Below it, an update that
/// re-reads its arrays every step runs faster with 512-bit vectors (COBA-4000 simulate 0.044 ->
/// 0.041 s, CUBA 16 000 0.037 -> 0.036 s); beyond it, streaming from memory, slower (CUBA
/// 64 000 0.105 -> 0.114 s). Hosts without AVX-512 ignore the preference.
inline constexpr size_t kCacheBytes = size_t{1} << 20;

/// Whether a call over `elements` elements of `arrays` double arrays fits in kCacheBytes.
bool fits_in_cache(size_t elements, size_t arrays);

/// Compiles `lowered`'s kernels, or links them from the object cache (kernel_loading.h), with
/// the runtime's functions (random numbers) registered, and points every kernel call of its plan
/// at its compiled function. Kernels whose largest call fits in the cache are marked so first
/// (ir::Kernel::fits_in_cache). Null (with `error`) when the LLVM module cannot be opened or
/// LLVM fails, which is a bug rather than a user error.
std::unique_ptr<jit::CompiledKernels> compile_network(lower::LoweredModel& lowered,
                                                      const jit::JitOptions& options,
                                                      std::string* error);

}  // namespace nj::cli
