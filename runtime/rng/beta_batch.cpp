// Batched Beta variates: the common path in AVX2 lanes, the rest by the scalar samplers.
#include "runtime/rng/beta_batch.h"

#include "runtime/cpu_features.h"
#include "runtime/rng/philox_batch.h"

#include <algorithm>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace nj::rt {
namespace {

using detail::MarsagliaTsang;
using detail::UniformSource;

/// The constants of both Gammas of one Beta(a, b).
struct BetaShapes {
    MarsagliaTsang a, b;
};

/// The scalar Beta of one draw from the first blocks of its two Gammas (as nj_rt_beta drew it).
double beta_scalar(const BetaShapes& shapes, const RngKey& key, uint64_t step, uint32_t index,
                   uint32_t draw, const PhiloxWords& x_block, const PhiloxWords& y_block) {
    UniformSource x_source(key, step, index, draw, 0, x_block);
    UniformSource y_source(key, step, index, draw, 1, y_block);
    return detail::beta_variate(shapes.a, shapes.b, x_source, y_source);
}

#if defined(__x86_64__)
/// Whole numbers below 2^53 + 1 to doubles, exactly: the high and low 32 bits are each exact
/// (the 2^52 bias trick) and so is their sum, which a double holds.
__attribute__((target("avx2"))) inline __m256d whole_to_double(__m256i m) {
    const __m256i bias_bits = _mm256_set1_epi64x(0x4330000000000000);  // 2^52 as a double
    const __m256d bias = _mm256_set1_pd(0x1p52);
    const __m256i low = _mm256_and_si256(m, _mm256_set1_epi64x(0xFFFFFFFF));
    const __m256i high = _mm256_srli_epi64(m, 32);
    const __m256d low_d = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(low, bias_bits)), bias);
    const __m256d high_d = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(high, bias_bits)), bias);
    return _mm256_add_pd(_mm256_mul_pd(high_d, _mm256_set1_pd(0x1p32)), low_d);
}

/// The two 64-bit words (first word high, as join_words) of four consecutive blocks, in order:
/// `normal_bits` holds each block's words 0-1, `uniform_bits` its words 2-3.
__attribute__((target("avx2"))) inline void load_words(const PhiloxWords* blocks, __m256i& normal_bits,
                                                       __m256i& uniform_bits) {
    // Swapping the 32-bit halves of each 64-bit lane puts word 0 (2) above word 1 (3).
    const __m256i first = _mm256_shuffle_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(blocks)), 0xB1);
    const __m256i second = _mm256_shuffle_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(blocks + 2)), 0xB1);
    // unpack works within 128-bit halves: blocks come out as 0, 2, 1, 3; the permute restores 0-3
    normal_bits = _mm256_permute4x64_epi64(_mm256_unpacklo_epi64(first, second), 0xD8);
    uniform_bits = _mm256_permute4x64_epi64(_mm256_unpackhi_epi64(first, second), 0xD8);
}

/// Four Gamma variates by the common path of gamma_marsaglia_tsang (ziggurat core, v > 0,
/// squeeze), each from one block; `accepted` is all ones in the lanes that path decided.
__attribute__((target("avx2"))) inline __m256d gamma_common_path(const MarsagliaTsang& m, const PhiloxWords* blocks,
                                                                 __m256d& accepted) {
    const ZigguratTables& z = ziggurat_tables();
    __m256i normal_bits, uniform_bits;
    load_words(blocks, normal_bits, uniform_bits);

    // ziggurat_normal: strip from bits 0-7, sign from bit 8, position from bits 11-63
    const __m256i strip = _mm256_and_si256(normal_bits, _mm256_set1_epi64x(0xFF));
    const __m256d edge = _mm256_i64gather_pd(z.x.data(), strip, 8);
    const __m256d next_edge = _mm256_i64gather_pd(z.x.data() + 1, strip, 8);
    const __m256d position = _mm256_mul_pd(whole_to_double(_mm256_srli_epi64(normal_bits, 11)), _mm256_set1_pd(0x1p-53));
    const __m256d magnitude = _mm256_mul_pd(position, edge);
    const __m256d in_core = _mm256_cmp_pd(magnitude, next_edge, _CMP_LT_OQ);
    const __m256i sign = _mm256_slli_epi64(_mm256_and_si256(normal_bits, _mm256_set1_epi64x(0x100)), 55);
    const __m256d x = _mm256_xor_pd(magnitude, _mm256_castsi256_pd(sign));

    // gamma_marsaglia_tsang: v = (1 + c x)^3, accepted when v > 0 and u < 1 - 0.0331 x^4
    __m256d v = _mm256_add_pd(_mm256_set1_pd(1.0), _mm256_mul_pd(_mm256_set1_pd(m.c), x));
    const __m256d positive = _mm256_cmp_pd(v, _mm256_setzero_pd(), _CMP_GT_OQ);
    v = _mm256_mul_pd(_mm256_mul_pd(v, v), v);
    const __m256i open_bits = _mm256_add_epi64(_mm256_srli_epi64(uniform_bits, 11), _mm256_set1_epi64x(1));
    const __m256d u = _mm256_mul_pd(whole_to_double(open_bits), _mm256_set1_pd(0x1p-53));
    const __m256d x2 = _mm256_mul_pd(x, x);
    const __m256d squeeze = _mm256_sub_pd(_mm256_set1_pd(1.0), _mm256_mul_pd(_mm256_mul_pd(_mm256_set1_pd(0.0331), x2), x2));
    const __m256d below = _mm256_cmp_pd(u, squeeze, _CMP_LT_OQ);
    accepted = _mm256_and_pd(_mm256_and_pd(in_core, positive), below);
    return _mm256_mul_pd(_mm256_set1_pd(m.d), v);
}

