// Keys of the object cache, computed without LLVM, so a run can find its kernels' machine code
// before deciding whether it needs LLVM at all.
#pragma once

#include "compiler/ir/ir.h"
#include "compiler/kernel_cache/cache_file.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nj::kernel_cache {

/// Builds a cache key from its parts; each part is length-prefixed so parts cannot run together.
class CacheKeyBuilder {
public:
    void add(std::string_view part);
    CacheKey finish();

private:
    Sha256 hash_;
};

/// What the code generator targets on this host, on x86-64: the CPUID words LLVM derives the
/// CPU name and features from (vendor, family and model, feature flags; not the per-core ids)
/// and the register state the OS enables (XGETBV). Equal fingerprints give equal machine code.
/// Nothing on other hosts (the JIT then names the host through LLVM, and every run loads it).
std::optional<std::string> host_cpu_fingerprint();

/// Loads glibc's vector math library (libmvec) for generated code to call; whether it could
/// (never on hosts other than x86-64, where the code generator does not use it).
bool load_vector_math_library();

/// What a part's machine code depends on besides its kernels.
struct CodeTarget {
    std::string host;  ///< host_cpu_fingerprint(), or the CPU and features LLVM names
    int opt_level = 3;
    bool vector_math = false;  ///< whether the code calls libmvec
};

/// The key of the part holding `kernels`: the cache format, the code generator's build, the LLVM
/// version, `target`, and every kernel's IR fingerprint.
CacheKey part_key(const std::vector<ir::Kernel>& kernels, const CodeTarget& target);

}  // namespace nj::kernel_cache
