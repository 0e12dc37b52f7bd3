// Protocol glue for the analyses of matrices (runtime/analyses/matrix_analyses.h): motif
// statistics of a projection's weight matrix, participation ratio and target tracking of a state
// monitor's traces, and `apply center_incoming` on a projection's weights.
#pragma once

#include "runtime/protocol/analysis_helpers.h"

#include <string>

namespace nj::rt {

/// Whether `analysis` is weight_motifs, participation_ratio, trace_match or center_incoming.
bool is_matrix_analysis(const std::string& analysis);

/// Runs one of them. Returns "" or what went wrong (then nothing changed).
std::string run_matrix_analysis(const ProtocolOp& op, const AnalysisArgs& args, AnalysisContext& context);

}  // namespace nj::rt
