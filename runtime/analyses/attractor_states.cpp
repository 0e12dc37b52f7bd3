// Attractor-state analysis: binning, per-session smoothing and thresholding, segmentation into
// states, then the state table, transitions and the result's JSON and arrays.
#include "runtime/analyses/attractor_states.h"

#include "runtime/analyses/activity_threshold.h"
#include "runtime/analyses/attractor_report.h"
#include "runtime/analyses/population_rates.h"
#include "runtime/analyses/rate_smoothing.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <span>
#include <sstream>

namespace nj::rt {
namespace {

std::string seconds(double x) {
    std::ostringstream out;
    out << x << " s";
    return out.str();
}

// n when x is n >= 1 whole units (to 1e-9 relative), else 0.
uint64_t whole_multiple(double x, double unit) {
    double n = std::round(x / unit);
    if (!(n >= 1) || std::abs(x - n * unit) > 1e-9 * x) return 0;
    return static_cast<uint64_t>(n);
}

std::string check_options(const AttractorOptions& o, double dt) {
    if (!(dt > 0)) return "the time step must be positive";
    if (!(o.bin > 0)) return "the rate bin must be positive, not " + seconds(o.bin);
    if (whole_multiple(o.bin, dt) == 0)
        return "the rate bin (" + seconds(o.bin) + ") must be a whole multiple of the time step (" +
               seconds(dt) + ")";
    if (o.kernel != "gaussian" && o.kernel != "box")
        return "unknown smoothing kernel '" + o.kernel + "' (expected 'gaussian' or 'box')";
    if (!(o.width >= 0)) return "the smoothing width must not be negative";
    if (!(o.threshold_tol >= 0)) return "the threshold tolerance must not be negative";
    if (o.max_passes < 0) return "the number of threshold passes must not be negative";
    if (!(o.min_lifetime >= 0)) return "the minimal lifetime must not be negative";
    if (!(o.session >= 0)) return "the session length must not be negative";
    if (o.session > 0 && whole_multiple(o.session, o.bin) == 0)
        return "the session length (" + seconds(o.session) +
               ") must be a whole multiple of the rate bin (" + seconds(o.bin) + ")";
    if (o.last_step <= o.first_step) return "the analysed window of steps is empty";
    if ((o.last_step - o.first_step) < whole_multiple(o.bin, dt))
        return "the analysed window is shorter than one rate bin";
    return "";
}

std::string check_populations(const std::vector<int>& population, size_t populations,
                              const std::vector<size_t>& sizes) {
    if (population.empty()) return "the monitored group has no neurons";
    if (populations == 0) return "there are no populations to analyse";
    for (size_t p = 0; p < populations; ++p)
        if (sizes[p] == 0) return "population " + std::to_string(p) + " has no neurons";
    return "";
}

AttractorGrid make_grid(const AttractorOptions& o, double dt) {
    AttractorGrid g;
    g.steps_per_bin = whole_multiple(o.bin, dt);
    // The bin as given, not steps_per_bin * dt, so the same bin reads the same at any dt.
    g.bin_s = o.bin;
    g.first_step = o.first_step;
    g.dt = dt;
    g.bins = static_cast<size_t>((o.last_step - o.first_step) / g.steps_per_bin);
    g.session_bins =
        o.session > 0 ? static_cast<size_t>(whole_multiple(o.session, g.bin_s)) : g.bins;
    if (g.session_bins == 0) g.session_bins = g.bins;
    // The original's int(ms // dt_ms) floors in floating point (20 // 0.1 gives 199); the small
    // allowance keeps whole ratios whole.
    g.min_bins = static_cast<size_t>(std::floor(o.min_lifetime / g.bin_s + 1e-9));
    return g;
}

// Rates [T, P] in Hz: spikes per bin / (bin * population size).
std::vector<double> binned_rates(const SpikeList& spikes, const std::vector<int>& population,
                                 const std::vector<size_t>& sizes, const AttractorGrid& g) {
    size_t populations = sizes.size();
    std::vector<double> rates(g.bins * populations, 0.0);
    uint64_t end_step = g.first_step + g.bins * g.steps_per_bin;
    for (auto [index, step] : spikes) {
        if (step < g.first_step || step >= end_step || index >= population.size()) continue;
        int p = population[index];
        if (p < 0 || static_cast<size_t>(p) >= populations) continue;
        size_t bin = static_cast<size_t>((step - g.first_step) / g.steps_per_bin);
        rates[bin * populations + static_cast<size_t>(p)] += 1;
    }
    for (size_t i = 0; i < rates.size(); ++i)
        rates[i] /= g.bin_s * static_cast<double>(sizes[i % populations]);
    return rates;
}

// Smooths every population's trace over the bins [b0, b1) in place.
void smooth_session(std::vector<double>& rates, size_t populations, size_t b0, size_t b1,
                    const AttractorOptions& o, double bin_s) {
    std::vector<double> trace(b1 - b0);
    for (size_t p = 0; p < populations; ++p) {
        for (size_t t = b0; t < b1; ++t) trace[t - b0] = rates[t * populations + p];
        std::vector<double> smooth =
            o.kernel == "box"
                ? smooth_box_same(trace,
                                  std::max<size_t>(1, static_cast<size_t>(o.width / bin_s + 1e-9)))
                : smooth_gaussian_reflect(trace, o.width / bin_s);
        for (size_t t = b0; t < b1; ++t) rates[t * populations + p] = smooth[t - b0];
    }
}

// Cuts the bins [b0, b1) of one session into runs of constant active sets; keeps the runs of
// at least min_bins bins as occurrences, states numbered by first appearance.
void segment_session(AttractorAnalysis& a, size_t session, size_t b0, size_t b1,
                     const AttractorGrid& g, std::map<std::vector<int>, size_t>& ids) {
    size_t populations = a.populations;
    auto row = [&](size_t t) { return a.active.begin() + static_cast<ptrdiff_t>(t * populations); };
    size_t start = b0;
    for (size_t t = b0 + 1; t <= b1; ++t) {
        if (t < b1 && std::equal(row(t), row(t) + static_cast<ptrdiff_t>(populations), row(start)))
            continue;
        ++a.segments;
        if (t - start >= g.min_bins) {
            std::vector<int> members;
            for (size_t p = 0; p < populations; ++p)
                if (row(start)[static_cast<ptrdiff_t>(p)]) members.push_back(static_cast<int>(p));
            auto [it, inserted] = ids.emplace(members, a.states.size());
            if (inserted) a.states.push_back(members);
            a.occurrences.push_back({session, start, t, it->second});
        }
        start = t;
    }
}

}  // namespace

AttractorResult attractor_states(const SpikeList& spikes, const std::vector<int>& population,
                                 size_t populations, double dt, const AttractorOptions& options) {
    AttractorResult result;
    std::vector<size_t> sizes = population_sizes(population, populations);
    result.error = check_options(options, dt);
    if (result.error.empty()) result.error = check_populations(population, populations, sizes);
    if (!result.error.empty()) return result;

    AttractorGrid grid = make_grid(options, dt);
    AttractorAnalysis a;
    a.populations = populations;
    a.rates = binned_rates(spikes, population, sizes, grid);
    a.active.reserve(a.rates.size());
    std::map<std::vector<int>, size_t> ids;
    for (size_t b0 = 0; b0 < grid.bins; b0 += grid.session_bins) {
        size_t b1 = std::min(grid.bins, b0 + grid.session_bins);
        smooth_session(a.rates, populations, b0, b1, options, grid.bin_s);
        std::span<const double> session_rates(a.rates.data() + b0 * populations,
                                              (b1 - b0) * populations);
        ActivityThreshold th = threshold_activity(session_rates, b1 - b0, populations,
                                                  options.threshold_tol, options.max_passes);
        a.active.insert(a.active.end(), th.active.begin(), th.active.end());
        th.active.clear();
        a.thresholds.push_back(std::move(th));
        segment_session(a, a.thresholds.size() - 1, b0, b1, grid, ids);
    }
    result.summary = attractor_summary(a, grid);
    result.arrays = attractor_arrays(a, grid, options.rates_every);
    return result;
}

}  // namespace nj::rt
