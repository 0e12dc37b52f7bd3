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

SpikeList population_spikes(const ProtocolOp& op, const AnalysisContext& context, uint64_t first, uint64_t last) {
    const NetworkPlan& plan = context.network.plan();
    const GroupPlan& g = plan.groups[static_cast<size_t>(op.groups[0])];
    SpikeList out;
    context.spikes[plan.root_group(op.groups[0])].for_each_between(first, last, [&](uint32_t i, uint64_t step) {
        if (i >= g.offset && i < g.offset + g.size) out.emplace_back(static_cast<uint32_t>(i - g.offset), step);
    });
    return out;
}

size_t population_spike_count(const ProtocolOp& op, const AnalysisContext& context, uint64_t first, uint64_t last) {
    const NetworkPlan& plan = context.network.plan();
    const GroupPlan& g = plan.groups[static_cast<size_t>(op.groups[0])];
    size_t count = 0;
    context.spikes[plan.root_group(op.groups[0])].for_each_between(first, last, [&](uint32_t i, uint64_t) {
        count += i >= g.offset && i < g.offset + g.size ? 1 : 0;
    });
    return count;
}

void projection_matrix(const Network& network, int synapses, int array, Eigen::MatrixXd& w) {
    const SynapsesPlan& syn = network.plan().synapses[static_cast<size_t>(synapses)];
    const GroupPlan& pre = network.plan().groups[static_cast<size_t>(syn.pre_group)];
    const GroupPlan& post = network.plan().groups[static_cast<size_t>(syn.post_group)];
    w = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(post.size), static_cast<Eigen::Index>(pre.size));
    const auto& i = network.array(syn.pre_index);
    const auto& j = network.array(syn.post_index);
    const std::vector<double> values = network.values(array);
    for (size_t s = 0; s < network.synapse_count(static_cast<size_t>(synapses)); ++s) {
        w(static_cast<Eigen::Index>(j[s]) - static_cast<Eigen::Index>(post.offset),
          static_cast<Eigen::Index>(i[s]) - static_cast<Eigen::Index>(pre.offset)) += values[s];
    }
}

std::string weight_matrix(const ProtocolOp& op, const Network& network, Eigen::MatrixXd& w) {
    const SynapsesPlan& syn = network.plan().synapses[static_cast<size_t>(op.synapses)];
    const GroupPlan& pre = network.plan().groups[static_cast<size_t>(syn.pre_group)];
    const GroupPlan& post = network.plan().groups[static_cast<size_t>(syn.post_group)];
    if (pre.size != post.size) {
        return "needs a projection between two groups of one size, not " + std::to_string(pre.size) + " -> " +
               std::to_string(post.size);
    }
    projection_matrix(network, op.synapses, op.array, w);
    return "";
}

}  // namespace nj::rt
