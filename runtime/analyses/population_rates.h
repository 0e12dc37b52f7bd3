// Mean firing rate of each population of a monitored group over a window of steps. A pure
// function of a spike list and a neuron-to-population map; nothing here knows the network.
#pragma once

#include "runtime/analyses/spike_analyses.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace nj::rt {

/// Number of neurons of each population: sizes[p] = #{k : population[k] == p}. Entries outside
/// 0 .. populations-1 mean "not analysed" and are not counted.
std::vector<size_t> population_sizes(const std::vector<int>& population, size_t populations);

/// Mean rate in Hz of each of `populations` populations over the steps [first_step, last_step):
/// rate[p] = (spikes of neurons k with population[k] == p) / (size of p * steps * dt).
/// spikes: (index relative to the monitored group, step). Spikes outside the steps, from a neuron
/// whose population is outside 0 .. populations-1, or with an index >= population.size() are
/// ignored. A population without neurons gets NaN, and so does every population when the window
/// is empty or dt <= 0.
std::vector<double> population_rates(const SpikeList& spikes, const std::vector<int>& population,
                                     size_t populations, uint64_t first_step, uint64_t last_step,
                                     double dt);

}  // namespace nj::rt
