// The object cache as LLVM's compiler sees it: stores each object it compiles in a cache entry
// (kernel_cache/cache_file.h, which also says what the entries hold).
//
// Internal to compiler/jit (it has LLVM types); callers use JitOptions::use_cache.
#pragma once

#include "compiler/kernel_cache/cache_file.h"

#include <llvm/ExecutionEngine/ObjectCache.h>
#include <llvm/Support/MemoryBuffer.h>

#include <memory>

namespace nj::jit {

/// One part's cache entry, for LLVM: hits are read with load() before the module is built;
/// misses are written when LLVM reports the compiled object (notifyObjectCompiled).
class KernelObjectCache final : public llvm::ObjectCache {
public:
    explicit KernelObjectCache(kernel_cache::CacheFile file) : file_(std::move(file)) {}

    /// The cached object, or null when absent, unreadable, truncated or corrupted.
    std::unique_ptr<llvm::MemoryBuffer> load() const;

    void notifyObjectCompiled(const llvm::Module* module, llvm::MemoryBufferRef object) override;
    /// Always null: hits are loaded before the module is built, so LLVM never asks for one.
    std::unique_ptr<llvm::MemoryBuffer> getObject(const llvm::Module* module) override;

private:
    kernel_cache::CacheFile file_;
};

}  // namespace nj::jit
