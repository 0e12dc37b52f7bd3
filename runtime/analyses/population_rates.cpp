// Mean firing rate per population over a window of steps.
#include "runtime/analyses/population_rates.h"

#include <limits>

namespace nj::rt {

std::vector<size_t> population_sizes(const std::vector<int>& population, size_t populations) {
    std::vector<size_t> sizes(populations, 0);
    for (int p : population)
        if (p >= 0 && static_cast<size_t>(p) < populations) ++sizes[static_cast<size_t>(p)];
    return sizes;
}

std::vector<double> population_rates(const SpikeList& spikes, const std::vector<int>& population,
                                     size_t populations, uint64_t first_step, uint64_t last_step,
                                     double dt) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    if (last_step <= first_step || !(dt > 0)) return std::vector<double>(populations, nan);

    std::vector<double> counts(populations, 0.0);
    for (auto [index, step] : spikes) {
        if (step < first_step || step >= last_step || index >= population.size()) continue;
        int p = population[index];
        if (p >= 0 && static_cast<size_t>(p) < populations) counts[static_cast<size_t>(p)] += 1;
    }
    std::vector<size_t> sizes = population_sizes(population, populations);
    double duration_s = static_cast<double>(last_step - first_step) * dt;
    std::vector<double> rates(populations, nan);
    for (size_t p = 0; p < populations; ++p)
        if (sizes[p] > 0) rates[p] = counts[p] / (static_cast<double>(sizes[p]) * duration_s);
    return rates;
}

}  // namespace nj::rt
