// Compiles kernel IR in-process with LLVM ORC and hands out typed kernel pointers.
//
// The interface has no LLVM types, so callers outside compiler/jit and compiler/codegen never
// include LLVM headers. Errors come back as sentences, never as LLVM error text or exceptions.
#pragma once

#include "compiler/ir/ir.h"
#include "runtime/abi.h"

#include <memory>
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

/// Compiled kernels of one model; owns the JIT and the code (freed with this object).
class CompiledKernels {
public:
    /// Compiles `kernels`. Returns null and sets `error` when LLVM fails (a bug, not a user error).
    static std::unique_ptr<CompiledKernels> compile(const std::vector<ir::Kernel>& kernels,
                                                    const std::vector<RuntimeSymbol>& runtime,
                                                    const JitOptions& options, std::string* error);
    ~CompiledKernels();
    CompiledKernels(const CompiledKernels&) = delete;
    CompiledKernels& operator=(const CompiledKernels&) = delete;

    /// The kernel named `name`, or null. Look kernels up once, never in the step loop.
    rt::KernelFn find(const std::string& name) const;

    /// The optimised LLVM IR (empty unless JitOptions::keep_llvm_ir).
    const std::string& llvm_ir() const;

    /// Whether the code came from the object cache (no optimisation or codegen ran).
    bool from_cache() const;

private:
    struct Impl;
    explicit CompiledKernels(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace nj::jit
