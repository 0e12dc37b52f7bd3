// Tests of Poisson inputs onto a variable (poisson_input), run through the whole pipeline.
#include "tests/unit/runtime/run_helpers.h"

#include <doctest/doctest.h>

#include <cmath>

using nj::rt::testing::run_model_text;

namespace {

const char* accumulator = R"(
param dt = 0.1 ms
param n_neurons = 2000
neuron Acc {
  equations {
    v : volt
  }
}
group G = Acc(n_neurons)
input Drive = poisson_input(G.v, n = 100, rate = 10 Hz, weight = 1 mV)
run 100 ms
)";

}  // namespace

TEST_CASE("poisson_input: counts over a run have the Poisson mean and variance") {
    auto r = run_model_text(accumulator);
    REQUIRE(r.built);
    const std::vector<double>& v = r.arrays.at("G.v");
    // Each neuron receives Poisson(n * rate * T) = Poisson(100) events of 1 mV.
    double mean = 0, var = 0;
    for (double x : v) mean += x / 1e-3;
    mean /= static_cast<double>(v.size());
    for (double x : v) var += (x / 1e-3 - mean) * (x / 1e-3 - mean);
    var /= static_cast<double>(v.size() - 1);
    // 5 standard errors: sqrt(100 / 2000) for the mean, sqrt((100 + 2 * 100^2) / 2000) for
    // the sample variance.
    CHECK(std::fabs(mean - 100.0) < 5 * std::sqrt(100.0 / 2000.0));
    CHECK(std::fabs(var - 100.0) < 5 * std::sqrt((100.0 + 2 * 100.0 * 100.0) / 2000.0));
    for (double x : v) CHECK(std::fabs(x / 1e-3 - std::round(x / 1e-3)) < 1e-9);  // whole events
}

TEST_CASE("poisson_input: the same seed gives the same input, another seed another") {
    auto a = run_model_text(accumulator, {.seed = 5});
    auto b = run_model_text(accumulator, {.seed = 5});
    auto c = run_model_text(accumulator, {.seed = 6});
    REQUIRE(a.built);
    CHECK(a.arrays.at("G.v") == b.arrays.at("G.v"));
    CHECK(a.arrays.at("G.v") != c.arrays.at("G.v"));
}

TEST_CASE("poisson_input: elements without sources or without events are left as they are") {
    // odd elements have no sources; the weight 1 / (i % 2) is infinite exactly there, so any
    // use of it where no event arrives would turn v into NaN. Even elements get Poisson(100).
    auto r = run_model_text(R"(
param dt = 0.1 ms
neuron Acc {
  equations {
    v : 1
  }
}
group G = Acc(1000)
input Drive = poisson_input(G.v, n = 100 * (1 - i % 2), rate = 10 Hz, weight = 1 / (1 - i % 2))
run 100 ms
)");
    REQUIRE(r.built);
    const std::vector<double>& v = r.arrays.at("G.v");
    double mean = 0;
    for (size_t k = 0; k < v.size(); ++k) {
        if (k % 2 == 1) CHECK(v[k] == 0.0);
        else mean += v[k] / 500;
    }
    CHECK(std::fabs(mean - 100.0) < 5 * std::sqrt(100.0 / 500.0));
}
