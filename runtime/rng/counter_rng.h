// Counter-based random numbers (Philox4x32-10) and exact samplers for the distributions models use.
// Header-only and inline so runtime helpers, the C symbols in rng_symbols.cpp and tests all share
// one definition; it exceeds the 150-line header aim because the samplers belong with the counter.
//
// Counter packing (all fields little-endian words of the 128-bit Philox counter):
//
//   key     = { seed bits 0..31, seed bits 32..63 }
//   ctr[0]  = index                       (32 bits, neuron/synapse index)
//   ctr[1]  = stream                      (32 bits, one per random call site)
//   ctr[2]  = step bits 0..31
//   ctr[3]  = step bits 32..39            (bits 0..7)
//           | draw                        (bits 8..23, draw < 2^16)
//           | block                       (bits 24..31, sampler-internal block < 2^8)
//
// The map (seed, stream, step, index, draw, block) -> (key, counter) is injective while
// step < 2^40 (about 35 years at dt = 1 us) and draw < 2^16, so no two random numbers a model asks
// for share a Philox block. Debug builds assert the limits; release builds drop the excess bits.
//
// Each draw number should feed one variate: random_u64, uniform01 and standard_normal read block 0
// of their draw, and the samplers (poisson, binomial, gamma, beta) read blocks 0, 1, 2, ... of
// their draw as they need more uniforms, so a variable number of uniforms stays deterministic.
#pragma once

#include "runtime/rng/normal_ziggurat.h"

#include <Random123/philox.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <optional>
#include <cstdint>
#include <limits>
#include <numbers>

namespace nj::rt {

/// Names one random sequence: the user's seed and a stream per random call site.
struct RngKey {
    uint64_t seed;    ///< the run's seed; every bit is used
    uint32_t stream;  ///< separates call sites (and groups) that share step and index
};

/// Exclusive upper limit of the step field of the counter.
inline constexpr uint64_t rng_step_limit = uint64_t{1} << 40;
/// Exclusive upper limit of the draw field (variates per (stream, step, index)).
inline constexpr uint32_t rng_draw_limit = uint32_t{1} << 16;
/// Exclusive upper limit of the sampler-internal block field.
inline constexpr uint32_t rng_block_limit = uint32_t{1} << 8;

/// Four 32-bit words: a Philox counter or one Philox output block.
using PhiloxWords = std::array<uint32_t, 4>;

/// Packs the counter fields as documented at the top of this file (injective within the limits).
inline PhiloxWords pack_counter(uint32_t stream, uint64_t step, uint32_t index, uint32_t draw,
                                uint32_t block) {
    assert(step < rng_step_limit && "random step counter beyond 2^40");
    assert(draw < rng_draw_limit && "random draw number beyond 2^16");
    assert(block < rng_block_limit);
    const uint32_t high = static_cast<uint32_t>(step >> 32) & 0xFFu;
    return {index, stream, static_cast<uint32_t>(step),
            high | (draw & 0xFFFFu) << 8 | (block & 0xFFu) << 24};
}

/// Philox4x32-10 of `counter` under the key made from the 64-bit `seed`.
inline PhiloxWords philox_block(uint64_t seed, const PhiloxWords& counter) {
    const r123::Philox4x32::ctr_type ctr = {{counter[0], counter[1], counter[2], counter[3]}};
    const r123::Philox4x32::key_type key = {
        {static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)}};
    const auto out = r123::Philox4x32()(ctr, key);
    return {out[0], out[1], out[2], out[3]};
}

/// Joins two output words into 64 random bits (first word high).
inline uint64_t join_words(uint32_t high, uint32_t low) {
    return uint64_t{high} << 32 | low;
}

/// Maps 64 random bits to [0, 1) using the top 53 bits; never returns 1.0.
inline double uniform01_from_bits(uint64_t bits) {
    return static_cast<double>(bits >> 11) * 0x1p-53;
}

/// Maps 64 random bits to (0, 1] using the top 53 bits; never returns 0.0 (safe for log).
inline double open_uniform01_from_bits(uint64_t bits) {
    return static_cast<double>((bits >> 11) + 1) * 0x1p-53;
}

