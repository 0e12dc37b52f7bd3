// What every analysis needs from its call: keyword arguments with defaults, the analysed time
// window in steps, the spikes of the analysed group and a projection as a matrix.
#pragma once

#include "runtime/analyses/spike_analyses.h"
#include "runtime/protocol/run_analysis.h"

#include <Eigen/Dense>

#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace nj::rt {

/// Numeric keyword arguments of an analysis (the first value of each).
using AnalysisArgs = std::map<std::string, double>;

/// args[key], or `fallback` when the call does not give it.
double arg(const AnalysisArgs& args, const std::string& key, double fallback);

/// The analysed steps [first, last): `start` and `stop` (default: the whole run so far).
std::pair<uint64_t, uint64_t> step_window(const AnalysisArgs& args, const Network& network);

/// The spikes of the analysed (sub)group op.groups[0] in steps [first, last), as elements
/// relative to it (a copy: analyses that only count use population_spike_count).
SpikeList population_spikes(const ProtocolOp& op, const AnalysisContext& context, uint64_t first, uint64_t last);

/// How many spikes the analysed (sub)group op.groups[0] fired in steps [first, last); counted in
/// the log, without copying it.
size_t population_spike_count(const ProtocolOp& op, const AnalysisContext& context, uint64_t first, uint64_t last);

/// W[post, pre] of `array` (a per-synapse variable) of projection `synapses`, N_post x N_pre:
/// each pair's synapses summed (multapses add up), 0 where there is none.
void projection_matrix(const Network& network, int synapses, int array, Eigen::MatrixXd& w);

/// W[post, pre] of the analysed variable (op.array) of projection op.synapses between two groups
/// of one size: each pair's synapses summed (multapses add up), 0 where there is none. Returns
/// "" or why not.
std::string weight_matrix(const ProtocolOp& op, const Network& network, Eigen::MatrixXd& w);

}  // namespace nj::rt
