// One entry of the on-disk cache of compiled kernel objects, read and written without LLVM.
//
// An entry holds the machine code (an ELF object) of one part of a model's kernels (kernel_parts.h).
// Its name is the hex SHA-256 of its key (cache_key.h). The file starts with a header (magic,
// key, payload length, payload SHA-256), so a truncated, corrupted or misplaced file is
// recognised and ignored.
//
// A cache never makes a run fail: a directory that cannot be created or written, or a file that
// cannot be read, just means compiling as if there were no cache. Files are written to a
// temporary name and renamed, so readers never see half a file.
#pragma once

#include "compiler/kernel_cache/sha256.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace nj::kernel_cache {

using CacheKey = Digest;

/// The directory to cache in: `explicit_dir` when non-empty, else $NEUROJIT_CACHE_DIR, else
/// $XDG_CACHE_HOME/neurojit, else $HOME/.cache/neurojit; nothing when none can be named.
std::optional<std::filesystem::path> cache_directory(const std::string& explicit_dir);

/// The cache file of one key in one directory.
class CacheFile {
public:
    CacheFile(std::filesystem::path directory, const CacheKey& key);

    /// The cached object, or nothing when absent, unreadable, truncated or corrupted.
    std::optional<std::string> load() const;

    /// Writes `object` atomically; failures are ignored (the run goes on without a cache).
    void store(std::string_view object) const;

    /// The file this entry lives in.
    const std::filesystem::path& file() const { return file_; }

private:
    std::filesystem::path directory_;
    std::filesystem::path file_;
    CacheKey key_;
};

}  // namespace nj::kernel_cache