/// One standard normal from two 64-bit words (Box–Muller, cosine branch only).
inline double box_muller(uint64_t radius_bits, uint64_t angle_bits) {
    const double u1 = open_uniform01_from_bits(radius_bits);
    const double u2 = uniform01_from_bits(angle_bits);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

/// 64 random bits: words 0 and 1 of block 0 of (key, step, index, draw).
inline uint64_t random_u64(const RngKey& key, uint64_t step, uint32_t index, uint32_t draw) {
    const PhiloxWords w = philox_block(key.seed, pack_counter(key.stream, step, index, draw, 0));
    return join_words(w[0], w[1]);
}

/// Uniform double in [0, 1) with 53 random bits (the bits of random_u64).
inline double uniform01(const RngKey& key, uint64_t step, uint32_t index, uint32_t draw) {
    return uniform01_from_bits(random_u64(key, step, index, draw));
}

namespace detail {

/// Deterministic supply of uniforms for one variate: blocks lane*128 + 0, 1, 2, ... of its draw.
/// Lane 0 starts with the bits uniform01 would give for the same draw; beta uses lane 1 for its
/// second gamma. After 128 blocks (rejection loops reach this with probability below 1e-90) it
/// re-keys from its last block so it never repeats a uniform.
class UniformSource {
public:
    UniformSource(const RngKey& key, uint64_t step, uint32_t index, uint32_t draw, uint32_t lane)
        : seed_(key.seed), step_(step), stream_(key.stream), index_(index), draw_(draw),
          lane_(lane) {}
    /// The same source, handed its first block (block first_block_of(lane) of the draw, which a
    /// caller drawing for many indices computes in batches: see philox_batch.h).
    UniformSource(const RngKey& key, uint64_t step, uint32_t index, uint32_t draw, uint32_t lane,
                  const PhiloxWords& first_block)
        : UniformSource(key, step, index, draw, lane) {
        words_ = first_block;
        used_ = 0;
        block_ = 1;
    }

    /// The counter's block field of a lane's first block.
    static constexpr uint32_t first_block_of(uint32_t lane) { return lane * blocks_per_lane; }

    /// Next 64 random bits (half a Philox block).
    uint64_t next_u64() {
        if (used_ == 4) refill();
        const uint64_t bits = join_words(words_[used_], words_[used_ + 1]);
        used_ += 2;
        return bits;
    }
    /// Next uniform in [0, 1).
    double next_uniform() { return uniform01_from_bits(next_u64()); }
    /// Next uniform in (0, 1].
    double next_open_uniform() { return open_uniform01_from_bits(next_u64()); }
private:
    static constexpr uint32_t blocks_per_lane = rng_block_limit / 2;

    void refill() {
        if (block_ == blocks_per_lane) {
            seed_ ^= join_words(words_[0], words_[1]) ^ 0x9E3779B97F4A7C15ull;
            block_ = 0;
        }
        const uint32_t block = lane_ * blocks_per_lane + block_++;
        words_ = philox_block(seed_, pack_counter(stream_, step_, index_, draw_, block));
        used_ = 0;
    }

    uint64_t seed_;
    uint64_t step_;
    uint32_t stream_, index_, draw_, lane_;
    uint32_t block_ = 0;
    PhiloxWords words_{};
    int used_ = 4;
};

/// Stirling tail fc(k) = ln k! - [(k+1/2) ln(k+1) - (k+1) + ln(2 pi)/2], accurate to ~1e-15.
inline double stirling_tail(double k) {
    const double z = k + 1.0;
    if (k < 16.0) {
        const double log_root_two_pi = 0.5 * std::log(2.0 * std::numbers::pi);
        return std::lgamma(z) - (k + 0.5) * std::log(z) + z - log_root_two_pi;
    }
    // Asymptotic series in 1/z; the first omitted term is below 6e-17 for z >= 17.
    const double r = 1.0 / z, r2 = r * r;
    return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 / 1188))));
}

