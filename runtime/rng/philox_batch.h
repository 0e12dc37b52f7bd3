// Philox blocks of many consecutive indices computed together, and a per-thread cache of them
// for the random entry points that kernels call element after element.
//
// One Philox4x32-10 block takes about 20 ns from counter to result (ten dependent rounds of
// 32-bit multiplies), and a sampler cannot start before its first block is there. A kernel draws
// for index 0, 1, 2, ... in turn, so the cache computes the first blocks of the coming indices
// in one batch (eight lanes at a time with AVX2 where the CPU has it): a few ns a block, and the
// samplers start at once.
//
// Requires: nothing beyond counter_rng.h; the cache is not shared between threads.
// Ensures:  every block returned equals philox_block(seed, pack_counter(stream, step, index,
//           draw, block)) bit for bit, whatever the order of the calls, so results do not depend
//           on the cache, the batch sizes or the instruction set.
#pragma once

#include "runtime/rng/counter_rng.h"

#include <array>
#include <cstdint>

namespace nj::rt {

/// Block `block` of the draws (key, step, index, draw) for index = first, ..., first + count - 1,
/// into out[0 .. count-1]. Requires first + count <= 2^32.
void philox_blocks(const RngKey& key, uint64_t step, uint32_t draw, uint32_t block,
                   uint32_t first, uint32_t count, PhiloxWords* out);

/// The batch a per-call-site cache computes on a miss at `index`: twice its last batch
/// (`last_count`) when `index` comes right after it, up to `max_batch`, else one value; never
/// past index 2^32 - 1. Sites drawing element after element soon get full batches, and sites
/// drawing scattered indices pay for no values they do not use.
uint32_t batch_after_miss(bool next_in_line, uint32_t last_count, uint32_t index, uint32_t max_batch);

/// Recent batches of blocks, one per random call site (stream, draw and block) in use.
class PhiloxBlockCache {
public:
    /// Block `block` of (key, step, index, draw). A miss right after the end of the site's last
    /// batch starts a batch twice as long (up to `max_batch`); any other miss computes one block,
    /// so a site drawing for scattered indices pays for no blocks it does not use.
    const PhiloxWords& block(const RngKey& key, uint64_t step, uint32_t index, uint32_t draw,
                             uint32_t block);

    static constexpr uint32_t max_batch = 64;

private:
    struct Site {
        uint64_t seed = 0;
        uint64_t step = 0;
        uint32_t stream = 0, draw = 0, block = 0;
        uint32_t first = 0, count = 0;  // count 0: empty
        std::array<PhiloxWords, max_batch> words{};
    };
    static constexpr uint32_t site_slots = 16;

    std::array<Site, site_slots> sites_{};
};

/// The uniform source of lane `lane` of a draw (lane 1 only for beta's second Gamma), its first
/// block taken from the calling thread's PhiloxBlockCache.
detail::UniformSource cached_source(const RngKey& key, uint64_t step, uint32_t index,
                                    uint32_t draw, uint32_t lane);

}  // namespace nj::rt
