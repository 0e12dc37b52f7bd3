// Tests for the counter-based generator and its samplers (runtime/rng/counter_rng.h).
#include "runtime/rng/counter_rng.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <set>
#include <unordered_set>
#include <utility>
#include <vector>

using namespace nj::rt;

namespace {

constexpr RngKey test_key{.seed = 0x0123456789ABCDEFull, .stream = 7};

// Every statistical check below allows 5 standard deviations of the sampling distribution, a
// two-sided false-alarm chance of 6e-7 per check; seeds are fixed, so a pass is reproducible.
constexpr double sigmas = 5.0;

struct Moments {
    double mean = 0.0;
    double variance = 0.0;
};

// Sample i is drawn at step i / 65536 and index i % 65536, so samples cover both fields.
Moments sample_moments(int n, const std::function<double(uint64_t, uint32_t)>& draw) {
    double mean = 0.0, m2 = 0.0;
    for (int i = 0; i < n; ++i) {
        const double x = draw(static_cast<uint64_t>(i) >> 16, static_cast<uint32_t>(i & 0xFFFF));
        const double delta = x - mean;
        mean += delta / (i + 1);
        m2 += delta * (x - mean);
    }
    return {mean, m2 / (n - 1)};
}

// The sample mean has sd sqrt(var/n); the sample variance has sd sqrt((mu4 - var^2)/n), where
// mu4 is the fourth central moment of the distribution.
void check_moments(const Moments& m, int n, double mean, double variance, double mu4) {
    CHECK(std::fabs(m.mean - mean) < sigmas * std::sqrt(variance / n));
    CHECK(std::fabs(m.variance - variance) < sigmas * std::sqrt((mu4 - variance * variance) / n));
}

// Upper 1e-6 quantile of chi-square(df) by Wilson–Hilferty (z = 4.753); its error is well below
// the spread of the statistic for the df >= 8 used here.
double chi_square_limit(int df) {
    const double h = 2.0 / (9.0 * df);
    return df * std::pow(1.0 - h + 4.753 * std::sqrt(h), 3.0);
}

struct ChiSquare {
    double statistic;
    int df;
};

// Pearson chi-square of integer samples against pmf(k); cells merge until each expects >= 5
// counts, and the last cell takes the upper tail.
ChiSquare chi_square(const std::vector<uint64_t>& samples,
                                  const std::function<double(uint64_t)>& pmf) {
    const uint64_t top = *std::max_element(samples.begin(), samples.end());
    std::vector<double> counts(top + 1, 0.0);
    for (uint64_t k : samples) counts[k] += 1.0;
    const double n = static_cast<double>(samples.size());
    std::vector<std::pair<double, double>> cells;  // (observed, expected)
    double observed = 0.0, expected = 0.0, covered = 0.0;
    for (uint64_t k = 0; k <= top; ++k) {
        observed += counts[k];
        expected += n * pmf(k);
        covered += pmf(k);
        if (expected >= 5.0 && n * (1.0 - covered) >= 5.0) {
            cells.emplace_back(observed, expected);
            observed = expected = 0.0;
        }
    }
    cells.emplace_back(observed, expected + n * std::max(0.0, 1.0 - covered));
    double statistic = 0.0;
    for (const auto& [o, e] : cells) statistic += (o - e) * (o - e) / e;
    return {statistic, static_cast<int>(cells.size()) - 1};
}

double poisson_pmf(double mean, uint64_t k) {
    const double kd = static_cast<double>(k);
    return std::exp(kd * std::log(mean) - mean - std::lgamma(kd + 1.0));
}

struct BinomialCase {
    uint64_t trials;
    double p;
};

double binomial_pmf(double n, double p, uint64_t k) {
    const double kd = static_cast<double>(k);
    return std::exp(std::lgamma(n + 1.0) - std::lgamma(kd + 1.0) - std::lgamma(n - kd + 1.0) +
                    kd * std::log(p) + (n - kd) * std::log1p(-p));
}

}  // namespace

