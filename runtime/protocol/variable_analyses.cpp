// Snapshots and weight statistics of a group or synapse variable.
#include "runtime/protocol/variable_analyses.h"

#include <algorithm>
#include <cmath>

namespace nj::rt {

std::vector<double> analysed_values(const ProtocolOp& op, const Network& network) {
    const std::vector<double> values = network.values(op.array);
    if (op.synapses >= 0) {
        size_t n = network.synapse_count(static_cast<size_t>(op.synapses));
        return {values.begin(), values.begin() + static_cast<std::ptrdiff_t>(n)};
    }
    const GroupPlan& g = network.plan().groups[static_cast<size_t>(op.groups[0])];
    auto first = values.begin() + static_cast<std::ptrdiff_t>(g.offset);
    return {first, first + static_cast<std::ptrdiff_t>(g.size)};
}

nlohmann::json weight_stats(const std::vector<double>& w, double w_min, double w_max, size_t bins) {
    double n = static_cast<double>(w.size());
    double sum = 0, sum_sq = 0, low = 0, high = 0;
    // numpy.isclose's defaults: |w - bound| <= 1e-8 + 1e-5 |bound|
    auto at = [](double w, double bound) { return std::abs(w - bound) <= 1e-8 + 1e-5 * std::abs(bound); };
    std::vector<size_t> histogram(bins, 0);
    for (double x : w) {
        sum += x;
        sum_sq += x * x;
        low += at(x, w_min) ? 1 : 0;
        high += at(x, w_max) ? 1 : 0;
        double position = std::floor((x - w_min) / (w_max - w_min) * static_cast<double>(bins));
        histogram[static_cast<size_t>(std::clamp(position, 0.0, static_cast<double>(bins - 1)))] += 1;
    }
    double mean = w.empty() ? 0 : sum / n;
    double variance = w.size() > 1 ? std::max(0.0, (sum_sq - n * mean * mean) / (n - 1)) : 0.0;
    std::vector<double> edges;
    for (size_t k = 0; k <= bins; ++k) edges.push_back(w_min + (w_max - w_min) * static_cast<double>(k) / static_cast<double>(bins));
    auto [lo, hi] = std::minmax_element(w.begin(), w.end());
    return {{"count", w.size()},
            {"mean", mean},
            {"sd", std::sqrt(variance)},
            {"min", w.empty() ? 0.0 : *lo},
            {"max", w.empty() ? 0.0 : *hi},
            {"fraction_at_min", w.empty() ? 0.0 : low / n},
            {"fraction_at_max", w.empty() ? 0.0 : high / n},
            {"histogram", histogram},
            {"bin_edges", edges}};
}

}  // namespace nj::rt