/// Poisson by inversion (sequential search from 0), one uniform per variate; for mean < 10.
/// `p0` = exp(-mean), which callers drawing many times with one mean compute once.
inline uint64_t poisson_inversion(double mean, double p0, UniformSource& src) {
    for (;;) {
        double u = src.next_uniform();
        double p = p0;
        uint64_t k = 0;
        // X is the first k with u < F(k); subtracting keeps u relative to the remaining mass.
        while (u >= p && p > 0.0) {
            u -= p;
            ++k;
            p *= mean / static_cast<double>(k);
        }
        // p underflowed: rounding left u beyond the computed CDF (chance ~1e-16); draw again.
        if (p > 0.0) return k;
    }
}

/// Poisson by PTRS, transformed rejection with squeeze (Hörmann 1993); for mean >= 10.
inline uint64_t poisson_ptrs(double mean, UniformSource& src) {
    const double b = 0.931 + 2.53 * std::sqrt(mean);
    const double a = -0.059 + 0.02483 * b;
    const double log_inv_alpha = std::log(1.1239 + 1.1328 / (b - 3.4));
    const double v_r = 0.9277 - 3.6224 / (b - 2.0);
    for (;;) {
        const double u = src.next_uniform() - 0.5;
        const double v = src.next_uniform();
        const double us = 0.5 - std::fabs(u);
        if (us < 0.013 && v > us) continue;  // outside the hat; also keeps us away from 0
        const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
        if (k < 0.0) continue;
        if (us >= 0.07 && v <= v_r) return static_cast<uint64_t>(k);
        // log f(k) = k ln(mean) - mean - ln k!, written so the large terms cancel exactly.
        const double log_f = k * std::log1p((mean - k - 1.0) / (k + 1.0)) + (k + 1.0 - mean) -
                             0.5 * std::log(2.0 * std::numbers::pi * (k + 1.0)) - stirling_tail(k);
        if (std::log(v) + log_inv_alpha - std::log(a / (us * us) + b) <= log_f) {
            return static_cast<uint64_t>(k);
        }
    }
}

/// Binomial by inversion (sequential search from 0) for p <= 1/2 and n p < 10.
inline uint64_t binomial_inversion(uint64_t n, double p, UniformSource& src) {
    const double nd = static_cast<double>(n);
    const double ratio = p / (1.0 - p);
    const double f0 = std::exp(nd * std::log1p(-p));
    for (;;) {
        double u = src.next_uniform();
        double f = f0;
        uint64_t k = 0;
        while (u >= f && f > 0.0 && k < n) {
            u -= f;
            ++k;
            f *= ratio * (nd - static_cast<double>(k) + 1.0) / static_cast<double>(k);
        }
        // Rounding left u beyond the computed CDF (chance ~1e-16); draw again.
        if (u < f) return k;
    }
}

/// Binomial by BTRS, transformed rejection with squeeze (Hörmann 1993); p <= 1/2, n p >= 10.
inline uint64_t binomial_btrs(uint64_t n, double p, UniformSource& src) {
    const double nd = static_cast<double>(n), q = 1.0 - p, r = p / q;
    const double spq = std::sqrt(nd * p * q);
    const double b = 1.15 + 2.53 * spq;
    const double a = -0.0873 + 0.0248 * b + 0.01 * p;
    const double c = nd * p + 0.5;
    const double v_r = 0.92 - 4.2 / b;
    const double log_alpha = std::log((2.83 + 5.1 / b) * spq);
    const double m = std::floor((nd + 1.0) * p);
    const double mode_terms = (m + 0.5) * std::log((m + 1.0) / (r * (nd - m + 1.0))) +
                              stirling_tail(m) + stirling_tail(nd - m);
    for (;;) {
        const double u = src.next_uniform() - 0.5;
        const double v = src.next_uniform();
        const double us = 0.5 - std::fabs(u);
        if (us <= 0.0) continue;
        const double k = std::floor((2.0 * a / us + b) * u + c);
        if (k < 0.0 || k > nd) continue;
        if (us >= 0.07 && v <= v_r) return static_cast<uint64_t>(k);
        // log f(k)/f(m), grouped so that no term grows like n log n.
        const double log_ratio = mode_terms +
                                 (nd + 1.0) * std::log((nd - m + 1.0) / (nd - k + 1.0)) +
                                 (k + 0.5) * std::log(r * (nd - k + 1.0) / (k + 1.0)) -
                                 stirling_tail(k) - stirling_tail(nd - k);
        if (std::log(v) + log_alpha - std::log(a / (us * us) + b) <= log_ratio) {
            return static_cast<uint64_t>(k);
        }
    }
}

