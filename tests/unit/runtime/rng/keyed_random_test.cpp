// Tests for keyed random numbers (keyed_random.h): pure functions of their keys, uniform and
// normal moments within sampling error, and keyed permutations that are bijections.
#include "runtime/rng/keyed_random.h"

#include <doctest/doctest.h>

#include <cmath>
#include <set>
#include <vector>

using nj::rt::keyed_normal;
using nj::rt::keyed_permutation;
using nj::rt::keyed_uniform;

TEST_CASE("keyed_rand: the same keys give the same number; other keys or key counts another") {
    const double a[] = {7, 3, 12};
    const double b[] = {7, 3, 13};
    const double c[] = {7, 3, 12, 0};
    CHECK(keyed_uniform(3, a) == keyed_uniform(3, a));
    CHECK(keyed_uniform(3, a) != keyed_uniform(3, b));
    CHECK(keyed_uniform(3, a) != keyed_uniform(4, c));  // the count is part of the key
    const double negative[] = {-1};
    const double positive[] = {1};
    CHECK(keyed_uniform(1, negative) != keyed_uniform(1, positive));
}

TEST_CASE("keyed_rand and keyed_randn: moments over 20000 keys within 5 standard errors") {
    const int n = 20000;
    double sum_u = 0, sum_x = 0, sum_x2 = 0;
    for (int k = 0; k < n; ++k) {
        const double keys[] = {42, static_cast<double>(k)};
        double u = keyed_uniform(2, keys);
        REQUIRE(u >= 0.0);
        REQUIRE(u < 1.0);
        sum_u += u;
        double x = keyed_normal(2, keys);
        sum_x += x;
        sum_x2 += x * x;
    }
    // SE of a uniform mean: sqrt(1/12/n); of a normal mean: 1/sqrt(n); of its variance: sqrt(2/n)
    CHECK(std::abs(sum_u / n - 0.5) < 5 * std::sqrt(1.0 / 12 / n));
    CHECK(std::abs(sum_x / n) < 5 / std::sqrt(n));
    CHECK(std::abs(sum_x2 / n - 1) < 5 * std::sqrt(2.0 / n));
}

TEST_CASE("keyed_perm: a bijection of 0..n-1 for every n, so '< m' picks exactly m") {
    const double keys[] = {256, 1};
    for (double n : {1.0, 2.0, 3.0, 5.0, 16.0, 17.0, 100.0, 1000.0, 4099.0}) {
        std::set<double> seen;
        int below = 0;
        for (double k = 0; k < n; ++k) {
            double p = keyed_permutation(n, k, 2, keys);
            REQUIRE(p >= 0);
            REQUIRE(p < n);
            REQUIRE(p == std::floor(p));
            seen.insert(p);
            below += p < std::floor(n / 3) ? 1 : 0;
        }
        CHECK(seen.size() == static_cast<size_t>(n));
        CHECK(below == static_cast<int>(std::floor(n / 3)));
    }
}

TEST_CASE("keyed_perm: keys change the permutation; indices outside 0..n-1 are returned unchanged") {
    const double one[] = {1};
    const double two[] = {2};
    int same = 0;
    for (double k = 0; k < 1000; ++k) same += keyed_permutation(1000, k, 1, one) == keyed_permutation(1000, k, 1, two);
    CHECK(same < 20);  // two independent permutations share about 1 fixed position
    CHECK(keyed_permutation(10, -1, 1, one) == -1);
    CHECK(keyed_permutation(10, 10, 1, one) == 10);
    CHECK(keyed_permutation(0, 0, 1, one) == 0);
}

TEST_CASE("keyed_perm: each position is equally likely over many keys (chi-square, 8 positions)") {
    const int n = 8, trials = 8000;
    std::vector<int> count(n, 0);
    for (int t = 0; t < trials; ++t) {
        const double keys[] = {static_cast<double>(t)};
        count[static_cast<size_t>(keyed_permutation(n, 3, 1, keys))]++;
    }
    double chi2 = 0, expected = static_cast<double>(trials) / n;
    for (int c : count) chi2 += (c - expected) * (c - expected) / expected;
    CHECK(chi2 < 24.3);  // 99.9th percentile of chi-square with 7 degrees of freedom
}
