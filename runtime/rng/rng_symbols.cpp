// C entry points through which JIT-compiled kernels draw random numbers, and their symbol table.
#include "runtime/rng/rng_symbols.h"

#include "runtime/rng/beta_batch.h"
#include "runtime/rng/counter_rng.h"
#include "runtime/rng/keyed_random.h"
#include "runtime/rng/philox_batch.h"
#include "runtime/rng/recent_results.h"

#include <cmath>
#include <limits>

namespace {

constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();

nj::rt::RngKey make_key(uint64_t seed, uint32_t stream) {
    return nj::rt::RngKey{.seed = seed, .stream = stream};
}

/// Marsaglia–Tsang's constants for the last shape asked for: kernels draw with one shape for
/// every element, so the square root and division are made once per shape.
class ShapeConstants {
public:
    const nj::rt::detail::MarsagliaTsang& of(double shape) {
        if (shape != shape_) {
            shape_ = shape;
            constants_ = nj::rt::detail::MarsagliaTsang::for_shape(shape);
        }
        return constants_;
    }

private:
    double shape_ = not_a_number;  // none yet: never equal to a shape
    nj::rt::detail::MarsagliaTsang constants_;
};

}  // namespace

extern "C" {

// Kernels draw for index 0, 1, 2, ... in turn: each sampler takes its first block from the
// thread's PhiloxBlockCache, which computes those blocks in batches (philox_batch.h), and beta
// (a, b >= 1) takes whole variates from the thread's BetaBatchCache (beta_batch.h). The values
// are the ones counter_rng.h's functions give.

double nj_rt_rand(uint64_t seed, uint32_t stream, uint64_t step, uint32_t index, uint32_t draw) {
    return nj::rt::cached_source(make_key(seed, stream), step, index, draw, 0).next_uniform();
}

double nj_rt_randn(uint64_t seed, uint32_t stream, uint64_t step, uint32_t index, uint32_t draw) {
    auto source = nj::rt::cached_source(make_key(seed, stream), step, index, draw, 0);
    return nj::rt::ziggurat_normal(source);
}

double nj_rt_poisson(double mean, uint64_t seed, uint32_t stream, uint64_t step, uint32_t index,
                     uint32_t draw) {
    if (!(mean >= 0.0) || !std::isfinite(mean)) return not_a_number;
    if (mean == 0.0) return 0.0;
    // A Poisson input draws with one mean for every neuron and step: exp(-mean) once per mean.
    thread_local double last_mean = -1.0, last_exp = 0.0;
    if (mean != last_mean && mean < 10.0) {
        last_mean = mean;
        last_exp = std::exp(-mean);
    }
    auto source = nj::rt::cached_source(make_key(seed, stream), step, index, draw, 0);
    return static_cast<double>(nj::rt::detail::poisson_variate(mean, last_exp, source));
}

double nj_rt_poisson_from(double mean, double p0, double u, uint64_t seed, uint32_t stream,
                          uint64_t step, uint32_t index, uint32_t draw) {
    // Inversion (counter_rng.h's poisson_inversion) from the caller's u and p0. A p0 a few ulps
    // off moves each bound by far less than 1e-12, so a decision further away is the same.
    constexpr double rounding_band = 1e-12;
    if (mean >= 0.0 && mean < 10.0 && p0 > 0.0) {
        double p = p0;
        for (uint64_t k = 0; p > 0.0; ++k) {
            const double margin = u - p;
            if (std::fabs(margin) <= rounding_band) break;
            if (margin < 0.0) return static_cast<double>(k);
            u = margin;
            p *= mean / static_cast<double>(k + 1);
        }
    }
    return nj_rt_poisson(mean, seed, stream, step, index, draw);
}

double nj_rt_binomial(double n, double p, uint64_t seed, uint32_t stream, uint64_t step,
                      uint32_t index, uint32_t draw) {
    // Whole n up to 2^53 keeps every count exact as a double.
    const bool n_ok = n >= 0.0 && n <= 0x1p53 && std::floor(n) == n;
    if (!n_ok || !(p >= 0.0 && p <= 1.0)) return not_a_number;
    if (n == 0.0 || p == 0.0) return 0.0;
    if (p == 1.0) return n;
    auto source = nj::rt::cached_source(make_key(seed, stream), step, index, draw, 0);
    return static_cast<double>(
        nj::rt::detail::binomial_variate(static_cast<uint64_t>(n), p, source));
}

double nj_rt_gamma(double shape, uint64_t seed, uint32_t stream, uint64_t step, uint32_t index,
                   uint32_t draw) {
    if (!(shape > 0.0) || !std::isfinite(shape)) return not_a_number;
    auto source = nj::rt::cached_source(make_key(seed, stream), step, index, draw, 0);
    if (shape < 1.0) return nj::rt::detail::gamma_variate(shape, source);
    thread_local ShapeConstants constants;
    return nj::rt::detail::gamma_marsaglia_tsang(constants.of(shape), source);
}

double nj_rt_beta(double a, double b, uint64_t seed, uint32_t stream, uint64_t step,
                  uint32_t index, uint32_t draw) {
    const bool valid = a > 0.0 && b > 0.0 && std::isfinite(a) && std::isfinite(b);
    if (!valid) return not_a_number;
    const nj::rt::RngKey key = make_key(seed, stream);
    if (a >= 1.0 && b >= 1.0) {
        thread_local nj::rt::BetaBatchCache cache;
        return cache.value(key, step, index, draw, a, b);
    }
    auto source_x = nj::rt::cached_source(key, step, index, draw, 0);
    auto source_y = nj::rt::cached_source(key, step, index, draw, 1);
    return nj::rt::detail::beta_variate(a, b, source_x, source_y);
}

// keyed_rand and keyed_randn are pure too, and models often call them with the same arguments
// for many steps (a data table drawn by keyed_rand(seed, row, col) and shown for a while).
double nj_rt_keyed_rand(double count, double k0, double k1, double k2, double k3, double k4, double k5) {
    thread_local nj::rt::RecentResults<7> recent;
    const std::array<double, 7> args = {count, k0, k1, k2, k3, k4, k5};
    if (auto hit = recent.lookup(args)) return *hit;
    const double keys[] = {k0, k1, k2, k3, k4, k5};
    double result = nj::rt::keyed_uniform(static_cast<int>(count), keys);
    recent.store(args, result);
    return result;
}

double nj_rt_keyed_randn(double count, double k0, double k1, double k2, double k3, double k4, double k5) {
    thread_local nj::rt::RecentResults<7> recent;
    const std::array<double, 7> args = {count, k0, k1, k2, k3, k4, k5};
    if (auto hit = recent.lookup(args)) return *hit;
    const double keys[] = {k0, k1, k2, k3, k4, k5};
    double result = nj::rt::keyed_normal(static_cast<int>(count), keys);
    recent.store(args, result);
    return result;
}

double nj_rt_keyed_perm(double n, double k, double count, double k0, double k1, double k2, double k3,
                        double k4) {
    // repeated for many steps with the same arguments (recent_results.h)
    thread_local nj::rt::RecentResults<8> recent;
    const std::array<double, 8> args = {n, k, count, k0, k1, k2, k3, k4};
    if (auto hit = recent.lookup(args)) return *hit;
    const double keys[] = {k0, k1, k2, k3, k4};
    double result = nj::rt::keyed_permutation(n, k, static_cast<int>(count), keys);
    recent.store(args, result);
    return result;
}

}  // extern "C"

namespace nj::rt {

namespace {

// Function-to-object pointer casts are conditionally supported; every platform the JIT targets
// (POSIX, ELF/Mach-O) supports them.
template <typename Function>
void* address_of(Function* function) {
    return reinterpret_cast<void*>(function);
}

}  // namespace

std::span<const RuntimeSymbol> rng_runtime_symbols() {
    static const RuntimeSymbol table[] = {
        {"nj_rt_rand", address_of(&nj_rt_rand)},
        {"nj_rt_randn", address_of(&nj_rt_randn)},
        {"nj_rt_poisson", address_of(&nj_rt_poisson)},
        {"nj_rt_poisson_from", address_of(&nj_rt_poisson_from)},
        {"nj_rt_binomial", address_of(&nj_rt_binomial)},
        {"nj_rt_gamma", address_of(&nj_rt_gamma)},
        {"nj_rt_beta", address_of(&nj_rt_beta)},
        {"nj_rt_keyed_rand", address_of(&nj_rt_keyed_rand)},
        {"nj_rt_keyed_randn", address_of(&nj_rt_keyed_randn)},
        {"nj_rt_keyed_perm", address_of(&nj_rt_keyed_perm)},
    };
    return table;
}

}  // namespace nj::rt
