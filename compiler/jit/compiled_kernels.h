// Compiled kernels as the runtime sees them, whoever produced them: the LLVM JIT (kernel_jit.h)
// or the cache's own linker (kernel_cache/cached_kernels.h). No LLVM types.
#pragma once

#include "runtime/abi.h"

#include <string>
#include <vector>

namespace nj::jit {

/// A function the generated code may call (random numbers, runtime helpers).
struct RuntimeSymbol {
    std::string name;
    void* address = nullptr;
};

/// How to compile.
struct JitOptions {
    int opt_level = 3;
    bool keep_llvm_ir = false;  ///< remember the optimised LLVM IR text (`neurojit ir --llvm`)
    /// Reuse machine code compiled earlier for the same kernels, LLVM and host CPU, and store
    /// newly compiled code. The cache never makes a compile fail: an unusable directory or a
    /// damaged file means compiling as without it. keep_llvm_ir bypasses reading (it needs IR).
    bool use_cache = true;
    /// Where the cache lives; empty means $NEUROJIT_CACHE_DIR, else $XDG_CACHE_HOME/neurojit,
    /// else ~/.cache/neurojit.
    std::string cache_dir;
    /// Threads that compile kernels the cache lacks, each its own share of them (one object per
    /// share); 0: one per hardware thread, at most 4. The code is the same for any number.
    int compile_threads = 0;
};

/// The machine code of one model's kernels; owns it (freed with this object).
class CompiledKernels {
public:
    virtual ~CompiledKernels() = default;

    /// The kernel named `name`, or null. Look kernels up once, never in the step loop.
    virtual rt::KernelFn find(const std::string& name) const = 0;

    /// The optimised LLVM IR (empty unless JitOptions::keep_llvm_ir).
    virtual const std::string& llvm_ir() const = 0;

    /// Whether the code came from the object cache (no optimisation or codegen ran).
    virtual bool from_cache() const = 0;
};

}  // namespace nj::jit