/// The constants of Marsaglia–Tsang (2000) for one shape >= 1; callers drawing many times with
/// one shape make them once (a square root and a division).
struct MarsagliaTsang {
    double d = 0.0, c = 0.0;

    static MarsagliaTsang for_shape(double shape) {
        const double d = shape - 1.0 / 3.0;
        return {d, 1.0 / std::sqrt(9.0 * d)};
    }
};

/// Gamma(shape, 1) for shape >= 1 by Marsaglia–Tsang: one normal (ziggurat) and one uniform a
/// try, so a try that the squeeze accepts (over 98 % for shape >= 1) takes one Philox block and
/// no log, exp or cosine.
inline double gamma_marsaglia_tsang(const MarsagliaTsang& m, UniformSource& src) {
    for (;;) {
        const double x = ziggurat_normal(src);
        double v = 1.0 + m.c * x;
        if (v <= 0.0) continue;
        v = v * v * v;
        const double u = src.next_open_uniform();
        const double x2 = x * x;
        if (u < 1.0 - 0.0331 * x2 * x2) return m.d * v;
        if (std::log(u) < 0.5 * x2 + m.d * (1.0 - v + std::log(v))) return m.d * v;
    }
}

inline double gamma_marsaglia_tsang(double shape, UniformSource& src) {
    return gamma_marsaglia_tsang(MarsagliaTsang::for_shape(shape), src);
}

/// Natural log of a Gamma(shape, 1) variate; shape < 1 uses the boost G(shape+1) U^(1/shape),
/// kept in log space so tiny shapes do not underflow.
inline double log_gamma_variate(double shape, UniformSource& src) {
    if (shape >= 1.0) return std::log(gamma_marsaglia_tsang(shape, src));
    const double boosted = gamma_marsaglia_tsang(shape + 1.0, src);
    return std::log(boosted) + std::log(src.next_open_uniform()) / shape;
}

/// Poisson(mean) from `src`: inversion for mean < 10, PTRS otherwise; 0 unless mean > 0 and
/// finite. `p0` must be exp(-mean) (unused for mean >= 10).
inline uint64_t poisson_variate(double mean, double p0, UniformSource& src) {
    assert(mean >= 0.0 && std::isfinite(mean) && "poisson mean must be finite and >= 0");
    if (!(mean > 0.0) || !std::isfinite(mean)) return 0;
    if (mean >= 10.0) return poisson_ptrs(mean, src);
    return poisson_inversion(mean, p0, src);
}

/// Binomial(n, p) from `src`, as `binomial` below.
inline uint64_t binomial_variate(uint64_t n, double p, UniformSource& src) {
    assert(!std::isnan(p) && "binomial probability is NaN");
    if (n == 0 || !(p > 0.0)) return 0;
    if (p >= 1.0) return n;
    const bool mirrored = p > 0.5;
    const double p_small = mirrored ? 1.0 - p : p;
    const uint64_t k = static_cast<double>(n) * p_small < 10.0 ? binomial_inversion(n, p_small, src)
                                                                : binomial_btrs(n, p_small, src);
    return mirrored ? n - k : k;
}

/// Gamma(shape, 1) from `src`, as `gamma` below.
inline double gamma_variate(double shape, UniformSource& src) {
    if (!(shape > 0.0) || !std::isfinite(shape)) return std::numeric_limits<double>::quiet_NaN();
    if (shape >= 1.0) return gamma_marsaglia_tsang(shape, src);
    return std::exp(log_gamma_variate(shape, src));
}

