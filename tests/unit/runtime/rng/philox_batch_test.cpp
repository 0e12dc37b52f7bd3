// Tests for batched Philox blocks and the per-thread block cache (philox_batch.h): every block
// must be the one philox_block gives for its counter, whatever the batch and the call order.
#include "runtime/rng/philox_batch.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <vector>

using namespace nj::rt;

namespace {

// High seed bits, a step beyond 2^32 and a non-zero draw and block, so every counter word counts.
constexpr RngKey key{.seed = 0xA5A5'0000'1234'5678ull, .stream = 11};
constexpr uint64_t step = (uint64_t{1} << 32) + 77;

PhiloxWords reference(const RngKey& k, uint64_t s, uint32_t index, uint32_t draw, uint32_t block) {
    return philox_block(k.seed, pack_counter(k.stream, s, index, draw, block));
}

}  // namespace

TEST_CASE("philox_blocks: every count, scalar tail and eight-lane body alike, gives philox_block") {
    std::vector<PhiloxWords> out(70);
    for (uint32_t count = 1; count <= 70; ++count) {
        CAPTURE(count);
        const uint32_t first = 1000 + 3 * count;
        philox_blocks(key, step, 5, 128, first, count, out.data());
        for (uint32_t l = 0; l < count; ++l) CHECK(out[l] == reference(key, step, first + l, 5, 128));
    }
}

TEST_CASE("philox_blocks: the last indices below 2^32 are computed without wrapping") {
    std::vector<PhiloxWords> out(16);
    const uint32_t first = 0xFFFF'FFF0u;
    philox_blocks(key, step, 0, 0, first, 16, out.data());
    for (uint32_t l = 0; l < 16; ++l) CHECK(out[l] == reference(key, step, first + l, 0, 0));
}

TEST_CASE("PhiloxBlockCache: in line, backwards, shuffled and across sites it returns the true block") {
    PhiloxBlockCache cache;
    std::vector<uint32_t> order(300);
    std::iota(order.begin(), order.end(), 0u);
    auto check_order = [&](uint64_t s) {
        for (uint32_t index : order) {
            // Three sites drawing in turn, as one kernel with three random calls does.
            CHECK(cache.block(key, s, index, 0, 0) == reference(key, s, index, 0, 0));
            CHECK(cache.block(key, s, index, 0, 128) == reference(key, s, index, 0, 128));
            const RngKey other{.seed = key.seed, .stream = key.stream + 1};
            CHECK(cache.block(other, s, index, 2, 0) == reference(other, s, index, 2, 0));
        }
    };
    check_order(step);
    check_order(step + 1);  // a new step must not reuse the last step's batch
    std::reverse(order.begin(), order.end());
    check_order(step + 2);
    std::shuffle(order.begin(), order.end(), std::mt19937(7));
    check_order(step + 3);
    // A new seed at the same step and site.
    const RngKey reseeded{.seed = key.seed + 1, .stream = key.stream};
    for (uint32_t index = 0; index < 100; ++index) {
        CHECK(cache.block(reseeded, step + 3, index, 0, 0) == reference(reseeded, step + 3, index, 0, 0));
    }
}

TEST_CASE("PhiloxBlockCache: a batch never runs past index 2^32 - 1") {
    PhiloxBlockCache cache;
    for (uint64_t index = 0xFFFF'FF00u; index <= 0xFFFF'FFFFu; ++index) {
        const auto i = static_cast<uint32_t>(index);
        CHECK(cache.block(key, step, i, 0, 0) == reference(key, step, i, 0, 0));
    }
}

TEST_CASE("cached_source: its uniforms are those of a source that computes its own blocks") {
    for (uint32_t lane : {0u, 1u}) {
        for (uint32_t index = 0; index < 200; ++index) {
            auto cached = cached_source(key, step, index, 3, lane);
            detail::UniformSource plain(key, step, index, 3, lane);
            // Past the first block the cached source computes its blocks itself.
            for (int k = 0; k < 6; ++k) CHECK(cached.next_u64() == plain.next_u64());
        }
    }
}
