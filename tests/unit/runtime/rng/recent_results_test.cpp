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
