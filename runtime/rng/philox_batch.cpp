// Batched Philox4x32-10 blocks (AVX2 or scalar) and the per-thread block cache.
#include "runtime/rng/philox_batch.h"

#include "runtime/cpu_features.h"

#include <algorithm>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace nj::rt {
namespace {

// Philox4x32 round constants (Salmon et al. 2011), as Random123 uses them.
constexpr uint32_t multiplier_0 = 0xD2511F53u, multiplier_1 = 0xCD9E8D57u;
constexpr uint32_t weyl_0 = 0x9E3779B9u, weyl_1 = 0xBB67AE85u;
constexpr int philox_rounds = 10;

void philox_blocks_scalar(const RngKey& key, const PhiloxWords& counter, uint32_t count,
                          PhiloxWords* out) {
    PhiloxWords c = counter;
    for (uint32_t l = 0; l < count; ++l, ++c[0]) out[l] = philox_block(key.seed, c);
}

#if defined(__x86_64__)
/// hi and lo halves of the eight 32x32-bit products x * m.
__attribute__((target("avx2"))) inline void multiply_high_low(__m256i x, __m256i m, __m256i& hi,
                                                              __m256i& lo) {
    const __m256i even = _mm256_mul_epu32(x, m);
    const __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(x, 32), m);
    lo = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
    hi = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
}

/// Philox rounds over `groups` vectors of eight lanes each; lane l of vector g has counter word
/// 0 = first + 8 g + l, the other words shared. Several independent vectors per round keep the
/// multipliers busy while one vector's round waits on its products.
template <int groups>
__attribute__((target("avx2"))) inline void philox_vectors(uint64_t seed, const PhiloxWords& counter,
                                                           uint32_t first, PhiloxWords* out) {
    const __m256i m0 = _mm256_set1_epi32(static_cast<int>(multiplier_0));
    const __m256i m1 = _mm256_set1_epi32(static_cast<int>(multiplier_1));
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    __m256i x0[groups], x1[groups], x2[groups], x3[groups];
    for (int g = 0; g < groups; ++g) {
        x0[g] = _mm256_add_epi32(_mm256_set1_epi32(static_cast<int>(first + 8 * g)), lanes);
        x1[g] = _mm256_set1_epi32(static_cast<int>(counter[1]));
        x2[g] = _mm256_set1_epi32(static_cast<int>(counter[2]));
        x3[g] = _mm256_set1_epi32(static_cast<int>(counter[3]));
    }
    uint32_t k0 = static_cast<uint32_t>(seed), k1 = static_cast<uint32_t>(seed >> 32);
    for (int round = 0; round < philox_rounds; ++round) {
        const __m256i key0 = _mm256_set1_epi32(static_cast<int>(k0));
        const __m256i key1 = _mm256_set1_epi32(static_cast<int>(k1));
        for (int g = 0; g < groups; ++g) {
            __m256i hi0, lo0, hi1, lo1;
            multiply_high_low(x0[g], m0, hi0, lo0);
            multiply_high_low(x2[g], m1, hi1, lo1);
            x0[g] = _mm256_xor_si256(_mm256_xor_si256(hi1, x1[g]), key0);
            x2[g] = _mm256_xor_si256(_mm256_xor_si256(hi0, x3[g]), key1);
            x1[g] = lo1;
            x3[g] = lo0;
        }
        k0 += weyl_0;
        k1 += weyl_1;
    }
    for (int g = 0; g < groups; ++g) {
        alignas(32) uint32_t w[4][8];
        _mm256_store_si256(reinterpret_cast<__m256i*>(w[0]), x0[g]);
        _mm256_store_si256(reinterpret_cast<__m256i*>(w[1]), x1[g]);
        _mm256_store_si256(reinterpret_cast<__m256i*>(w[2]), x2[g]);
        _mm256_store_si256(reinterpret_cast<__m256i*>(w[3]), x3[g]);
        for (int l = 0; l < 8; ++l) out[8 * g + l] = {w[0][l], w[1][l], w[2][l], w[3][l]};
    }
}

/// Whole vectors of eight, four at a time while there are 32 left; the tail (< 8) is scalar.
__attribute__((target("avx2"))) void philox_blocks_avx2(const RngKey& key,
                                                        const PhiloxWords& counter,
                                                        uint32_t count, PhiloxWords* out) {
    uint32_t done = 0;
    for (; count - done >= 32; done += 32) philox_vectors<4>(key.seed, counter, counter[0] + done, out + done);
    for (; count - done >= 8; done += 8) philox_vectors<1>(key.seed, counter, counter[0] + done, out + done);
    PhiloxWords rest = counter;
    rest[0] += done;
    philox_blocks_scalar(key, rest, count - done, out + done);
}

#endif

}  // namespace


void philox_blocks(const RngKey& key, uint64_t step, uint32_t draw, uint32_t block,
                   uint32_t first, uint32_t count, PhiloxWords* out) {
    const PhiloxWords counter = pack_counter(key.stream, step, first, draw, block);
#if defined(__x86_64__)
    // Below eight blocks the scalar loop is as fast and computes no unused lanes.
    if (count >= 8 && cpu_has_avx2()) return philox_blocks_avx2(key, counter, count, out);
#endif
    philox_blocks_scalar(key, counter, count, out);
}

uint32_t batch_after_miss(bool next_in_line, uint32_t last_count, uint32_t index, uint32_t max_batch) {
    const uint32_t count = next_in_line ? std::min(2 * last_count, max_batch) : 1;
    return static_cast<uint32_t>(std::min<uint64_t>(count, (uint64_t{1} << 32) - index));
}

const PhiloxWords& PhiloxBlockCache::block(const RngKey& key, uint64_t step, uint32_t index,
                                           uint32_t draw, uint32_t block) {
    // Call sites differ in stream (and beta's two lanes in block): spread them over the slots.
    Site& site = sites_[(key.stream + 7 * draw + (block >> 4)) % site_slots];
    const bool same_site = site.count > 0 && site.seed == key.seed && site.step == step &&
                           site.stream == key.stream && site.draw == draw && site.block == block;
    if (same_site && index - site.first < site.count) return site.words[index - site.first];

    const uint32_t count = batch_after_miss(same_site && index == site.first + site.count, site.count, index, max_batch);
    philox_blocks(key, step, draw, block, index, count, site.words.data());
    site.seed = key.seed;
    site.step = step;
    site.stream = key.stream;
    site.draw = draw;
    site.block = block;
    site.first = index;
    site.count = count;
    return site.words[0];
}

detail::UniformSource cached_source(const RngKey& key, uint64_t step, uint32_t index,
                                    uint32_t draw, uint32_t lane) {
    thread_local PhiloxBlockCache cache;
    const uint32_t first_block = detail::UniformSource::first_block_of(lane);
    return detail::UniformSource(key, step, index, draw, lane,
                                 cache.block(key, step, index, draw, first_block));
}

}  // namespace nj::rt
