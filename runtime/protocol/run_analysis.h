// The analyses and `apply` operations of a protocol: what each reads and writes.
//
// Requires: the network is built; `spikes` holds every spike of each root group so far as
//           (element, step); `stored` the protocol's snapshots.
// Ensures:  results go to `metrics` (summary.json) and arrays to `files` (run directory);
//           `apply` operations change the network's synapse arrays. An operation that cannot be
//           carried out returns a message and changes nothing.
#pragma once

#include "runtime/monitors/recorders.h"
#include "runtime/monitors/spike_log.h"
#include "runtime/network/network.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace nj::rt {

struct TrialPools;

struct AnalysisContext {
    Network& network;
    const std::vector<Recorder>& recorders;
    const std::vector<SpikeLog>& spikes;  ///< per root group
    const std::map<std::string, Network::Snapshot>& stored;
    /// (synapses, array) → mean incoming sum when the network was built (scale_incoming's
    /// target "initial_mean")
    const std::map<std::pair<int, int>, double>& initial_means;
    nlohmann::json& metrics;
    std::vector<Recorder::Output>& files;
    /// every argument's values: one for scalars, P or P*P for population arguments, lists
    const std::map<std::string, std::vector<double>>& vectors;
    TrialPools* trial_pools = nullptr;  ///< the trial analyses' pools (trial_analyses.h)
};

/// Runs `op` with its numeric arguments `args` (by keyword). Returns "" or what went wrong.
std::string run_analysis(const ProtocolOp& op, const std::map<std::string, double>& args, AnalysisContext& context);

/// Mean over the post neurons with a positive sum of the sum of their incoming `array` values.
double mean_incoming_sum(const Network& network, int synapses, int array);

}  // namespace nj::rt
