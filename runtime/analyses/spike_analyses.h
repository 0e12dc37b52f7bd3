// Spike-train analyses of one population: population-vector decoding errors, tuning widths,
// the Gaussian-smoothed maximum of a rate trace and windowed spike counts. Pure functions of
// spike lists and position traces; nothing here knows about the network or the compiler.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace nj::rt {

/// Spikes of one population: (element index relative to the population, step number).
/// Order does not matter; spikes with an index >= the population size are ignored.
using SpikeList = std::vector<std::pair<uint32_t, uint64_t>>;

/// What pv_metrics analyses and how.
struct PvOptions {
    uint64_t first_step = 0;  ///< analysed steps are [first_step, last_step)
    uint64_t last_step = 0;
    size_t population = 0;       ///< n: neuron j gets the angle 2*pi*j/n
    size_t position_bins = 100;  ///< B equal bins of the true angle over [0, 2*pi)
    /// Boxcar length L in steps. Bin k becomes the mean of raw bins k - L/2 .. k - L/2 + L - 1
    /// (integer division; numpy's convolve 'same': k-10..k+9 for L = 20, k-10..k+10 for 21).
    /// Treated as 1 when 0.
    size_t smooth_bins = 20;
    /// Evaluation window [x_lo, x_hi] of the position; steps outside it are masked.
    std::optional<std::pair<double, double>> window;
};

/// Population-vector decoding errors of a ring code (neuron j of n encodes the angle 2πj/n):
/// spikes binned per step (steps outside the window zeroed), boxcar-smoothed, decoded as the circular
/// mean of the neurons' angles, compared with the true angle of the position, grouped into
/// position bins.
///
/// positions[k] is X at step first_step + k (k = 0 .. N-1, N = last_step - first_step; should
/// hold N values, fewer shorten N). Spikes outside the steps are ignored. The time step cancels
/// in the decode (a smoothed bin is either 0 or at least one spike / (L dt) >> 1e-12), so
/// counts are used throughout. Returns
///   sigma_theta_rad:  circular SD of the per-position-bin biases (fallbacks: circular SD of
///                     all defined errors when no position bin has one, pi when none exists),
///   delta_trial_rad:  sqrt(mean over position bins of the within-bin circular SD squared),
///                     same fallbacks,
///   valid_fraction:   steps with a defined error (inside the window) / N, 0 when N = 0,
///   bins_defined:     position bins holding at least one defined error,
///   n_spikes:         spikes in the analysed steps (before the window mask).
/// A silent population gives pi, pi, 0, 0.
nlohmann::json pv_metrics(const SpikeList& spikes, const std::vector<double>& positions,
                          const PvOptions& options);

/// Tuning widths ("FWHM", spec §7): `bins` equal x-bins over [min X, max X] of the analysed
/// steps (numpy histogram edges: the last bin includes max X); the rate of neuron j in bin b is
/// its spikes while X was in b / (steps in b * dt). For each neuron whose peak rate is >=
/// min_peak_hz, width = (number of bins with rate >= peak/2, not necessarily contiguous) *
/// (max X - min X) / bins. Bins X never visited are skipped (no rate, never counted).
/// positions[k] is X at step first_step + k. Returns {"mean", "sd" (ddof 1), "neurons"} where
/// neurons is the number of qualifying neurons; mean and sd are both null (NaN) when fewer than
/// 2 neurons qualify, as the spec reports "NaN if < 2" for the pair. A constant or empty
/// position trace has no width: null, null, 0. With `rate_map`, it also gets every neuron's
/// tuning curve: population rows of `bins` rates in Hz (NaN in bins X never visited).
nlohmann::json tuning_width(const SpikeList& spikes, const std::vector<double>& positions,
                            uint64_t first_step, size_t population, size_t bins, double min_peak_hz,
                            double dt, std::vector<double>* rate_map = nullptr);

/// Largest value of `rate` (one value per step) smoothed as Brian2's
/// PopulationRateMonitor.smooth_rate(window='gaussian', width) does: kernel
/// exp(-k^2 / (2 w^2)) for k = -m..m with m = round(2 w) (round half to even), w = width_steps
/// unrounded, normalised to sum 1, numpy convolve 'same' (zero padding; output length
/// max(len(rate), 2m + 1) as numpy gives). For w = 20 steps the kernel spans k = -40..40.
/// width_steps <= 0 leaves the rate unsmoothed. NaN for an empty rate.
double max_smoothed_rate(const std::vector<double>& rate, double width_steps);

/// Number of spikes with step in [first_step, last_step).
size_t spike_count(const SpikeList& spikes, uint64_t first_step, uint64_t last_step);

}  // namespace nj::rt
