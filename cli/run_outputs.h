// The run directory of `neurojit run`: model.nj, params.json, summary.json and .npy arrays.
#pragma once

#include "cli/command_line.h"
#include "compiler/driver/compile_session.h"
#include "compiler/sema/model.h"
#include "runtime/io/run_directory.h"
#include "runtime/monitors/recorders.h"
#include "runtime/protocol/execute_protocol.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>

namespace nj::cli {

/// What a run measured, for summary.json and the final report.
struct RunReport {
    std::map<std::string, double> timings;
    nlohmann::json metrics = nlohmann::json::object();
    nlohmann::json summary;
};

/// Creates the run directory and writes model.nj, params.json and a summary marked
/// incomplete, so an interrupted run still leaves a truthful record. Prints why on failure.
std::optional<rt::RunDirectory> open_run_directory(const Command& command,
                                                   const sema::CheckedModel& model,
                                                   driver::CompileSession& session, uint64_t seed,
                                                   RunReport& report);

/// Writes every monitor's arrays and the final summary; prints the report; returns the exit
/// code (0 complete, 2 stopped by a non-finite value, an interruption or a write failure).
int finish_run(const Command& command, const rt::RunDirectory& dir, const rt::Network& network,
               const std::vector<rt::Recorder>& recorders, const rt::ProtocolOutcome& outcome,
               RunReport& report);

}  // namespace nj::cli