/// One Gamma of one draw by the scalar sampler, from its lane's first block.
double gamma_scalar(const MarsagliaTsang& m, const RngKey& key, uint64_t step, uint32_t index,
                    uint32_t draw, uint32_t lane, const PhiloxWords& first_block) {
    UniformSource source(key, step, index, draw, lane, first_block);
    return detail::gamma_marsaglia_tsang(m, source);
}

/// Four elements at a time; a Gamma that left the common path (about one in eleven: mostly the
/// squeeze) is drawn again by the scalar sampler, and a tail of fewer than four elements is
/// drawn by the scalar samplers throughout.
__attribute__((target("avx2"))) void beta_lanes_avx2(const BetaShapes& shapes, const RngKey& key, uint64_t step,
                                                     uint32_t draw, uint32_t first, uint32_t count,
                                                     const PhiloxWords* x_blocks, const PhiloxWords* y_blocks,
                                                     double* out) {
    uint32_t l = 0;
    for (; l + 4 <= count; l += 4) {
        __m256d x_ok, y_ok;
        const __m256d x = gamma_common_path(shapes.a, x_blocks + l, x_ok);
        const __m256d y = gamma_common_path(shapes.b, y_blocks + l, y_ok);
        const int x_done = _mm256_movemask_pd(x_ok), y_done = _mm256_movemask_pd(y_ok);
        if ((x_done & y_done) == 0xF) {
            _mm256_storeu_pd(out + l, _mm256_div_pd(x, _mm256_add_pd(x, y)));
            continue;
        }
        alignas(32) double xs[4], ys[4];
        _mm256_store_pd(xs, x);
        _mm256_store_pd(ys, y);
        for (uint32_t k = 0; k < 4; ++k) {
            const uint32_t index = first + l + k;
            if (!((x_done >> k) & 1)) xs[k] = gamma_scalar(shapes.a, key, step, index, draw, 0, x_blocks[l + k]);
            if (!((y_done >> k) & 1)) ys[k] = gamma_scalar(shapes.b, key, step, index, draw, 1, y_blocks[l + k]);
            out[l + k] = xs[k] / (xs[k] + ys[k]);  // as detail::beta_variate
        }
    }
    for (; l < count; ++l) out[l] = beta_scalar(shapes, key, step, first + l, draw, x_blocks[l], y_blocks[l]);
}
#endif

/// beta_batch for at most BetaBatchCache::max_batch values.
void beta_block(const BetaShapes& shapes, const RngKey& key, uint64_t step, uint32_t draw,
                uint32_t first, uint32_t count, double* out) {
    std::array<PhiloxWords, BetaBatchCache::max_batch> x_blocks, y_blocks;
    philox_blocks(key, step, draw, UniformSource::first_block_of(0), first, count, x_blocks.data());
    philox_blocks(key, step, draw, UniformSource::first_block_of(1), first, count, y_blocks.data());
#if defined(__x86_64__)
    if (count >= 4 && cpu_has_avx2()) {
        beta_lanes_avx2(shapes, key, step, draw, first, count, x_blocks.data(), y_blocks.data(), out);
        return;
    }
#endif
    for (uint32_t l = 0; l < count; ++l) out[l] = beta_scalar(shapes, key, step, first + l, draw, x_blocks[l], y_blocks[l]);
}

BetaShapes shapes_of(double a, double b) {
    return {MarsagliaTsang::for_shape(a), MarsagliaTsang::for_shape(b)};
}

}  // namespace

void beta_batch(const RngKey& key, uint64_t step, uint32_t draw, double a, double b,
                uint32_t first, uint32_t count, double* out) {
    const BetaShapes shapes = shapes_of(a, b);
    for (uint32_t done = 0; done < count;) {
        const uint32_t part = std::min(count - done, BetaBatchCache::max_batch);
        beta_block(shapes, key, step, draw, first + done, part, out + done);
        done += part;
    }
}

double BetaBatchCache::value(const RngKey& key, uint64_t step, uint32_t index, uint32_t draw,
                             double a, double b) {
    Site& site = sites_[(key.stream + 7 * draw) % site_slots];
    const bool same_site = site.count > 0 && site.seed == key.seed && site.step == step &&
                           site.stream == key.stream && site.draw == draw && site.a == a && site.b == b;
    if (same_site && index - site.first < site.count) return site.values[index - site.first];

    const uint32_t count = batch_after_miss(same_site && index == site.first + site.count, site.count, index, max_batch);
    if (a != shape_a_ || b != shape_b_) {  // Marsaglia–Tsang's constants once per shape
        gamma_a_ = MarsagliaTsang::for_shape(a);
        gamma_b_ = MarsagliaTsang::for_shape(b);
        shape_a_ = a;
        shape_b_ = b;
    }
    beta_block({gamma_a_, gamma_b_}, key, step, draw, index, count, site.values.data());
    site.seed = key.seed;
    site.step = step;
    site.stream = key.stream;
    site.draw = draw;
    site.a = a;
    site.b = b;
    site.first = index;
    site.count = count;
    return site.values[0];
}

}  // namespace nj::rt
