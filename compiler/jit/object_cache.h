// An on-disk cache of compiled kernel objects, so repeating a run skips optimisation and codegen.
//
// One cache file holds the machine code of one part of a model's kernels (kernel_jit.cpp splits
// the kernels into parts compiled on parallel threads; partition_kernels.h). Its name is the hex
// SHA-256 of the key (format version, LLVM version, target triple, host CPU and features,
// optimisation levels, the code generator's build fingerprint, and every kernel's IR). The file
// starts with a header (magic, key, payload length, payload SHA-256), so a truncated, corrupted
// or misplaced file is recognised and ignored.
//
// A cache never makes a run fail: a directory that cannot be created or written, or a file that
// cannot be read, just means compiling as if there were no cache. Files are written to a
// temporary name and renamed, so readers never see half a file.
//
// Internal to compiler/jit (it has LLVM types); callers use JitOptions::use_cache.
#pragma once

#include <llvm/ExecutionEngine/ObjectCache.h>
#include <llvm/Support/MemoryBuffer.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace nj::jit {

using CacheKey = std::array<uint8_t, 32>;

/// Builds a cache key from its parts; each part is length-prefixed so parts cannot run together.
class CacheKeyBuilder {
public:
    CacheKeyBuilder();
    ~CacheKeyBuilder();
    void add(std::string_view part);
    CacheKey finish();

private:
    struct State;
    std::unique_ptr<State> state_;
};

/// The directory to cache in: `explicit_dir` when non-empty, else $NEUROJIT_CACHE_DIR, else
/// $XDG_CACHE_HOME/neurojit, else $HOME/.cache/neurojit; nothing when none can be named.
std::optional<std::filesystem::path> cache_directory(const std::string& explicit_dir);

/// The cache entry of one part (one module). Hits are read with load() before the module is
/// optimised; misses are written when LLVM reports the compiled object (notifyObjectCompiled).
class KernelObjectCache final : public llvm::ObjectCache {
public:
    KernelObjectCache(std::filesystem::path directory, const CacheKey& key);

    /// The cached object, or null when absent, unreadable, truncated or corrupted.
    std::unique_ptr<llvm::MemoryBuffer> load() const;

    /// Writes `object` atomically; failures are ignored (the run goes on without a cache).
    void store(llvm::MemoryBufferRef object) const;

    /// The file this entry lives in.
    const std::filesystem::path& file() const { return file_; }

    void notifyObjectCompiled(const llvm::Module* module, llvm::MemoryBufferRef object) override;
    /// Always null: hits are loaded before the module is built, so LLVM never asks for one.
    std::unique_ptr<llvm::MemoryBuffer> getObject(const llvm::Module* module) override;

private:
    std::filesystem::path directory_;
    std::filesystem::path file_;
    CacheKey key_;
};

}  // namespace nj::jit
