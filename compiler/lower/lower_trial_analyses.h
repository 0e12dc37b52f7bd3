// Lowers the trial analyses (active_fraction, argmax_accuracy, total_per_trial, total_ratio,
// centroid_accuracy, decorrelation, mixture_additivity, decoder_accuracy) and fraction_between:
// their sources and per-trial metadata are per-element values of groups (`KC.count`,
// `labels = Trial.label`).
//
// Requires: groups and synapses lowered; loop variables of the enclosing protocol loops have
//           parameter slots (lower_protocol).
// Ensures:  each `G.v` argument (a variable or subexpression of group G, or an expression of
//           one group's variables such as `classes = Trial.b >= 0`) becomes a body op
//           named after its keyword ("source", "source2" for the positional ones) with a
//           kernel over G's elements writing a scratch array the size of G's root group, and
//           items = {G's offset, G's size}: the values the runtime reads
//           (runtime/protocol/trial_analyses.h). Numbers become one-element kernels named after
//           their keyword. fraction_between of a synapse variable sets op.synapses and op.array
//           instead. decoder_accuracy's `weights = P` and `bias = P` become body ops "weights"
//           and "bias" whose scratch arrays are the entries P of the json `table` (filled by the
//           table loader, as for learned()), and kernels "weights_size", "bias_size" reading the
//           entries' size parameters. Wrong sources, keywords, and units of low/high are
//           reported at their place.
// Example:  `analyse s = active_fraction(KC.count, labels = Trial.label)` →
//           Analyse active_fraction [source: KC.count over KC, labels: Trial.label over Trial].
#pragma once

#include "compiler/lower/lower_context.h"
#include "compiler/sema/symbols.h"

#include <string>

namespace nj::lower {

/// True for the analyses lowered here.
bool is_trial_analysis(const std::string& name);

/// Lowers `analyse NAME = call` (item) of a trial analysis into `op`, checking its numbers in
/// `scope` (the protocol's names and loop variables). False after a reported problem.
bool lower_trial_analysis(const ast::Item& item, const sema::Scope& scope, LowerContext& context,
                          rt::ProtocolOp& op);

}  // namespace nj::lower
