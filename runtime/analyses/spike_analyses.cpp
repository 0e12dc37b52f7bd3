// Population-vector decoding errors, tuning widths, smoothed rate maxima and spike counts.
#include "runtime/analyses/spike_analyses.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <numbers>

namespace nj::rt {
namespace {

constexpr double pi = std::numbers::pi;
constexpr double two_pi = 2.0 * std::numbers::pi;
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// numpy's floor modulo (np.mod): the result takes the sign of the divisor, so a tiny negative
// angle becomes 2*pi rather than staying negative, as in the original analysis.
double floor_mod(double a, double m) {
    double r = std::fmod(a, m);
    if (r == 0.0) return std::copysign(0.0, m);
    return (r < 0) != (m < 0) ? r + m : r;
}

// Into [-pi, pi).
double wrap_angle(double a) {
    return floor_mod(a + pi, two_pi) - pi;
}

// Sums of unit vectors e^{ia}: their circular mean and circular SD.
struct CircularSum {
    double sin_sum = 0, cos_sum = 0;
    size_t count = 0;

    void add(double a) {
        sin_sum += std::sin(a);
        cos_sum += std::cos(a);
        ++count;
    }
    double mean_angle() const {
        double n = static_cast<double>(count);
        return std::atan2(sin_sum / n, cos_sum / n);
    }
    // R = |mean e^{ia}| clipped to [1e-12, 1], SD = sqrt(-2 ln R).
    double sd() const {
        double n = static_cast<double>(count);
        double r = std::clamp(std::hypot(sin_sum / n, cos_sum / n), 1e-12, 1.0);
        return std::sqrt(-2.0 * std::log(r));
    }
};

// The true angle of every step (spec §7 step 4); NaN where the window masks the step.
std::vector<double> true_angles(const std::vector<double>& x, size_t steps,
                                const std::optional<std::pair<double, double>>& window) {
    std::vector<double> theta(steps, nan);
    if (steps == 0) return theta;
    if (window) {
        auto [lo, hi] = *window;
        for (size_t k = 0; k < steps; ++k)
            if (x[k] >= lo && x[k] <= hi) theta[k] = two_pi * (x[k] - lo) / (hi - lo);
        return theta;
    }
    auto [lo, hi] = std::minmax_element(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(steps));
    // The 1e-12 keeps the largest X just below 2*pi: start and end of a sweep are neighbours.
    for (size_t k = 0; k < steps; ++k) theta[k] = two_pi * (x[k] - *lo) / (*hi - *lo + 1e-12);
    return theta;
}

// Decoded angle per step from the boxcar-smoothed counts (spec §7 steps 2-3); NaN where the
// smoothed population is silent. `binned` holds (step, neuron) sorted by step.
std::vector<double> decoded_angles(const std::vector<std::pair<uint64_t, uint32_t>>& binned,
                                   size_t steps, size_t population, size_t smooth_bins) {
    std::vector<double> cos_phi(population), sin_phi(population);
    for (size_t j = 0; j < population; ++j) {
        double phi = two_pi * static_cast<double>(j) / static_cast<double>(population);
        cos_phi[j] = std::cos(phi);
        sin_phi[j] = std::sin(phi);
    }
    // numpy 'same' centres a length-L kernel so bin k sums raw bins k - L/2 .. k - L/2 + L - 1.
    auto left = static_cast<int64_t>(smooth_bins / 2);
    auto length = static_cast<int64_t>(smooth_bins);
    std::vector<double> theta_hat(steps, nan);
    size_t begin = 0, end = 0;
    for (size_t k = 0; k < steps; ++k) {
        int64_t lo = static_cast<int64_t>(k) - left, hi = lo + length - 1;
        while (end < binned.size() && static_cast<int64_t>(binned[end].first) <= hi) ++end;
        while (begin < end && static_cast<int64_t>(binned[begin].first) < lo) ++begin;
        if (begin == end) continue;
        double c = 0, s = 0;
        for (size_t i = begin; i < end; ++i) {
            c += cos_phi[binned[i].second];
            s += sin_phi[binned[i].second];
        }
        theta_hat[k] = floor_mod(std::atan2(s, c), two_pi);
    }
    return theta_hat;
}

// Index of the half-open position bin [2*pi*b/B, 2*pi*(b+1)/B) holding theta; B if none.
size_t position_bin(double theta, size_t bins) {
    if (bins == 0 || !(theta >= 0.0) || !(theta < two_pi)) return bins;
    double step = two_pi / static_cast<double>(bins);
    auto b = static_cast<size_t>(std::floor(theta / step));
    // Division rounding can land one bin off the linspace edges b * step; correct it.
    if (b >= bins) b = bins - 1;
    if (theta < static_cast<double>(b) * step)
        --b;
    else if (b + 1 < bins && theta >= static_cast<double>(b + 1) * step)
        ++b;
    return b;
}

// Per-position-bin bias and trial spread of the decoding errors (spec §7 steps 6-7).
nlohmann::json summarise_errors(const std::vector<double>& error, const std::vector<double>& theta,
                                size_t position_bins, size_t n_spikes) {
    std::vector<CircularSum> per_bin(position_bins);
    CircularSum all;
    for (size_t k = 0; k < error.size(); ++k) {
        if (std::isnan(error[k])) continue;
        all.add(error[k]);
        size_t b = position_bin(theta[k], position_bins);
        if (b < position_bins) per_bin[b].add(error[k]);
    }
    std::vector<double> bias(position_bins, nan);
    for (size_t b = 0; b < position_bins; ++b)
        if (per_bin[b].count > 0) bias[b] = per_bin[b].mean_angle();
    std::vector<CircularSum> spread(position_bins);
    for (size_t k = 0; k < error.size(); ++k) {
        if (std::isnan(error[k])) continue;
        size_t b = position_bin(theta[k], position_bins);
        if (b < position_bins) spread[b].add(wrap_angle(error[k] - bias[b]));
    }
    CircularSum biases;
    double trial_sq = 0;
    for (size_t b = 0; b < position_bins; ++b) {
        if (per_bin[b].count == 0) continue;
        biases.add(bias[b]);
        double trial = per_bin[b].count >= 2 ? spread[b].sd() : 0.0;
        trial_sq += trial * trial;
    }
    double sigma = pi, delta = pi;
    if (biases.count > 0) {
        sigma = biases.sd();
        delta = std::sqrt(trial_sq / static_cast<double>(biases.count));
    } else if (all.count > 0) {
        sigma = delta = all.sd();
    }
    double steps = static_cast<double>(error.size());
    return {{"sigma_theta_rad", sigma},
            {"delta_trial_rad", delta},
            {"valid_fraction", error.empty() ? 0.0 : static_cast<double>(all.count) / steps},
            {"bins_defined", biases.count},
            {"n_spikes", n_spikes}};
}

// numpy.histogram's bin of x for `bins` equal bins over [lo, hi] (the last bin is closed):
// the scaled index, corrected against the linspace edges lo + b * (hi - lo) / bins.
size_t histogram_bin(double x, double lo, double hi, size_t bins) {
    auto edge = [&](size_t b) {
        return b == bins ? hi
                         : lo + static_cast<double>(b) * ((hi - lo) / static_cast<double>(bins));
    };
    double norm = static_cast<double>(bins) / (hi - lo);
    auto b = static_cast<size_t>((x - lo) * norm);
    if (b >= bins) b = bins - 1;
    if (x < edge(b))
        --b;
    else if (b + 1 < bins && x >= edge(b + 1))
        ++b;
    return b;
}

// Width of one neuron's tuning curve given its spike counts and the steps spent per x-bin;
// NaN if its peak rate is below min_peak_hz.
double neuron_width(const uint64_t* counts, const std::vector<uint64_t>& occupancy,
                    double min_peak_hz, double dt, double bin_width) {
    size_t bins = occupancy.size();
    std::vector<double> rate(bins, nan);
    double peak = -std::numeric_limits<double>::infinity();
    for (size_t b = 0; b < bins; ++b) {
        if (occupancy[b] == 0) continue;
        rate[b] = static_cast<double>(counts[b]) / (static_cast<double>(occupancy[b]) * dt);
        peak = std::max(peak, rate[b]);
    }
    if (!(peak >= min_peak_hz)) return nan;
    size_t wide = 0;
    for (double r : rate) wide += r >= peak / 2 ? 1 : 0;  // NaN (never visited) counts false
    return static_cast<double>(wide) * bin_width;
}

// Kernel of Brian2's smooth_rate(window='gaussian', width): exp(-k^2 / (2 w^2)) for
// k = -round(2w) .. round(2w), divided by its sum.
std::vector<double> gaussian_window(double width_steps) {
    if (!(width_steps > 0)) return {1.0};
    auto half = static_cast<int64_t>(std::nearbyint(2.0 * width_steps));
    std::vector<double> window;
    double sum = 0;
    for (int64_t k = -half; k <= half; ++k) {
        auto kk = static_cast<double>(k * k);
        window.push_back(std::exp(-kk / (2.0 * width_steps * width_steps)));
        sum += window.back();
    }
    for (double& w : window) w /= sum;
    return window;
}

}  // namespace

nlohmann::json pv_metrics(const SpikeList& spikes, const std::vector<double>& positions,
                          const PvOptions& options) {
    uint64_t span =
        options.last_step > options.first_step ? options.last_step - options.first_step : 0;
    assert(positions.size() == span && "one position per analysed step");
    size_t steps = std::min<uint64_t>(span, positions.size());
    std::vector<double> theta = true_angles(positions, steps, options.window);
    // Raw bins outside the window are zeroed before smoothing: their spikes are dropped here.
    std::vector<std::pair<uint64_t, uint32_t>> binned;
    for (auto [j, step] : spikes) {
        if (step < options.first_step || step - options.first_step >= steps) continue;
        uint64_t k = step - options.first_step;
        if (j >= options.population || (options.window && std::isnan(theta[k]))) continue;
        binned.emplace_back(k, j);
    }
    std::sort(binned.begin(), binned.end());
    std::vector<double> theta_hat =
        decoded_angles(binned, steps, options.population, std::max<size_t>(options.smooth_bins, 1));
    std::vector<double> error(steps, nan);
    for (size_t k = 0; k < steps; ++k)
        if (!std::isnan(theta_hat[k]) && !std::isnan(theta[k]))
            error[k] = wrap_angle(theta_hat[k] - theta[k]);
    return summarise_errors(error, theta, options.position_bins,
                            spike_count(spikes, options.first_step, options.last_step));
}

nlohmann::json tuning_width(const SpikeList& spikes, const std::vector<double>& positions,
                            uint64_t first_step, size_t population, size_t bins, double min_peak_hz,
                            double dt, std::vector<double>* rate_map) {
    nlohmann::json undefined = {{"mean", nullptr}, {"sd", nullptr}, {"neurons", 0}};
    if (positions.empty() || bins == 0) return undefined;
    auto [lo_it, hi_it] = std::minmax_element(positions.begin(), positions.end());
    double lo = *lo_it, hi = *hi_it;
    if (!(hi > lo)) return undefined;
    std::vector<size_t> bin_of(positions.size());
    std::vector<uint64_t> occupancy(bins, 0);
    for (size_t k = 0; k < positions.size(); ++k) {
        bin_of[k] = histogram_bin(positions[k], lo, hi, bins);
        ++occupancy[bin_of[k]];
    }
    std::vector<uint64_t> counts(population * bins, 0);
    for (auto [j, step] : spikes)
        if (j < population && step >= first_step && step - first_step < positions.size())
            ++counts[j * bins + bin_of[step - first_step]];
    if (rate_map) {
        rate_map->assign(population * bins, nan);
        for (size_t j = 0; j < population; ++j) {
            for (size_t b = 0; b < bins; ++b) {
                if (occupancy[b] > 0) {
                    (*rate_map)[j * bins + b] =
                        static_cast<double>(counts[j * bins + b]) / (static_cast<double>(occupancy[b]) * dt);
                }
            }
        }
    }
    std::vector<double> widths;
    double bin_width = (hi - lo) / static_cast<double>(bins);
    for (size_t j = 0; j < population; ++j) {
        double w = neuron_width(&counts[j * bins], occupancy, min_peak_hz, dt, bin_width);
        if (!std::isnan(w)) widths.push_back(w);
    }
    // The spec reports mean and SD as a pair, NaN for both when fewer than 2 neurons qualify.
    if (widths.size() < 2) return {{"mean", nullptr}, {"sd", nullptr}, {"neurons", widths.size()}};
    double n = static_cast<double>(widths.size()), sum = 0, ss = 0;
    for (double w : widths) sum += w;
    double mean = sum / n;
    for (double w : widths) ss += (w - mean) * (w - mean);
    return {{"mean", mean}, {"sd", std::sqrt(ss / (n - 1))}, {"neurons", widths.size()}};
}

double max_smoothed_rate(const std::vector<double>& rate, double width_steps) {
    if (rate.empty()) return nan;
    std::vector<double> window = gaussian_window(width_steps);
    auto n = static_cast<int64_t>(rate.size()), m = static_cast<int64_t>(window.size());
    // numpy 'same' returns max(n, m) values of the full convolution, starting at
    // short - 1 - short / 2 for the shorter length `short` (it swaps the arguments if needed).
    int64_t shorter = std::min(n, m), start = shorter - 1 - shorter / 2;
    double best = -std::numeric_limits<double>::infinity();
    for (int64_t i = 0; i < std::max(n, m); ++i) {
        int64_t t = i + start;
        double sum = 0;
        for (int64_t p = std::max<int64_t>(0, t - m + 1); p <= std::min(n - 1, t); ++p)
            sum += rate[static_cast<size_t>(p)] * window[static_cast<size_t>(t - p)];
        best = std::max(best, sum);
    }
    return best;
}

size_t spike_count(const SpikeList& spikes, uint64_t first_step, uint64_t last_step) {
    return static_cast<size_t>(std::count_if(spikes.begin(), spikes.end(), [&](const auto& s) {
        return s.second >= first_step && s.second < last_step;
    }));
}

}  // namespace nj::rt
