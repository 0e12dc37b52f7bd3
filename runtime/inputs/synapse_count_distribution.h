// Synapses per connected pair of a synthetic connectome: the distributions a description may
// name, read from JSON and sampled with the counter-based generator (one draw per pair).
//
// Forms:    {"distribution": "constant", "value": k}
//           {"distribution": "geometric", "mean": m}        P(k) = (1/m) (1 - 1/m)^(k-1), k >= 1
//           {"distribution": "shifted_poisson", "mean": m}  1 + Poisson(m - 1)
//           {"distribution": "histogram", "counts": {"1": w1, "2": w2, ...}}  P(k) ∝ w_k
// Ensures:  every sample is >= 1 (a connected pair has a synapse); means are >= 1.
#pragma once

#include "runtime/rng/counter_rng.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nj::rt {

/// Synapses per connected pair (always at least 1).
struct SynapseCountSpec {
    enum class Kind { Constant, Geometric, ShiftedPoisson, Histogram };
    Kind kind = Kind::Constant;
    double mean = 1.0;                  ///< Geometric and ShiftedPoisson
    std::uint64_t value = 1;            ///< Constant
    std::vector<std::uint64_t> counts;  ///< Histogram: the synapse counts, ascending
    std::vector<double> weights;        ///< Histogram: their relative frequencies
};

/// Reads one of the forms above; on a problem returns nullopt and a sentence in `*problem`.
std::optional<SynapseCountSpec> parse_synapse_counts(const nlohmann::json& value,
                                                     std::string* problem);

/// The mean synapse count of the distribution.
double mean_synapse_count(const SynapseCountSpec& spec);

/// One synapse count, a pure function of (key, step, index) (draw 1 of that counter).
std::uint64_t sample_synapse_count(const SynapseCountSpec& spec, const RngKey& key,
                                   std::uint64_t step, std::uint32_t index);

}  // namespace nj::rt
