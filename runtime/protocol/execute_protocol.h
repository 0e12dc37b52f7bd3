// Executes the protocol of a plan on a network: runs, loops, sets, stores, analyses, prints.
#pragma once

#include "runtime/monitors/recorders.h"
#include "runtime/network/network.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace nj::rt {

/// What the protocol works with besides the network.
struct ProtocolEnvironment {
    Network& network;
    std::vector<Recorder>& recorders;
    const std::atomic<bool>& stop;
    nlohmann::json& metrics;    ///< analyses write here (summary.json "metrics")
    std::ostream& out;          ///< `print` writes here
    std::function<void(double simulated_s)> progress;  ///< called every few hundred steps
};

/// How the protocol ended.
struct ProtocolOutcome {
    bool complete = false;                 ///< every statement ran
    std::optional<NonFinite> non_finite;   ///< a state value stopped the run
    std::string error;                     ///< another runtime failure
    std::vector<Recorder::Output> files;   ///< arrays analyses made for the run directory
    /// JSON documents for the run directory by file name (a train statement's trained values)
    std::vector<std::pair<std::string, nlohmann::json>> json_files;
};

/// Runs `ops` in order.
ProtocolOutcome execute_protocol(const std::vector<ProtocolOp>& ops, ProtocolEnvironment& env);

}  // namespace nj::rt
