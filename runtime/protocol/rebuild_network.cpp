// Size checks and the rebuild of a network from its plan.
#include "runtime/protocol/rebuild_network.h"

#include "runtime/synapses/connect.h"

#include <cmath>

namespace nj::rt {

namespace {

double value_of(const ProtocolOp& op, Network& network) {
    network.call(op.value);
    return network.array(op.scratch)[0];
}

/// The elements a size or slice bound means (Python slices: negative counts from the end).
double clamp_bound(double v, double size) {
    if (v < 0) v += size;
    return std::min(std::max(0.0, std::floor(v)), size);
}

/// "" when every group keeps its compiled size and slice under the current parameters.
std::string check_sizes(const ProtocolOp& op, Network& network) {
    const NetworkPlan& plan = network.plan();
    std::vector<double> size(plan.groups.size()), begin(plan.groups.size(), 0.0), end(plan.groups.size(), -1.0);
    for (size_t g = 0; g < plan.groups.size(); ++g) size[g] = static_cast<double>(plan.groups[g].size);
    for (const auto& part : op.body) {
        if (part.kind != ProtocolOp::Kind::Analyse || part.groups.empty()) continue;
        auto g = static_cast<size_t>(part.groups[0]);
        double v = value_of(part, network);
        if (part.name == "size") size[g] = std::floor(v);
        else if (part.name == "begin") begin[g] = v;
        else if (part.name == "end") end[g] = v;
    }
    for (size_t g = 0; g < plan.groups.size(); ++g) {
        const GroupPlan& group = plan.groups[g];
        double want = size[g];
        if (group.parent >= 0) {
            double parent = static_cast<double>(plan.groups[static_cast<size_t>(group.parent)].size);
            double lo = clamp_bound(begin[g], parent);
            double hi = end[g] < 0 && end[g] == -1.0 ? parent : clamp_bound(end[g], parent);
            want = std::max(0.0, hi - lo);
        }
        if (want != static_cast<double>(group.size)) {
            return "rebuild: with the current parameters group '" + group.name + "' would have " +
                   std::to_string(static_cast<long long>(want)) + " elements, but the network was compiled with " +
                   std::to_string(group.size) +
                   "; a sweep that changes sizes needs separate runs (neurojit run --set NAME=VALUE)";
        }
    }
    return "";
}

}  // namespace

std::string rebuild_network(const ProtocolOp& op, Network& network, std::vector<Recorder>& recorders) {
    // derived values first: sizes and every kernel read them
    for (const auto& part : op.body) {
        if (part.kind == ProtocolOp::Kind::SetParam) network.params()[static_cast<size_t>(part.param)] = value_of(part, network);
    }
    if (std::string error = check_sizes(op, network); !error.empty()) return error;
    uint64_t seed = network.seed();
    for (const auto& part : op.body) {
        if (part.kind == ProtocolOp::Kind::Analyse && part.groups.empty() && part.name == "seed") {
            double s = value_of(part, network);
            if (!(s >= 0) || s != std::floor(s)) return "rebuild: the seed must be a whole number >= 0, not " + std::to_string(s);
            seed = static_cast<uint64_t>(s);
        }
    }
    try {
        network.rebuild(seed);
    } catch (const ConnectError& e) {
        return std::string("rebuild: ") + e.what();
    }
    // recorders are made from the plan's monitors, in order (cli/run_command.cpp)
    const auto& monitors = network.plan().monitors;
    for (size_t k = 0; k < recorders.size() && k < monitors.size(); ++k) recorders[k].start_over(monitors[k], network);
    return "";
}

}  // namespace nj::rt
