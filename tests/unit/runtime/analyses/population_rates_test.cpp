// Tests for population_rates (population_rates.h): rates counted by hand, ignored spikes and
// neurons, empty populations and windows.
#include "runtime/analyses/population_rates.h"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using nj::rt::population_rates;
using nj::rt::population_sizes;
using nj::rt::SpikeList;

TEST_CASE("population_rates: spikes per neuron per second of each population, by hand") {
    // Populations: {0, 1} -> 0, {2} -> 1, neuron 3 not analysed. Window: steps [10, 20), dt 1 ms.
    std::vector<int> population{0, 0, 1, -1};
    SpikeList spikes{{0, 10}, {1, 12}, {1, 19}, {2, 15},  // counted: 3 in pop 0, 1 in pop 1
                     {0, 9},  {2, 20},                    // outside the window (end exclusive)
                     {3, 12}, {7, 12}};                   // not analysed, index beyond the group
    std::vector<double> rates = population_rates(spikes, population, 2, 10, 20, 1e-3);
    REQUIRE(rates.size() == 2);
    CHECK(rates[0] == doctest::Approx(3.0 / (2 * 10 * 1e-3)));  // 150 Hz
    CHECK(rates[1] == doctest::Approx(1.0 / (1 * 10 * 1e-3)));  // 100 Hz
}

TEST_CASE("population_rates: a population without neurons or an empty window gives NaN") {
    std::vector<int> population{0, 0, 2};
    SpikeList spikes{{0, 1}, {2, 1}};
    std::vector<double> rates = population_rates(spikes, population, 3, 0, 4, 0.5e-3);
    CHECK(rates[0] == doctest::Approx(1.0 / (2 * 4 * 0.5e-3)));
    CHECK(std::isnan(rates[1]));
    CHECK(rates[2] == doctest::Approx(1.0 / (4 * 0.5e-3)));
    for (double r : population_rates(spikes, population, 3, 4, 4, 0.5e-3)) CHECK(std::isnan(r));
    CHECK(population_sizes(population, 3) == std::vector<size_t>{2, 0, 1});
}

TEST_CASE("population_rates: no spikes is zero Hz") {
    std::vector<double> rates = population_rates({}, {0, 1}, 2, 0, 100, 1e-4);
    CHECK(rates == std::vector<double>{0.0, 0.0});
}
