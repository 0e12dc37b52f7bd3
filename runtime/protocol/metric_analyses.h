// Protocol glue for the analyses of expressions over a model's variables: `metric` (a value
// into summary.json), `synapse_angle` (the angle between two per-synapse variables) and
// `apply matmul_weights` (a projection's weights from the product of two others).
//
// Requires: the op lowered by compiler/lower/lower_analysis_exprs.h, its body's kernels run
//           (per-synapse ones over the synapses made) and their values in context.vectors.
// Ensures:  metric and synapse_angle append an entry {"value", "unit", "key" when given} to
//           their result: the first call writes the entry, a later one at the top level turns
//           it into a list of entries (inside protocol loops the executor collects the passes,
//           adding "loop"). matmul_weights changes S's variable and writes no metric.
#pragma once

#include "runtime/protocol/analysis_helpers.h"

#include <span>
#include <string>

namespace nj::rt {

/// Whether `analysis` is metric, synapse_angle or matmul_weights.
bool is_metric_analysis(const std::string& analysis);

/// Runs one of them. Returns "" or what went wrong (then nothing changed).
std::string run_metric_analysis(const ProtocolOp& op, const AnalysisArgs& args,
                                AnalysisContext& context);

/// The angle in degrees between a and b as vectors over the elements where mask is nonzero
/// (every element when mask is empty): arccos(a·b / (|a| |b|)), 0 when either norm is 0 or
/// |1 - cos| < 1e-6. Requires a, b (and a non-empty mask) of one size.
double angle_degrees(std::span<const double> a, std::span<const double> b,
                     std::span<const double> mask);

}  // namespace nj::rt
