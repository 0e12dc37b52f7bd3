// Tests of the spike scan (runtime/network/find_spikes.h) against a plain loop.
#include "runtime/network/find_spikes.h"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

using nj::rt::find_nonzero;

TEST_CASE("find_nonzero: every nonzero flag, in order, for any length and density; -0 is no spike, NaN is") {
    std::mt19937 random(5);
    for (size_t n : {0u, 1u, 15u, 16u, 17u, 31u, 32u, 33u, 64u, 65u, 100u, 4000u}) {
        for (double density : {0.0, 0.01, 0.3, 1.0}) {
            CAPTURE(n);
            CAPTURE(density);
            std::vector<double> flags(n, 0.0);
            std::vector<uint32_t> expected;
            for (size_t i = 0; i < n; ++i) {
                const double u = std::uniform_real_distribution<double>(0, 1)(random);
                if (u < density) flags[i] = u < density / 3 ? std::numeric_limits<double>::quiet_NaN() : 1.0;
                else if (u < 0.5) flags[i] = -0.0;
                if (flags[i] != 0.0) expected.push_back(static_cast<uint32_t>(i));
            }
            std::vector<uint32_t> found = {99};  // cleared first
            find_nonzero(flags.data(), n, found);
            CHECK(found == expected);
        }
    }
}
