// The iterative global activity threshold over smoothed population rates.
#include "runtime/analyses/activity_threshold.h"

#include <cmath>
#include <limits>

namespace nj::rt {
namespace {

void apply_thresholds(std::span<const double> rates, size_t populations,
                      ActivityThreshold& result) {
    result.active.assign(rates.size(), 0);
    for (size_t i = 0; i < rates.size(); ++i)
        result.active[i] = rates[i] > result.thresholds_hz[i % populations] ? 1 : 0;
}

double mean(const std::vector<double>& values) {
    double sum = 0;
    for (double v : values) sum += v;
    return sum / static_cast<double>(values.size());
}

// Mean rate over the active entries; NaN when none is active.
double mean_active_rate(std::span<const double> rates, const std::vector<uint8_t>& active) {
    double sum = 0;
    size_t count = 0;
    for (size_t i = 0; i < rates.size(); ++i) {
        if (!active[i]) continue;
        sum += rates[i];
        ++count;
    }
    return count ? sum / static_cast<double>(count) : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

ActivityThreshold threshold_activity(std::span<const double> rates, size_t bins, size_t populations,
                                     double tol_hz, int max_passes) {
    ActivityThreshold result;
    result.rejected_hz = std::numeric_limits<double>::quiet_NaN();
    result.thresholds_hz.assign(populations, 0.0);
    if (bins == 0 || populations == 0) {
        result.history_hz.push_back(0.0);
        result.converged = true;
        return result;
    }
    for (size_t t = 0; t < bins; ++t)
        for (size_t p = 0; p < populations; ++p)
            result.thresholds_hz[p] += rates[t * populations + p];
    for (double& th : result.thresholds_hz) th /= static_cast<double>(bins);
    apply_thresholds(rates, populations, result);
    result.history_hz.push_back(mean(result.thresholds_hz));

    for (int pass = 0; pass < max_passes; ++pass) {
        double m = mean_active_rate(rates, result.active);
        // No active entry gives NaN here, which stops like the spec's "nothing active" test.
        if (!std::isfinite(m)) {
            result.converged = true;
            return result;
        }
        if (std::abs(m - mean(result.thresholds_hz)) < tol_hz) {
            result.rejected_hz = m;
            result.converged = true;
            return result;
        }
        result.thresholds_hz.assign(populations, m);
        apply_thresholds(rates, populations, result);
        result.history_hz.push_back(m);
        ++result.passes;
    }
    return result;
}

}  // namespace nj::rt
