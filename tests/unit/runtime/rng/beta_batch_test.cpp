// Tests for batched Beta variates (beta_batch.h): every value must be the scalar sampler's value
// of its draw, bit for bit, whatever the batch, the call order and the path that decided it.
#include "runtime/rng/beta_batch.h"

#include "runtime/rng/philox_batch.h"

#include <doctest/doctest.h>

#include <cstring>
#include <vector>

using namespace nj::rt;

namespace {

constexpr RngKey key{.seed = 0x5EED'0000'0000'0101ull, .stream = 9};
constexpr uint64_t step = (uint64_t{1} << 33) + 5;

/// The scalar Beta of one draw, as nj_rt_beta drew it before batching.
double scalar_beta(double a, double b, uint64_t s, uint32_t index, uint32_t draw) {
    detail::UniformSource x(key, s, index, draw, 0);
    detail::UniformSource y(key, s, index, draw, 1);
    return detail::beta_variate(a, b, x, y);
}

bool same_bits(double x, double y) { return std::memcmp(&x, &y, sizeof x) == 0; }

}  // namespace

TEST_CASE("beta_batch: equals the scalar sampler bit for bit, lane paths and scalar tails alike") {
    // Shapes near 1 leave the common path more often (v <= 0, the squeeze), so every lane of a
    // vector meets the scalar fall-back many times over 3000 draws.
    const double shapes[][2] = {{10, 10}, {1, 1}, {1.2, 7.5}, {40, 2}};
    for (const auto& shape : shapes) {
        for (uint32_t count : {1u, 3u, 4u, 7u, 64u, 3000u}) {
            CAPTURE(shape[0]);
            CAPTURE(shape[1]);
            CAPTURE(count);
            const uint32_t first = 17 + count;
            std::vector<double> out(count);
            beta_batch(key, step, 3, shape[0], shape[1], first, count, out.data());
            int differing = 0;
            for (uint32_t l = 0; l < count; ++l) differing += !same_bits(out[l], scalar_beta(shape[0], shape[1], step, first + l, 3));
            CHECK(differing == 0);
        }
    }
}

TEST_CASE("beta_batch: Beta(1, 1) leaves the common path often enough for the test above to reach the fall-back") {
    // The common path of one Gamma from its first block: a point inside its ziggurat strip, then
    // v = 1 + c x > 0 and the squeeze. Count the first 400 X draws that fail any of the three.
    const ZigguratTables& z = ziggurat_tables();
    const detail::MarsagliaTsang m = detail::MarsagliaTsang::for_shape(1.0);
    int left_common_path = 0;
    for (uint32_t index = 0; index < 400; ++index) {
        const PhiloxWords block = philox_block(key.seed, pack_counter(key.stream, step, index, 3, 0));
        const uint64_t bits = join_words(block[0], block[1]);
        const int strip = static_cast<int>(bits & 0xFFu);
        const double magnitude = uniform01_from_bits(bits) * z.x[strip];
        const double x = (bits >> 8) & 1u ? -magnitude : magnitude;
        const double v = 1.0 + m.c * x;
        const double u = open_uniform01_from_bits(join_words(block[2], block[3]));
        const bool common = magnitude < z.x[strip + 1] && v > 0.0 && u < 1.0 - 0.0331 * x * x * x * x;
        left_common_path += !common;
    }
    CHECK(left_common_path >= 4);
}

TEST_CASE("BetaBatchCache: in-line, scattered and repeated indices, interleaved sites, give the scalar values") {
    BetaBatchCache cache;
    std::vector<uint32_t> order;
    for (uint32_t i = 0; i < 300; ++i) order.push_back(i);        // in line: batches grow to 64
    for (uint32_t i = 0; i < 50; ++i) order.push_back(1000 + 37 * i);  // scattered
    for (uint32_t i = 290; i < 300; ++i) order.push_back(i);      // back to a cached range
    for (uint32_t index : order) {
        CAPTURE(index);
        CHECK(same_bits(cache.value(key, step, index, 2, 10, 10), scalar_beta(10, 10, step, index, 2)));
        // another site (draw and shapes) in between must not disturb the first one's batch
        CHECK(same_bits(cache.value(key, step, index, 5, 2, 3), scalar_beta(2, 3, step, index, 5)));
    }
    // a new step or new shapes at a cached index are new draws, not cached values
    CHECK(same_bits(cache.value(key, step + 1, 299, 2, 10, 10), scalar_beta(10, 10, step + 1, 299, 2)));
    CHECK(same_bits(cache.value(key, step + 1, 299, 2, 10, 11), scalar_beta(10, 11, step + 1, 299, 2)));
}
