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
    CHECK(address("nj_rt_binomial") == reinterpret_cast<void*>(&nj_rt_binomial));
    CHECK(address("nj_rt_gamma") == reinterpret_cast<void*>(&nj_rt_gamma));
    CHECK(address("nj_rt_beta") == reinterpret_cast<void*>(&nj_rt_beta));
}

TEST_CASE("rng_symbols: the C functions return what the inline samplers return") {
    for (uint32_t i = 0; i < 50; ++i) {
        CHECK(nj_rt_rand(seed, stream, 10, i, 1) == nj::rt::uniform01(key, 10, i, 1));
        CHECK(nj_rt_randn(seed, stream, 10, i, 1) == nj::rt::standard_normal(key, 10, i, 1));
        CHECK(nj_rt_poisson(25.0, seed, stream, 10, i, 1) ==
              static_cast<double>(nj::rt::poisson(25.0, key, 10, i, 1)));
        CHECK(nj_rt_binomial(100.0, 0.7, seed, stream, 10, i, 1) ==
              static_cast<double>(nj::rt::binomial(100, 0.7, key, 10, i, 1)));
        CHECK(nj_rt_gamma(2.5, seed, stream, 10, i, 1) == nj::rt::gamma(2.5, key, 10, i, 1));
        CHECK(nj_rt_beta(2.0, 0.5, seed, stream, 10, i, 1) ==
              nj::rt::beta(2.0, 0.5, key, 10, i, 1));
    }
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
