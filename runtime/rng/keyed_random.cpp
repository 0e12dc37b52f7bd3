// Keyed random numbers: splitmix64 folds the keys into one 64-bit seed, Philox4x32-10 turns it
// into bits (counter_rng.h), and a Feistel network with splitmix64 rounds permutes indices.
#include "runtime/rng/keyed_random.h"

#include "runtime/rng/counter_rng.h"

#include <bit>
#include <cmath>

namespace nj::rt {

namespace {

uint64_t splitmix64(uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

uint64_t key_hash(int count, const double* keys) {
    uint64_t h = splitmix64(0x6B65796564ull + static_cast<uint64_t>(count));
    for (int k = 0; k < count; ++k) h = splitmix64(h ^ static_cast<uint64_t>(std::llround(keys[k])));
    return h;
}

PhiloxWords keyed_block(int count, const double* keys) {
    return philox_block(key_hash(count, keys), {0x6B657964u, 0, 0, 0});
}

}  // namespace

uint64_t keyed_bits(int count, const double* keys) {
    PhiloxWords w = keyed_block(count, keys);
    return join_words(w[0], w[1]);
}

double keyed_uniform(int count, const double* keys) { return uniform01_from_bits(keyed_bits(count, keys)); }

double keyed_normal(int count, const double* keys) {
    PhiloxWords w = keyed_block(count, keys);
    return box_muller(join_words(w[0], w[1]), join_words(w[2], w[3]));
}

double keyed_permutation(double n, double k, int count, const double* keys) {
    if (!(n >= 1) || !(k >= 0) || !(k < n) || n > 0x1p53) return k;
    auto size = static_cast<uint64_t>(std::ceil(n));
    auto x = static_cast<uint64_t>(k);
    // Smallest even bit count b with 2^b >= size (at least 2), split into two halves.
    int bits = std::max(2, static_cast<int>(std::bit_width(size - 1)));
    bits += bits % 2;
    const int half = bits / 2;
    const uint64_t mask = (uint64_t{1} << half) - 1;
    const uint64_t seed = keyed_bits(count, keys);
    // A bijection on [0, 2^bits); applying it until the value falls below size (cycle walking)
    // restricts it to a bijection on [0, size).
    do {
        uint64_t left = x >> half, right = x & mask;
        for (uint64_t round = 0; round < 6; ++round) {
            uint64_t next = left ^ (splitmix64(seed ^ (round << 56) ^ right) & mask);
            left = right;
            right = next;
        }
        x = left << half | right;
    } while (x >= size);
    return static_cast<double>(x);
}

}  // namespace nj::rt
