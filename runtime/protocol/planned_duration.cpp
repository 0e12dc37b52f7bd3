// Estimating the simulated time of a protocol from its run, repeat, for and if statements.
#include "runtime/protocol/planned_duration.h"

#include <cmath>

namespace nj::rt {

namespace {

double value_now(const ProtocolOp& op, Network& network) {
    network.call(op.value);
    return network.array(op.scratch)[0];
}

}  // namespace

std::optional<double> planned_duration(const std::vector<ProtocolOp>& ops, Network& network) {
    double total = 0;
    for (const auto& op : ops) {
        std::optional<double> part = 0.0;
        switch (op.kind) {
        case ProtocolOp::Kind::Run: part = value_now(op, network); break;
        case ProtocolOp::Kind::Repeat: {
            auto body = planned_duration(op.body, network);
            if (body) part = std::floor(value_now(op, network) + 0.5) * *body;
            else part.reset();
            break;
        }
        case ProtocolOp::Kind::For: {
            auto body = planned_duration(op.body, network);
            if (body) part = static_cast<double>(op.items.size()) * *body;
            else part.reset();
            break;
        }
        case ProtocolOp::Kind::If: part = planned_duration(value_now(op, network) != 0.0 ? op.body : op.else_body, network); break;
        default: break;
        }
        if (!part || !std::isfinite(*part)) return std::nullopt;
        total += std::max(0.0, *part);
    }
    return total;
}

std::optional<double> plan_recordings(Network& network, std::vector<Recorder>& recorders) {
    std::optional<double> planned = planned_duration(network.plan().protocol, network);
    if (planned && network.dt() > 0) {
        const auto steps = static_cast<uint64_t>(*planned / network.dt() + 0.5);
        for (Recorder& r : recorders) r.reserve_for_steps(steps);
    }
    return planned;
}

}  // namespace nj::rt
