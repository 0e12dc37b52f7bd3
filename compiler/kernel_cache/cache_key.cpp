// Cache keys: the host's CPUID words, the code generator's build and the kernels' fingerprints.
#include "compiler/kernel_cache/cache_key.h"

#include "compiler/ir/fingerprint_ir.h"
#include "generated/codegen_fingerprint.h"

#include <cstdint>
#include <cstdio>

#include <dlfcn.h>
#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace nj::kernel_cache {

namespace {

/// Bump when the cache file layout or the key's parts change. Changes to the code generator, the
/// JIT or the kernel ABI are caught by NJ_CODEGEN_FINGERPRINT (a hash of their sources, made by
/// the build), so the key can be computed from the kernel IR alone.
constexpr const char* kCacheFormat = "neurojit-object-cache 3";

#if defined(__x86_64__)
void add_words(std::string& out, unsigned leaf, unsigned subleaf, unsigned a, unsigned b, unsigned c, unsigned d) {
    char text[96];
    std::snprintf(text, sizeof text, "%x.%x:%08x,%08x,%08x,%08x;", leaf, subleaf, a, b, c, d);
    out += text;
}

/// CPUID leaf `leaf`.`subleaf` into `out`, when the CPU has it; `keep_ebx` false drops EBX
/// (leaf 1 holds this core's APIC id there, which differs from core to core).
void add_leaf(std::string& out, unsigned leaf, unsigned subleaf, bool keep_ebx = true) {
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid_count(leaf, subleaf, &a, &b, &c, &d)) return;
    add_words(out, leaf, subleaf, a, keep_ebx ? b : 0, c, d);
}
#endif

}  // namespace

void CacheKeyBuilder::add(std::string_view part) {
    std::string length;
    for (int i = 0; i < 8; ++i) length += static_cast<char>((static_cast<uint64_t>(part.size()) >> (8 * i)) & 0xff);
    hash_.update(length);
    hash_.update(part);
}

CacheKey CacheKeyBuilder::finish() {
    return hash_.finish();
}

std::optional<std::string> host_cpu_fingerprint() {
#if defined(__x86_64__)
    std::string words = "x86_64;";
    const unsigned max_leaf = __get_cpuid_max(0, nullptr);
    add_leaf(words, 0, 0);  // vendor
    add_leaf(words, 1, 0, /*keep_ebx=*/false);
    for (unsigned leaf : {7u, 0xdu, 0x14u, 0x19u, 0x24u}) {
        if (leaf > max_leaf) continue;
        add_leaf(words, leaf, 0);
        add_leaf(words, leaf, 1);
    }
    const unsigned max_extended = __get_cpuid_max(0x80000000u, nullptr);
    for (unsigned leaf : {0x80000001u, 0x80000008u}) {
        if (leaf <= max_extended) add_leaf(words, leaf, 0);
    }
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (__get_cpuid(1, &a, &b, &c, &d) && (c & (1u << 27))) {  // OSXSAVE: XGETBV is allowed
        unsigned low = 0, high = 0;
        __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
        add_words(words, 0xffffffffu, 0, low, high, 0, 0);
    }
    return words;
#else
    return std::nullopt;
#endif
}

bool load_vector_math_library() {
#if defined(__x86_64__)
    static const bool loaded = dlopen("libmvec.so.1", RTLD_NOW | RTLD_GLOBAL) != nullptr;
    return loaded;
#else
    return false;
#endif
}

CacheKey part_key(const std::vector<ir::Kernel>& kernels, const CodeTarget& target) {
    CacheKeyBuilder key;
    key.add(kCacheFormat);
    key.add(NJ_CODEGEN_FINGERPRINT);
    key.add(NJ_LLVM_VERSION);
    key.add(target.host);
    key.add(std::to_string(target.opt_level));
    key.add(target.vector_math ? "libmvec" : "scalar libm");
    for (const auto& kernel : kernels) key.add(ir::fingerprint_kernel(kernel));
    return key.finish();
}

}  // namespace nj::kernel_cache
