// The spike scan, sixteen flags at a time with AVX2, else in blocks of 32 (scalar).
#include "runtime/network/find_spikes.h"

#include "runtime/cpu_features.h"

#include <algorithm>
#include <bit>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace nj::rt {
namespace {

/// Scalar: skips blocks with no spike (a step's few spikes leave most of them empty).
void find_nonzero_blocks(const double* x, size_t first, size_t n, std::vector<uint32_t>& out) {
    constexpr size_t block = 32;
    for (size_t b = first; b < n; b += block) {
        const size_t e = std::min(n, b + block);
        // shifted out, the sign bit no longer tells -0 from +0: both are "no spike"
        uint64_t any = 0;
        for (size_t i = b; i < e; ++i) any |= std::bit_cast<uint64_t>(x[i]) << 1;
        if (any == 0) continue;
        for (size_t i = b; i < e; ++i) {
            if (x[i] != 0.0) out.push_back(static_cast<uint32_t>(i));
        }
    }
}

#if defined(__x86_64__)
/// Bits 0-3: which of x[0 .. 3] are nonzero (an unordered compare: NaN counts).
__attribute__((target("avx2"))) inline unsigned nonzero_of_four(const double* x) {
    return static_cast<unsigned>(_mm256_movemask_pd(_mm256_cmp_pd(_mm256_loadu_pd(x), _mm256_setzero_pd(), _CMP_NEQ_UQ)));
}

/// Whether any of x[0 .. 31] is nonzero: their bits OR-ed, the sign bit ignored (-0 is no
/// spike), one test for 32 flags. Most blocks of a step hold no spike.
__attribute__((target("avx2"))) inline bool any_nonzero_of_32(const double* x) {
    __m256i any = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x));
    for (size_t k = 4; k < 32; k += 4) any = _mm256_or_si256(any, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x + k)));
    return _mm256_testz_si256(any, _mm256_set1_epi64x(0x7fffffffffffffff)) == 0;
}

/// Skips blocks of 32 flags with no spike; in the others four compares of four flags give a
/// 16-bit mask of the nonzero ones.
__attribute__((target("avx2"))) void find_nonzero_avx2(const double* x, size_t n, std::vector<uint32_t>& out) {
    auto nonzero = [x](size_t i) { return nonzero_of_four(x + i); };
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        if (!any_nonzero_of_32(x + i)) continue;
        for (size_t j = i; j < i + 32; j += 16) {
            unsigned mask = nonzero(j) | nonzero(j + 4) << 4 | nonzero(j + 8) << 8 | nonzero(j + 12) << 12;
            for (; mask != 0; mask &= mask - 1) out.push_back(static_cast<uint32_t>(j + static_cast<size_t>(std::countr_zero(mask))));
        }
    }
    find_nonzero_blocks(x, i, n, out);
}
#endif

}  // namespace

void find_nonzero(const double* x, size_t n, std::vector<uint32_t>& out) {
    out.clear();
#if defined(__x86_64__)
    if (cpu_has_avx2()) return find_nonzero_avx2(x, n, out);
#endif
    find_nonzero_blocks(x, 0, n, out);
}

}  // namespace nj::rt
