// Keyword arguments, time windows and spikes for analyses.
#include "runtime/protocol/analysis_helpers.h"

#include <algorithm>
#include <cmath>

namespace nj::rt {

double arg(const AnalysisArgs& args, const std::string& key, double fallback) {
    auto it = args.find(key);
    return it == args.end() ? fallback : it->second;
}

std::pair<uint64_t, uint64_t> step_window(const AnalysisArgs& args, const Network& network) {
    double dt = network.dt();
    auto first = static_cast<uint64_t>(std::llround(std::max(0.0, arg(args, "start", 0.0)) / dt));
    auto last = static_cast<uint64_t>(std::llround(std::max(0.0, arg(args, "stop", network.time())) / dt));
    return {first, std::max(first, last)};
}

SpikeList population_spikes(const ProtocolOp& op, const AnalysisContext& context) {
    const NetworkPlan& plan = context.network.plan();
    const GroupPlan& g = plan.groups[static_cast<size_t>(op.groups[0])];
    SpikeList out;
    for (const auto& [i, step] : context.spikes[plan.root_group(op.groups[0])]) {
        if (i >= g.offset && i < g.offset + g.size) out.emplace_back(static_cast<uint32_t>(i - g.offset), step);
    }
    return out;
}

}  // namespace nj::rt
