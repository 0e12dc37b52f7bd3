// The per-thread memo of the keyed random functions (recent_results.h): exact hits only.
#include "runtime/rng/recent_results.h"
#include "runtime/rng/keyed_random.h"
#include "runtime/rng/rng_symbols.h"

#include <doctest/doctest.h>

#include <cmath>

using nj::rt::RecentResults;

TEST_CASE("recent_results: a stored result comes back only for bitwise-equal arguments") {
    RecentResults<3> recent;
    CHECK_FALSE(recent.lookup({1, 2, 3}).has_value());
    recent.store({1, 2, 3}, 42);
    REQUIRE(recent.lookup({1, 2, 3}).has_value());
    CHECK(*recent.lookup({1, 2, 3}) == 42);
    CHECK_FALSE(recent.lookup({1, 2, 4}).has_value());
    CHECK_FALSE(recent.lookup({1, 2, std::nextafter(3.0, 4.0)}).has_value());
    CHECK_FALSE(recent.lookup({-0.0, 2, 3}).has_value());  // -0 and 0 are different arguments
}

TEST_CASE("recent_results: keyed_perm gives the uncached value, in any order of calls") {
    // a permutation of 0..99 asked in a scrambled order, twice: every answer equals the direct
    // computation, so cache hits and replaced entries never return another argument's result
    for (int pass = 0; pass < 2; ++pass) {
        for (int m = 0; m < 100; ++m) {
            double k = (m * 37) % 100;
            const double keys[] = {7, 3, 0, 0, 0}, other[] = {7, 4, 0, 0, 0};
            CHECK(nj_rt_keyed_perm(100, k, 2, 7, 3, 0, 0, 0) == nj::rt::keyed_permutation(100, k, 2, keys));
            CHECK(nj_rt_keyed_perm(100, k, 2, 7, 4, 0, 0, 0) == nj::rt::keyed_permutation(100, k, 2, other));
        }
    }
}

TEST_CASE("recent_results: 32 argument lists used in turn all stay stored") {
    // a data table read at 4 columns by 8 groups each step: after one round, every call hits
    RecentResults<3> recent;
    for (int row = 0; row < 8; ++row)
        for (int col = 0; col < 4; ++col) recent.store({123055, double(row), double(col)}, row * 10 + col);
    for (int row = 0; row < 8; ++row) {
        for (int col = 0; col < 4; ++col) {
            auto hit = recent.lookup({123055, double(row), double(col)});
            REQUIRE(hit.has_value());
            CHECK(*hit == row * 10 + col);
        }
    }
}

TEST_CASE("recent_results: keyed_rand and keyed_randn give the uncached values") {
    for (int pass = 0; pass < 2; ++pass) {
        for (int row = 0; row < 300; ++row) {
            const double keys[] = {5, double(row), 1, 0, 0, 0};
            CHECK(nj_rt_keyed_rand(3, 5, row, 1, 0, 0, 0) == nj::rt::keyed_uniform(3, keys));
            CHECK(nj_rt_keyed_randn(3, 5, row, 1, 0, 0, 0) == nj::rt::keyed_normal(3, keys));
        }
    }
}