TEST_CASE("counter_rng: philox_block matches the Random123 known-answer vectors") {
    // Philox4x32-10 vectors from Random123's kat_vectors file.
    CHECK(philox_block(0, {0, 0, 0, 0}) ==
          PhiloxWords{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
    CHECK(philox_block(~uint64_t{0}, {~0u, ~0u, ~0u, ~0u}) ==
          PhiloxWords{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd});
    CHECK(philox_block(0x299f31d0a4093822ull, {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}) ==
          PhiloxWords{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1});
}

TEST_CASE("counter_rng: pack_counter is injective up to the documented field limits") {
    const uint64_t steps[] = {0, 1, (uint64_t{1} << 32) - 1, uint64_t{1} << 32, rng_step_limit - 1};
    const uint32_t indices[] = {0, 1, 0xFFFFFFFFu};
    const uint32_t streams[] = {0, 1, 0xFFFFFFFFu};
    const uint32_t draws[] = {0, 1, 255, 256, rng_draw_limit - 1};
    const uint32_t blocks[] = {0, 1, 127, 128, rng_block_limit - 1};
    std::set<PhiloxWords> seen;
    size_t tuples = 0;
    for (uint64_t step : steps)
        for (uint32_t index : indices)
            for (uint32_t stream : streams)
                for (uint32_t draw : draws)
                    for (uint32_t block : blocks) {
                        seen.insert(pack_counter(stream, step, index, draw, block));
                        ++tuples;
                    }
    CHECK(seen.size() == tuples);
}

TEST_CASE("counter_rng: the same key and counter give the same value every time") {
    CHECK(random_u64(test_key, 12, 34, 5) == random_u64(test_key, 12, 34, 5));
    CHECK(uniform01(test_key, 12, 34, 5) == uniform01(test_key, 12, 34, 5));
    CHECK(standard_normal(test_key, 12, 34, 5) == standard_normal(test_key, 12, 34, 5));
    CHECK(poisson(50.0, test_key, 12, 34, 5) == poisson(50.0, test_key, 12, 34, 5));
    CHECK(binomial(1000, 0.3, test_key, 12, 34, 5) == binomial(1000, 0.3, test_key, 12, 34, 5));
    CHECK(gamma(0.5, test_key, 12, 34, 5) == gamma(0.5, test_key, 12, 34, 5));
    CHECK(beta(2.0, 3.0, test_key, 12, 34, 5) == beta(2.0, 3.0, test_key, 12, 34, 5));
    // The first uniform a sampler consumes is the one uniform01 gives for the same draw.
    detail::UniformSource source(test_key, 12, 34, 5, 0);
    CHECK(source.next_u64() == random_u64(test_key, 12, 34, 5));
}

TEST_CASE("counter_rng: changing seed, stream, step, index or draw changes the value") {
    const uint64_t base = random_u64(test_key, 100, 200, 3);
    CHECK(random_u64({test_key.seed ^ (uint64_t{1} << 40), test_key.stream}, 100, 200, 3) != base);
    CHECK(random_u64({test_key.seed, test_key.stream + 1}, 100, 200, 3) != base);
    CHECK(random_u64(test_key, 100 + (uint64_t{1} << 32), 200, 3) != base);
    CHECK(random_u64(test_key, 100, 201, 3) != base);
    CHECK(random_u64(test_key, 100, 200, 4) != base);

    // 10^5 counters over all five fields; 64-bit values collide by chance with probability
    // 10^10 / 2^65 = 3e-10, so any repeat means two counters share a Philox block.
    const uint64_t seeds[] = {0, 1, 2, uint64_t{1} << 32, ~uint64_t{0}, 42, 43, 1u << 31, 99, 7};
    const uint64_t steps[] = {0, 1, 2, 3, uint64_t{1} << 32, (uint64_t{1} << 32) + 1,
                              rng_step_limit - 1, 1000, 65536, 123456789};
    std::unordered_set<uint64_t> values;
    for (uint64_t seed : seeds)
        for (uint32_t stream = 0; stream < 10; ++stream)
            for (uint64_t step : steps)
                for (uint32_t index = 0; index < 10; ++index)
                    for (uint32_t draw = 0; draw < 10; ++draw)
                        values.insert(random_u64({seed, stream}, step, index * 65537u, draw));
    CHECK(values.size() == 100000);
}

TEST_CASE("counter_rng: uniform01 stays in [0, 1) even for the largest bit pattern") {
    CHECK(uniform01_from_bits(~uint64_t{0}) < 1.0);
    CHECK(uniform01_from_bits(~uint64_t{0}) == 1.0 - 0x1p-53);
    CHECK(uniform01_from_bits(0) == 0.0);
    CHECK(open_uniform01_from_bits(0) > 0.0);
    CHECK(open_uniform01_from_bits(~uint64_t{0}) == 1.0);
    double lowest = 1.0, highest = 0.0;
    for (uint32_t i = 0; i < 100000; ++i) {
        const double u = uniform01(test_key, 0, i, 0);
        lowest = std::min(lowest, u);
        highest = std::max(highest, u);
    }
    CHECK(lowest >= 0.0);
    CHECK(highest < 1.0);
}

TEST_CASE("counter_rng: uniform01 has the moments of U(0, 1) and neighbours are uncorrelated") {
    // U(0,1): variance 1/12, fourth central moment 1/80.
    const int n = 1000000;
    const auto m = sample_moments(n, [](uint64_t step, uint32_t index) {
        return uniform01(test_key, step, index, 0);
    });
    check_moments(m, n, 0.5, 1.0 / 12.0, 1.0 / 80.0);

    // For independent uniforms the sample correlation has sd 1/sqrt(n).
    const int pairs = 200000;
    double next_draw = 0.0, next_index = 0.0;
    for (uint32_t i = 0; i < pairs; ++i) {
        const double u = uniform01(test_key, 3, i, 0) - 0.5;
        next_draw += u * (uniform01(test_key, 3, i, 1) - 0.5);
        next_index += u * (uniform01(test_key, 3, i + 1, 0) - 0.5);
    }
    const double limit = sigmas / std::sqrt(static_cast<double>(pairs));
    CHECK(std::fabs(next_draw / pairs * 12.0) < limit);
    CHECK(std::fabs(next_index / pairs * 12.0) < limit);
}

TEST_CASE("counter_rng: standard_normal has mean 0 and variance 1") {
    // N(0,1): fourth central moment 3.
    const int n = 1000000;
    const auto m = sample_moments(n, [](uint64_t step, uint32_t index) {
        return standard_normal(test_key, step, index, 1);
    });
    check_moments(m, n, 0.0, 1.0, 3.0);
}

TEST_CASE("counter_rng: standard_normal passes a Kolmogorov-Smirnov test against the exact CDF") {
    const int n = 100000;
    std::vector<double> xs(n);
    for (int i = 0; i < n; ++i) xs[i] = standard_normal(test_key, 9, static_cast<uint32_t>(i), 2);
    std::sort(xs.begin(), xs.end());
    double distance = 0.0;
    for (int i = 0; i < n; ++i) {
        const double cdf = 0.5 * std::erfc(-xs[i] / std::sqrt(2.0));
        distance = std::max({distance, cdf - static_cast<double>(i) / n,
                             static_cast<double>(i + 1) / n - cdf});
    }
    // P(sqrt(n) D > x) ~ 2 exp(-2 x^2), which is 1e-6 at x = 2.69.
    CHECK(std::sqrt(static_cast<double>(n)) * distance < 2.69);
}

TEST_CASE("counter_rng: standard_normal's ziggurat has the exact tail and wedge probabilities") {
    // The ziggurat's rare paths: the tail beyond r = 3.654 (strip 0) and the wedges near the
    // strip edges. Count the variates in bins whose probabilities come from the exact CDF:
    // beyond 3.654 (p = 2.58e-4), beyond 4.5 (6.8e-6), and 40 equal bins on [-4, 4]; a
    // chi-square over the bins and binomial 5-sigma checks on the tails.
    const int n = 4000000;
    const double r = 3.6541528853610088;
    auto tail = [](double x) { return std::erfc(x / std::sqrt(2.0)); };  // P(|Z| > x)
    auto cdf = [](double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); };
    std::vector<double> counts(40, 0.0);
    double beyond_r = 0, beyond_far = 0;
    for (int i = 0; i < n; ++i) {
        const double z = standard_normal(test_key, 11, static_cast<uint32_t>(i), 3);
        if (std::fabs(z) > r) ++beyond_r;
        if (std::fabs(z) > 4.5) ++beyond_far;
        if (z >= -4.0 && z < 4.0) counts[static_cast<size_t>((z + 4.0) / 0.2)] += 1;
    }
    for (auto [observed, p] : {std::pair{beyond_r, tail(r)}, std::pair{beyond_far, tail(4.5)}}) {
        const double expected = n * p;
        CAPTURE(observed);
        CAPTURE(expected);
        CHECK(std::fabs(observed - expected) < 5.0 * std::sqrt(expected) + 1.0);
    }
    double chi2 = 0.0;
    for (size_t b = 0; b < counts.size(); ++b) {
        const double lo = -4.0 + 0.2 * static_cast<double>(b);
        const double expected = n * (cdf(lo + 0.2) - cdf(lo));
        chi2 += (counts[b] - expected) * (counts[b] - expected) / expected;
    }
    // 39 degrees of freedom: P(chi2 > 85) is about 3e-5
    CHECK(chi2 < 85.0);
}

TEST_CASE("counter_rng: poisson matches mean and variance on both sides of the method switch") {
    // Poisson(mu): variance mu, fourth central moment mu + 3 mu^2.
    const int n = 200000;
    for (double mean : {0.1, 3.0, 9.9, 10.0, 50.0, 1000.0}) {
        CAPTURE(mean);
        const auto m = sample_moments(n, [mean](uint64_t step, uint32_t index) {
            return static_cast<double>(poisson(mean, test_key, step, index, 0));
        });
        check_moments(m, n, mean, mean, mean + 3.0 * mean * mean);
    }
    CHECK(poisson(0.0, test_key, 0, 0, 0) == 0);
}

TEST_CASE("counter_rng: poisson passes a chi-square goodness of fit for means 3 and 50") {
    const int n = 200000;
    for (double mean : {3.0, 50.0}) {
        CAPTURE(mean);
        std::vector<uint64_t> samples(n);
        for (int i = 0; i < n; ++i) samples[i] = poisson(mean, test_key, 4, uint32_t(i), 1);
        const ChiSquare fit = chi_square(samples, [mean](uint64_t k) {
            return poisson_pmf(mean, k);
        });
        CAPTURE(fit.df);
        CHECK(fit.statistic < chi_square_limit(fit.df));
    }
}

TEST_CASE("counter_rng: binomial matches mean and variance for inversion and BTRS cases") {
    // Binomial(N, p): variance Npq, fourth central moment Npq (1 + 3 pq (N - 2)).
    const int n = 200000;
    const BinomialCase cases[] = {{10, 0.3}, {1000, 0.02}, {1000, 0.5}, {40, 0.9}};
    for (const BinomialCase& c : cases) {
        CAPTURE(c.trials);
        CAPTURE(c.p);
        const double nd = static_cast<double>(c.trials), p = c.p, pq = p * (1.0 - p);
        const auto m = sample_moments(n, [&c](uint64_t step, uint32_t index) {
            return static_cast<double>(binomial(c.trials, c.p, test_key, step, index, 0));
        });
        check_moments(m, n, nd * p, nd * pq, nd * pq * (1.0 + 3.0 * pq * (nd - 2.0)));
    }
}

TEST_CASE("counter_rng: binomial passes a chi-square goodness of fit for both methods") {
    const int n = 200000;
    const BinomialCase cases[] = {{10, 0.3}, {1000, 0.5}};
    for (const BinomialCase& c : cases) {
        CAPTURE(c.trials);
        std::vector<uint64_t> samples(n);
        for (int i = 0; i < n; ++i) {
            samples[i] = binomial(c.trials, c.p, test_key, 5, static_cast<uint32_t>(i), 0);
        }
        const ChiSquare fit = chi_square(samples, [&c](uint64_t k) {
            return binomial_pmf(static_cast<double>(c.trials), c.p, k);
        });
        CAPTURE(fit.df);
        CHECK(fit.statistic < chi_square_limit(fit.df));
    }
}

TEST_CASE("counter_rng: binomial with p = 0, p = 1 or n = 0 is certain") {
    for (uint32_t i = 0; i < 100; ++i) {
        CHECK(binomial(1000, 0.0, test_key, 0, i, 0) == 0);
        CHECK(binomial(1000, 1.0, test_key, 0, i, 0) == 1000);
        CHECK(binomial(0, 0.5, test_key, 0, i, 0) == 0);
    }
}

TEST_CASE("counter_rng: gamma with shapes 0.5, 1 and 10 has mean and variance equal to shape") {
    // Gamma(k, 1): variance k, fourth central moment 3k^2 + 6k.
    const int n = 200000;
    for (double shape : {0.5, 1.0, 10.0}) {
        CAPTURE(shape);
        const auto m = sample_moments(n, [shape](uint64_t step, uint32_t index) {
            return gamma(shape, test_key, step, index, 3);
        });
        check_moments(m, n, shape, shape, 3.0 * shape * shape + 6.0 * shape);
    }
    CHECK(std::isnan(gamma(0.0, test_key, 0, 0, 0)));
}

TEST_CASE("counter_rng: beta(10, 10) has mean 1/2 and variance 1/84") {
    // Beta(10,10): excess kurtosis -6/23, so mu4 = var^2 (3 - 6/23).
    const int n = 200000;
    const double var = 1.0 / 84.0;
    const auto m = sample_moments(n, [](uint64_t step, uint32_t index) {
        return beta(10.0, 10.0, test_key, step, index, 4);
    });
    check_moments(m, n, 0.5, var, var * var * (3.0 - 6.0 / 23.0));
}

TEST_CASE("counter_rng: beta with unequal shapes (both orders) has the exact moments") {
    const int n = 200000;
    for (auto [a, b] : {std::pair{2.5, 7.0}, std::pair{7.0, 2.5}, std::pair{1.5, 1.2}, std::pair{1.0, 3.0}}) {
        CAPTURE(a);
        CAPTURE(b);
        const double s = a + b;
        const double mean = a / s, var = a * b / (s * s * (s + 1));
        const double excess = 6 * ((a - b) * (a - b) * (s + 1) - a * b * (s + 2)) / (a * b * (s + 2) * (s + 3));
        const auto m = sample_moments(n, [a, b](uint64_t step, uint32_t index) {
            return beta(a, b, test_key, step, index, 6);
        });
        check_moments(m, n, mean, var, var * var * (3 + excess));
    }
}

TEST_CASE("counter_rng: beta with whole shapes follows its exact distribution (chi-square, 20 bins)") {
    // For whole a, b the CDF is a binomial tail: I_x(a, b) = P(Binomial(a + b - 1, x) >= a).
    auto cdf = [](int a, int b, double x) {
        const int n = a + b - 1;
        double total = 0.0;
        for (int j = a; j <= n; ++j) {
            total += std::exp(std::lgamma(n + 1.0) - std::lgamma(j + 1.0) - std::lgamma(n - j + 1.0)) *
                     std::pow(x, j) * std::pow(1 - x, n - j);
        }
        return total;
    };
    for (auto [a, b] : {std::pair{10, 10}, std::pair{3, 7}, std::pair{7, 3}}) {
        CAPTURE(a);
        CAPTURE(b);
        std::vector<uint64_t> bins;
        for (uint32_t i = 0; i < 100000; ++i) {
            bins.push_back(static_cast<uint64_t>(std::min(19.0, std::floor(20 * beta(a, b, test_key, 3, i, 7)))));
        }
        auto result = chi_square(bins, [&](uint64_t k) { return cdf(a, b, (k + 1) / 20.0) - cdf(a, b, k / 20.0); });
        CHECK(result.statistic < chi_square_limit(result.df));
    }
}

TEST_CASE("counter_rng: beta(0.5, 0.5) takes the log-space path and has variance 1/8") {
    // Arcsine law: excess kurtosis -3/2, so mu4 = var^2 * 3/2.
    const int n = 200000;
    const double var = 1.0 / 8.0;
    const auto m = sample_moments(n, [](uint64_t step, uint32_t index) {
        return beta(0.5, 0.5, test_key, step, index, 4);
    });
    check_moments(m, n, 0.5, var, var * var * 1.5);
    CHECK(std::isnan(beta(-1.0, 2.0, test_key, 0, 0, 0)));
}

TEST_CASE("counter_rng: a uniform source keeps going past its block budget without repeats") {
    detail::UniformSource first(test_key, 1, 2, 3, 0);
    detail::UniformSource again(test_key, 1, 2, 3, 0);
    detail::UniformSource other_lane(test_key, 1, 2, 3, 1);
    std::unordered_set<uint64_t> values;
    // 1000 values span 500 blocks, well past the 128 a lane owns before it re-keys.
    for (int i = 0; i < 1000; ++i) {
        const uint64_t bits = first.next_u64();
        CHECK(bits == again.next_u64());
        values.insert(bits);
        values.insert(other_lane.next_u64());
    }
    CHECK(values.size() == 2000);
}
