// Random numbers as pure functions of integer keys (keyed_rand, keyed_randn, keyed_perm): the same
// keys give the same value in any kernel, at any step, on any thread. Models use them for values
// that must agree between places, e.g. a target drawn per neuron and per run, or a subset chosen
// without replacement.
#pragma once

#include <cstdint>

namespace nj::rt {

/// The most keys one call takes.
inline constexpr int keyed_max_keys = 6;

/// 64 random bits for keys[0..count) (count <= keyed_max_keys). Keys are rounded to integers;
/// (1, 2) and (1, 2, 0) differ because the count is hashed too.
uint64_t keyed_bits(int count, const double* keys);

/// Uniform on [0, 1) for the keys.
double keyed_uniform(int count, const double* keys);

/// Standard normal for the keys (Box–Muller on 128 bits of one Philox block).
double keyed_normal(int count, const double* keys);

/// Position of k in a pseudo-random permutation of 0..n-1 fixed by the keys: a balanced Feistel
/// network on the smallest even number of bits covering n, cycle-walked into [0, n). k outside
/// 0..n-1 (or n < 1) is returned unchanged.
double keyed_permutation(double n, double k, int count, const double* keys);

}  // namespace nj::rt