/// Beta(a, b) for a, b >= 1 from the constants of Gamma(a) and Gamma(b), as below.
inline double beta_variate(const MarsagliaTsang& a, const MarsagliaTsang& b, UniformSource& src_x,
                           UniformSource& src_y) {
    const double x = gamma_marsaglia_tsang(a, src_x);
    return x / (x + gamma_marsaglia_tsang(b, src_y));
}

/// Beta(a, b) as X / (X + Y), X ~ Gamma(a) from `src_x` and Y ~ Gamma(b) from `src_y`, as
/// `beta` below.
inline double beta_variate(double a, double b, UniformSource& src_x, UniformSource& src_y) {
    const bool valid = a > 0.0 && b > 0.0 && std::isfinite(a) && std::isfinite(b);
    if (!valid) return std::numeric_limits<double>::quiet_NaN();
    if (a >= 1.0 && b >= 1.0) {
        return beta_variate(MarsagliaTsang::for_shape(a), MarsagliaTsang::for_shape(b), src_x, src_y);
    }
    const double log_x = log_gamma_variate(a, src_x);
    return 1.0 / (1.0 + std::exp(log_gamma_variate(b, src_y) - log_x));
}

}  // namespace detail

/// Standard normal of the draw by the ziggurat method (normal_ziggurat.h): words 0-1 of block 0
/// decide about 99 % of draws; the others read on through the draw's blocks.
inline double standard_normal(const RngKey& key, uint64_t step, uint32_t index, uint32_t draw) {
    detail::UniformSource source(key, step, index, draw, 0);
    return ziggurat_normal(source);
}

/// Poisson(mean) variate, exact: inversion for mean < 10, PTRS otherwise. Requires a finite
/// mean >= 0 (else 0, asserted in debug builds); mean = 0 gives 0. `exp_minus_mean`, when
/// given, must be std::exp(-mean) (a caller drawing many times with one mean passes it).
inline uint64_t poisson(double mean, const RngKey& key, uint64_t step, uint32_t index,
                        uint32_t draw, std::optional<double> exp_minus_mean = std::nullopt) {
    detail::UniformSource src(key, step, index, draw, 0);
    const bool small = mean > 0.0 && mean < 10.0;
    const double p0 = exp_minus_mean ? *exp_minus_mean : (small ? std::exp(-mean) : 0.0);
    return detail::poisson_variate(mean, p0, src);
}

/// Binomial(n, p) variate, exact: with p' = min(p, 1-p), inversion when n p' < 10 and BTRS
/// otherwise, mirrored as n - X when p > 1/2. p <= 0 gives 0, p >= 1 gives n; NaN p gives 0
/// (asserted in debug builds). n should stay below 2^53 so it is exact as a double.
inline uint64_t binomial(uint64_t n, double p, const RngKey& key, uint64_t step, uint32_t index,
                         uint32_t draw) {
    detail::UniformSource src(key, step, index, draw, 0);
    return detail::binomial_variate(n, p, src);
}

/// Gamma(shape, scale 1) variate: Marsaglia–Tsang, with the U^(1/shape) boost for shape < 1.
/// Returns NaN unless shape > 0 and finite.
inline double gamma(double shape, const RngKey& key, uint64_t step, uint32_t index,
                    uint32_t draw) {
    detail::UniformSource src(key, step, index, draw, 0);
    return detail::gamma_variate(shape, src);
}

/// Beta(a, b) variate: X / (X + Y) with X ~ Gamma(a) on lane 0 and Y ~ Gamma(b) on lane 1 of the
/// same draw (log space when a shape is below 1). Returns NaN unless a, b > 0 and finite.
inline double beta(double a, double b, const RngKey& key, uint64_t step, uint32_t index,
                   uint32_t draw) {
    detail::UniformSource src_x(key, step, index, draw, 0);
    detail::UniformSource src_y(key, step, index, draw, 1);
    return detail::beta_variate(a, b, src_x, src_y);
}

}  // namespace nj::rt
