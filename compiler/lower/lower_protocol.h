// Lowers the protocol (run, repeat, for, if, set, store/restore, analyse, print) to plan ops.
//
// Requires: groups are lowered (their arrays and scopes exist).
// Ensures:  every value the protocol computes (durations, counts, conditions, new parameter
//           values) is a one-element kernel writing a scratch array, so it sees the parameters
//           as they are at that moment; `set G.v = expr` is a kernel over G; loop variables
//           are parameter slots. metric, synapse_angle and matmul_weights, whose arguments are
//           expressions over groups' and synapses' variables, are lowered by
//           lower_analysis_exprs.h.
// Example:  `repeat 3 as k { set I0 = k * nA; run 100 ms }` → Repeat[SetParam, Run].
#pragma once

#include "compiler/lower/lower_context.h"

namespace nj::lower {

/// Lowers the root file's protocol statements into context.plan.protocol.
void lower_protocol(LowerContext& context);

}  // namespace nj::lower
