// What every analysis needs from its call: keyword arguments with defaults, the analysed time
// window in steps, and the spikes of the analysed group.
#pragma once

#include "runtime/analyses/spike_analyses.h"
#include "runtime/protocol/run_analysis.h"

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

/// The spikes of the analysed (sub)group op.groups[0], as elements relative to it.
SpikeList population_spikes(const ProtocolOp& op, const AnalysisContext& context);

}  // namespace nj::rt
