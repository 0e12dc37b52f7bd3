// Tests for the synapse-count distributions of synthetic connectomes: parsing and sample means.
#include "runtime/inputs/synapse_count_distribution.h"

#include <nlohmann/json.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <string>

using nj::rt::SynapseCountSpec;

namespace {

SynapseCountSpec parsed(const std::string& text) {
    std::string problem;
    auto spec = nj::rt::parse_synapse_counts(nlohmann::json::parse(text), &problem);
    REQUIRE_MESSAGE(spec, problem);
    return *spec;
}

std::string problem_of(const std::string& text) {
    std::string problem;
    auto spec = nj::rt::parse_synapse_counts(nlohmann::json::parse(text), &problem);
    return spec ? "" : problem;
}

/// Mean and variance of n samples, and the smallest sample.
struct Moments {
    double mean = 0, variance = 0;
    std::uint64_t minimum = ~std::uint64_t{0};
};

Moments moments(const SynapseCountSpec& spec, int n) {
    double sum = 0, sum2 = 0;
    Moments m;
    for (int k = 0; k < n; ++k) {
        auto x = nj::rt::sample_synapse_count(spec, {7, 3}, static_cast<std::uint64_t>(k / 100),
                                              static_cast<std::uint32_t>(k % 100));
        sum += double(x);
        sum2 += double(x) * double(x);
        m.minimum = std::min(m.minimum, x);
    }
    m.mean = sum / n;
    m.variance = sum2 / n - m.mean * m.mean;
    return m;
}

}  // namespace

TEST_CASE("sample_synapse_count: sample means match the distributions' means") {
    // 20000 samples: the sample mean lies within 5 standard errors sqrt(var / n) of the mean
    // (a chance of 6e-7 per check for a fixed seed; the draws are deterministic anyway).
    const int n = 20000;
    SynapseCountSpec geometric = parsed(R"({"distribution": "geometric", "mean": 4})");
    Moments g = moments(geometric, n);
    CHECK(g.minimum >= 1);
    // Geometric on k >= 1 with p = 1/4: variance (1 - p) / p^2 = 12.
    CHECK(std::abs(g.mean - 4.0) < 5 * std::sqrt(12.0 / n));
    // The sample variance has a standard error of about 2 % here (kurtosis 9); 10 % is 5 of them.
    CHECK(g.variance == doctest::Approx(12.0).epsilon(0.1));

    SynapseCountSpec poisson = parsed(R"({"distribution": "shifted_poisson", "mean": 3.5})");
    Moments p = moments(poisson, n);
    CHECK(p.minimum >= 1);
    CHECK(std::abs(p.mean - 3.5) < 5 * std::sqrt(2.5 / n));  // variance of 1 + Poisson(2.5)

    // Keys sort as text ("10" < "2"); the weights must stay with their counts.
    SynapseCountSpec histogram =
        parsed(R"({"distribution": "histogram", "counts": {"10": 1, "2": 3, "5": 0}})");
    CHECK(histogram.counts == std::vector<std::uint64_t>{2, 5, 10});
    CHECK(nj::rt::mean_synapse_count(histogram) == doctest::Approx(4.0));
    Moments h = moments(histogram, n);
    // Values 2 (p = 3/4) and 10 (p = 1/4): variance 64 * 3/16 = 12.
    CHECK(std::abs(h.mean - 4.0) < 5 * std::sqrt(12.0 / n));

    SynapseCountSpec constant = parsed(R"({"distribution": "constant", "value": 3})");
    CHECK(moments(constant, 100).mean == 3.0);
}

TEST_CASE("parse_synapse_counts: malformed distributions say what is wrong") {
    CHECK(problem_of(R"({"distribution": "lognormal", "mean": 2})") ==
          "unknown distribution 'lognormal'; the distributions are constant, geometric, "
          "shifted_poisson or histogram");
    CHECK(problem_of(R"({"mean": 2})").starts_with("needs \"distribution\""));
    CHECK(problem_of(R"({"distribution": "histogram", "counts": {"0": 1}})") ==
          "histogram key '0' is not a synapse count >= 1");
    CHECK(problem_of(R"({"distribution": "histogram", "counts": {"1": 0}})") ==
          "the histogram weights sum to 0");
    CHECK(problem_of(R"({"distribution": "constant", "value": 0})") ==
          "a constant needs \"value\": a whole number >= 1");
    CHECK(problem_of(R"({"distribution": "geometric", "mean": 2, "sd": 1})") ==
          "unknown field 'sd' for a geometric distribution");
}
