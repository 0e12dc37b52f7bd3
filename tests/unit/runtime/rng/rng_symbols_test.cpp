// Tests for the C random-number entry points and their JIT symbol table (rng_symbols.h).
#include "runtime/rng/rng_symbols.h"

#include "runtime/rng/counter_rng.h"

#include <doctest/doctest.h>

#include <cmath>
#include <set>
#include <string>

using nj::rt::RngKey;

namespace {

constexpr uint64_t seed = 2024;
constexpr uint32_t stream = 3;
constexpr RngKey key{.seed = seed, .stream = stream};

void* address(const std::string& name) {
    for (const auto& symbol : nj::rt::rng_runtime_symbols()) {
        if (name == symbol.name) return symbol.address;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("rng_symbols: the table lists each nj_rt_ function once at its own address") {
    std::set<std::string> names;
    for (const auto& symbol : nj::rt::rng_runtime_symbols()) {
        CHECK(std::string(symbol.name).starts_with("nj_rt_"));
        CHECK(symbol.address != nullptr);
        names.insert(symbol.name);
    }
    CHECK(names.size() == nj::rt::rng_runtime_symbols().size());
    CHECK(address("nj_rt_rand") == reinterpret_cast<void*>(&nj_rt_rand));
    CHECK(address("nj_rt_randn") == reinterpret_cast<void*>(&nj_rt_randn));
    CHECK(address("nj_rt_poisson") == reinterpret_cast<void*>(&nj_rt_poisson));
    CHECK(address("nj_rt_poisson_from") == reinterpret_cast<void*>(&nj_rt_poisson_from));
    CHECK(address("nj_rt_binomial") == reinterpret_cast<void*>(&nj_rt_binomial));
    CHECK(address("nj_rt_gamma") == reinterpret_cast<void*>(&nj_rt_gamma));
    CHECK(address("nj_rt_beta") == reinterpret_cast<void*>(&nj_rt_beta));
}

namespace {

// Each C function against its inline sampler at one index, for the shapes whose methods differ.
void check_all_samplers(uint64_t step, uint32_t i) {
    CHECK(nj_rt_rand(seed, stream, step, i, 1) == nj::rt::uniform01(key, step, i, 1));
    CHECK(nj_rt_randn(seed, stream, step, i, 1) == nj::rt::standard_normal(key, step, i, 1));
    for (double mean : {1.5, 25.0}) {
        CHECK(nj_rt_poisson(mean, seed, stream, step, i, 1) ==
              static_cast<double>(nj::rt::poisson(mean, key, step, i, 1)));
    }
    for (double p : {0.01, 0.7}) {
        CHECK(nj_rt_binomial(100.0, p, seed, stream, step, i, 1) ==
              static_cast<double>(nj::rt::binomial(100, p, key, step, i, 1)));
    }
    for (double shape : {0.4, 1.0, 2.5}) {
        CHECK(nj_rt_gamma(shape, seed, stream, step, i, 1) == nj::rt::gamma(shape, key, step, i, 1));
    }
    for (double a : {0.5, 10.0}) {
        CHECK(nj_rt_beta(a, 2.0, seed, stream, step, i, 1) == nj::rt::beta(a, 2.0, key, step, i, 1));
    }
}

}  // namespace

TEST_CASE("rng_symbols: the C functions return what the inline samplers return") {
    // In line (as kernels draw, so the block cache batches), then backwards and strided.
    for (uint32_t i = 0; i < 300; ++i) check_all_samplers(10, i);
    for (uint32_t i = 300; i-- > 0;) check_all_samplers(11, i);
    for (uint32_t i = 0; i < 3000; i += 37) check_all_samplers(12, i);
}

TEST_CASE("rng_symbols: a call through the table address gives the same number") {
    using Uniform = double (*)(uint64_t, uint32_t, uint64_t, uint32_t, uint32_t);
    void* const target = address("nj_rt_rand");
    REQUIRE(target != nullptr);
    const auto rand = reinterpret_cast<Uniform>(target);
    CHECK(rand(seed, stream, 5, 6, 7) == nj_rt_rand(seed, stream, 5, 6, 7));
}

TEST_CASE("rng_symbols: arguments outside a distribution's domain give NaN") {
    CHECK(std::isnan(nj_rt_poisson(-1.0, seed, stream, 0, 0, 0)));
    CHECK(std::isnan(nj_rt_poisson(NAN, seed, stream, 0, 0, 0)));
    CHECK(std::isnan(nj_rt_poisson(INFINITY, seed, stream, 0, 0, 0)));
    CHECK(std::isnan(nj_rt_binomial(2.5, 0.5, seed, stream, 0, 0, 0)));
    CHECK(std::isnan(nj_rt_binomial(-1.0, 0.5, seed, stream, 0, 0, 0)));
    CHECK(std::isnan(nj_rt_binomial(10.0, 1.5, seed, stream, 0, 0, 0)));
    CHECK(std::isnan(nj_rt_binomial(10.0, NAN, seed, stream, 0, 0, 0)));
    CHECK(std::isnan(nj_rt_gamma(0.0, seed, stream, 0, 0, 0)));
    CHECK(std::isnan(nj_rt_beta(1.0, -2.0, seed, stream, 0, 0, 0)));
    CHECK(nj_rt_binomial(10.0, 1.0, seed, stream, 0, 0, 0) == 10.0);
    CHECK(nj_rt_poisson(0.0, seed, stream, 0, 0, 0) == 0.0);
}

TEST_CASE("rng_symbols: nj_rt_poisson_from goes on from the draw's uniform to nj_rt_poisson's count") {
    // p0 as the caller's exp may round it: exact, or a few ulps either way
    int nonzero = 0;
    for (double mean : {1e-3, 0.3, 1.12, 4.0, 9.5, 12.0}) {
        for (uint32_t i = 0; i < 4000; ++i) {
            const double u = nj_rt_rand(seed, stream, 9, i, 2);
            const double expected = nj_rt_poisson(mean, seed, stream, 9, i, 2);
            nonzero += expected > 0;
            for (int ulps : {0, -3, 3}) {
                double p0 = std::exp(-mean);
                for (int k = 0; k < std::abs(ulps); ++k) p0 = std::nextafter(p0, ulps < 0 ? 0.0 : 1.0);
                INFO("mean ", mean, " index ", i, " ulps ", ulps);
                CHECK(nj_rt_poisson_from(mean, p0, u, seed, stream, 9, i, 2) == expected);
            }
        }
    }
    CHECK(nonzero > 10000);
}
