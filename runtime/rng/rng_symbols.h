// C entry points through which JIT-compiled kernels draw random numbers, and their symbol table.
#pragma once

#include <cstdint>
#include <span>

extern "C" {

/// Uniform in [0, 1) for (seed, stream, step, index, draw); see runtime/rng/counter_rng.h.
double nj_rt_rand(uint64_t seed, uint32_t stream, uint64_t step, uint32_t index, uint32_t draw);

/// Standard normal (mean 0, variance 1) for the same counter fields as nj_rt_rand.
double nj_rt_randn(uint64_t seed, uint32_t stream, uint64_t step, uint32_t index, uint32_t draw);

/// Poisson(mean) count as a double; NaN unless mean is finite and >= 0.
double nj_rt_poisson(double mean, uint64_t seed, uint32_t stream, uint64_t step, uint32_t index,
                     uint32_t draw);

/// nj_rt_poisson's count when the caller has already drawn `u`, the draw's first uniform (its
/// rand()), and computed `p0`, exp(-mean) within a relative 1e-13: a compiled kernel that
/// decided the common zero count inline goes on from there without a second Philox block or exp.
/// The result equals nj_rt_poisson's whatever exp the caller used: a step of the inversion that
/// falls within 1e-12 of its bound is decided again with the runtime's own exp.
double nj_rt_poisson_from(double mean, double p0, double u, uint64_t seed, uint32_t stream,
                          uint64_t step, uint32_t index, uint32_t draw);

/// Binomial(n, p) count as a double; NaN unless n is a whole number in [0, 2^53] and
/// 0 <= p <= 1.
double nj_rt_binomial(double n, double p, uint64_t seed, uint32_t stream, uint64_t step,
                      uint32_t index, uint32_t draw);

/// Gamma(shape, scale 1) variate; NaN unless shape is finite and > 0.
double nj_rt_gamma(double shape, uint64_t seed, uint32_t stream, uint64_t step, uint32_t index,
                   uint32_t draw);

/// Beta(a, b) variate in [0, 1]; NaN unless a and b are finite and > 0.
double nj_rt_beta(double a, double b, uint64_t seed, uint32_t stream, uint64_t step,
                  uint32_t index, uint32_t draw);

/// keyed_rand / keyed_randn / keyed_perm of the model language (keyed_random.h): `count` keys
/// k0..k5 are used, the rest are ignored.
double nj_rt_keyed_rand(double count, double k0, double k1, double k2, double k3, double k4, double k5);
double nj_rt_keyed_randn(double count, double k0, double k1, double k2, double k3, double k4, double k5);
double nj_rt_keyed_perm(double n, double k, double count, double k0, double k1, double k2, double k3,
                        double k4);

}  // extern "C"

namespace nj::rt {

/// A runtime function that generated code may call, registered with the JIT as an absolute symbol.
struct RuntimeSymbol {
    const char* name;  ///< the C symbol name, e.g. "nj_rt_rand"
    void* address;     ///< the function's address in this process
};

/// Every nj_rt_ random-number function, in a fixed order.
std::span<const RuntimeSymbol> rng_runtime_symbols();

}  // namespace nj::rt
