// Beta(a, b) variates (a, b >= 1) of many consecutive indices computed together, and a
// per-thread cache of them for nj_rt_beta, which kernels call element after element.
//
// A Beta is X / (X + Y) with X ~ Gamma(a) and Y ~ Gamma(b), each by Marsaglia–Tsang with a
// ziggurat normal (counter_rng.h). Most Gammas (about 90 % for shapes near 10) are decided by
// their first Philox block: a point inside its ziggurat strip, v > 0 and the squeeze. That common
// path has no branches that depend on one element, so four elements go through it at once in
// AVX2 lanes; a Gamma that leaves it anywhere is drawn again by the scalar sampler from the same
// blocks.
//
// Requires: a, b >= 1 and finite; the cache is not shared between threads.
// Ensures:  every value equals detail::beta_variate(a, b, ...) of its draw's own uniform sources
//           bit for bit (the lanes use the same operations in the same order, with no fused
//           multiply-add), whatever the batch sizes, the call order or the instruction set.
#pragma once

#include "runtime/rng/counter_rng.h"

#include <array>
#include <cstdint>

namespace nj::rt {

/// Beta(a, b) of the draws (key, step, index, draw) for index = first, ..., first + count - 1,
/// into out[0 .. count-1]. Requires a, b >= 1 and first + count <= 2^32.
void beta_batch(const RngKey& key, uint64_t step, uint32_t draw, double a, double b,
                uint32_t first, uint32_t count, double* out);

/// Recent batches of Beta variates, one per random call site (stream, draw and shapes) in use.
class BetaBatchCache {
public:
    /// Beta(a, b) of (key, step, index, draw); a, b >= 1. A miss draws the batch
    /// batch_after_miss (philox_batch.h) asks for.
    double value(const RngKey& key, uint64_t step, uint32_t index, uint32_t draw, double a,
                 double b);

    static constexpr uint32_t max_batch = 64;

private:
    struct Site {
        uint64_t seed = 0;
        uint64_t step = 0;
        uint32_t stream = 0, draw = 0;
        double a = 0.0, b = 0.0;
        uint32_t first = 0, count = 0;  // count 0: empty
        std::array<double, max_batch> values{};
    };
    static constexpr uint32_t site_slots = 4;

    std::array<Site, site_slots> sites_{};
    // Marsaglia–Tsang's constants of the last shapes asked for: kernels draw with one pair of
    // shapes for every element, so the square roots and divisions are made once.
    double shape_a_ = -1.0, shape_b_ = -1.0;  // none yet: never equal to a shape >= 1
    detail::MarsagliaTsang gamma_a_, gamma_b_;
};

}  // namespace nj::rt
