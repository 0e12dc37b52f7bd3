// Attractor-state analysis of spikes (spec §9): smoothed population rates, an iterative activity
// threshold, segments of constant active-population sets, the states they visit, lifetimes,
// dwell probabilities and the transition matrix. Pure: spikes and a neuron-to-population map in,
// JSON and arrays out; nothing here knows the network or the compiler.
#pragma once

#include "runtime/analyses/named_array.h"
#include "runtime/analyses/spike_analyses.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace nj::rt {

/// How attractor_states bins, smooths, thresholds and segments. Times are in seconds.
struct AttractorOptions {
    /// Rate bin; a whole multiple of dt (to 1e-9 relative). The original bins by its dt,
    /// 0.5 ms. A trailing partial bin of the window is left out.
    double bin = 0.5e-3;
    /// "gaussian": sigma = width (the original's 20 samples at 0.5 ms = 10 ms), SciPy "reflect"
    /// edges. "box": centred moving average over int(width / bin) bins (at least 1), zero edges.
    std::string kernel = "gaussian";
    double width = 10e-3;       ///< 0: no smoothing
    double threshold_tol = 20;  ///< Hz; stopping rule of the iterative threshold
    int max_passes = 50;
    /// Segments shorter than this are dropped (kept when length in bins >=
    /// floor(min_lifetime / bin)); their neighbours are not merged.
    double min_lifetime = 20e-3;
    /// Length of one session (repeat): the window is cut into sessions of this length (the last
    /// may be shorter), each smoothed, thresholded and segmented on its own, as the original does
    /// per spike file; transitions never cross a session boundary. 0: one session. A whole
    /// multiple of bin.
    double session = 0;
    uint64_t first_step = 0;  ///< analysed steps are [first_step, last_step)
    uint64_t last_step = 0;
    /// smoothed_rates keeps every rates_every-th bin (1: all of them; 0: leave the array out).
    size_t rates_every = 1;
};

/// What attractor_states found. On failure `error` says why and the rest is empty.
struct AttractorResult {
    nlohmann::json summary;
    std::vector<NamedArray> arrays;
    std::string error;
};

/// Attractor states of the populations 0 .. populations-1 (spec §9).
///
/// spikes: (index relative to the monitored group, step); population[k] is the population of
/// neuron k, values outside 0 .. populations-1 mean "not analysed" (the caller passes only the
/// E clusters, as the original's batch processor does). Rates per bin are spikes / (bin * size);
/// they are smoothed per session, thresholded with threshold_activity, and cut into segments of
/// constant active sets. A state is the sorted set of active populations (the empty set is a
/// state), numbered by first appearance. Occurrences are the kept segments in time order; each
/// consecutive pair within one session is one transition, A -> A included when a dropped segment
/// sat between them. P[A][B] = count(A -> B) / occurrences(A).
///
/// summary: n_states, n_occurrences, n_segments (before dropping), n_sessions, bins, bin_s,
/// window_s, covered_s, mean/std(ddof 0)/median/max_lifetime_s over occurrences,
/// mean_state_lifetime_s (mean over states of their mean lifetime: the original's summary
/// figure), threshold_hz (mean over sessions of the threshold in use), passes (most over
/// sessions), converged (all sessions), sessions [{threshold_hz, threshold_history_hz,
/// rejected_hz, passes, converged}], states [{index, populations, occurrences, dwell_s,
/// probability, mean_lifetime_s, std_lifetime_s, first_start_s}].
///
/// arrays (S states, K occurrences, T bins, P populations, N sessions):
///   state_members [S, P] 0/1; state_occurrences, state_dwell_s, state_probability,
///   state_mean_lifetime_s [S]; state_sequence [K] (state of each occurrence);
///   occurrence_start_s, occurrence_end_s [K] (simulation time, rounded to 4 decimals);
///   lifetimes [K] (s, exact); occurrence_session [K]; occurrence_rates [K, P] (mean smoothed
///   rate of every population over the occurrence); transition_counts, transition_matrix [S, S];
///   bin_state [T] (state of the occurrence covering the bin, -1 in dropped segments);
///   states_by_size [P + 1] (states with k members); active_fraction_by_size [P + 1] (bins with
///   k active populations / T); population_occupancy [P] (dwell of the states containing the
///   population / window); thresholds_hz [N, P]; smoothed_rates [T', P] (every rates_every-th
///   bin, Hz).
AttractorResult attractor_states(const SpikeList& spikes, const std::vector<int>& population,
                                 size_t populations, double dt, const AttractorOptions& options);

}  // namespace nj::rt
