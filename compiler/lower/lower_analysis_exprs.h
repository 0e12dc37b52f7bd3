// Lowers the analyses whose arguments are expressions over groups' and synapses' variables:
// `metric(expr)`, `synapse_angle(S.a, S.b, mask = ...)` and `apply matmul_weights(S, A, B)`.
//
// Requires: groups and synapses lowered (their arrays and scopes exist); loop variables of the
//           enclosing protocol loops have parameter slots (lower_protocol).
// Ensures:  each argument becomes a body op of the analysis with a kernel writing a scratch
//           array that the runtime (runtime/protocol/metric_analyses.h) reads:
//           - metric: "value", a kernel over [0, 1 + 2R) for R indexed reads G.v[k]: element 0
//             the value (NaN, never computed, when an index is outside its variable), then
//             each read's rounded index and its variable's size; op.strings "index1".. hold the
//             reads' text for messages.
//           - synapse_angle: "a", "b" and "mask" (1 or 0), kernels over S's synapses (the
//             scratch arrays are per-synapse arrays of S); op.synapses = S.
//           - matmul_weights: op.synapses = S, op.array = the variable set; body ops "A" and "B"
//             name the factor projections (synapses, array w, no kernel) and "scale" is a
//             kernel over S's synapses.
//           - `key = k`: a one-element kernel "key".
//           Wrong arguments (counts, objects, units, group sizes) are reported at their place.
// Example:  `analyse e = metric(M.x[0] / n)` → Analyse metric [value: (M.x[0 + 0] / n) guarded].
#pragma once

#include "compiler/lower/lower_context.h"
#include "compiler/sema/symbols.h"

#include <string>

namespace nj::lower {

/// True for metric, synapse_angle and matmul_weights.
bool is_expression_analysis(const std::string& name);

/// Lowers `analyse NAME = call` or `apply call` (item) of an expression analysis into `op`,
/// checking its arguments in `scope` (the protocol's names and loop variables). False after a
/// reported problem.
bool lower_expression_analysis(const ast::Item& item, const sema::Scope& scope,
                               LowerContext& context, rt::ProtocolOp& op);

}  // namespace nj::lower
