// The trial analyses of a protocol: per-neuron variables of groups that hold one copy of a
// network per trial (G.v has len(labels) * N values, trial-major), read after each batch of
// trials, pooled by result name over every call, and evaluated over the pool; and
// fraction_between of a group or synapse variable.
//
// Arguments (lowered by compiler/lower/lower_trial_analyses.h) are the op's body ops by
// keyword: "source" (and "source2"), "labels", "key", "comp_a", "comp_b", "comp_c", "classes"
// with items = {offset, size} of their values in their scratch arrays; numbers as one-element
// scratch arrays; decoder_accuracy's "weights" and "bias" (json table entries) with
// "weights_size" and "bias_size" (-1 one number, n a list of n, 0 none).
//
// Results (summary.json) without `key =`: {value, unit, trials, ...}; with it, one value per
// distinct key in ascending order: {keys, values, trials, mean, unit}.
#pragma once

#include "runtime/protocol/analysis_helpers.h"

#include <map>
#include <string>
#include <vector>

namespace nj::rt {

/// The trials pooled so far by one result name (trials with a negative label are dropped).
struct TrialPool {
    std::vector<std::vector<double>> a;  ///< each trial's response of the first source
    std::vector<std::vector<double>> b;  ///< ... of the second source (decorrelation)
    std::vector<double> labels;
    std::vector<double> keys;                     ///< 0 for every trial without `key =`
    std::vector<std::vector<double>> components;  ///< comp_a, comp_b, comp_c (mixtures)
    std::vector<double> classes;                  ///< svm_accuracy: each trial's class (0 or not)
};

/// Every pool of a protocol run, by result name; the protocol executor owns it.
struct TrialPools {
    std::map<std::string, TrialPool> by_name;
};

/// Whether `analysis` is one of the analyses run here.
bool is_trial_analysis(const std::string& analysis);

/// Whether `analysis` pools its trials over calls (every trial analysis but fraction_between):
/// each call rewrites its one result instead of adding a pass to a list inside loops.
bool is_pooled_analysis(const std::string& analysis);

/// Runs a trial analysis. Returns "" or what went wrong.
std::string run_trial_analysis(const ProtocolOp& op, const AnalysisArgs& args,
                               AnalysisContext& context);

}  // namespace nj::rt
