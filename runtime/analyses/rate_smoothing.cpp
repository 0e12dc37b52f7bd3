// Gaussian (reflecting edges) and centred boxcar (zero edges) smoothing of a rate trace.
#include "runtime/analyses/rate_smoothing.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace nj::rt {
namespace {

// Index of the sample that SciPy's "reflect" mode reads at position i of an n-sample trace:
// the trace extended by mirror images, which repeats with period 2n.
size_t reflect_index(int64_t i, int64_t n) {
    int64_t m = i % (2 * n);
    if (m < 0) m += 2 * n;
    if (m >= n) m = 2 * n - 1 - m;
    return static_cast<size_t>(m);
}

}  // namespace

std::vector<double> smooth_gaussian_reflect(std::span<const double> x, double sigma_bins) {
    std::vector<double> out(x.begin(), x.end());
    if (!(sigma_bins > 0) || x.empty()) return out;

    // SciPy truncates at int(4 sigma + 0.5), i.e. rounds half up for a positive sigma.
    auto radius = static_cast<int64_t>(std::floor(4.0 * sigma_bins + 0.5));
    std::vector<double> weights(static_cast<size_t>(2 * radius + 1));
    double total = 0;
    for (int64_t k = -radius; k <= radius; ++k) {
        double kd = static_cast<double>(k);
        double w = std::exp(-0.5 * kd * kd / (sigma_bins * sigma_bins));
        weights[static_cast<size_t>(k + radius)] = w;
        total += w;
    }
    for (double& w : weights) w /= total;

    // The trace with its mirror images on both sides, then one pass per tap over all outputs:
    // each output still sums its taps in order, and the passes vectorise.
    auto n = static_cast<int64_t>(x.size());
    std::vector<double> padded(static_cast<size_t>(n + 2 * radius));
    for (int64_t j = 0; j < n + 2 * radius; ++j) padded[static_cast<size_t>(j)] = x[reflect_index(j - radius, n)];
    std::fill(out.begin(), out.end(), 0.0);
    for (size_t k = 0; k < weights.size(); ++k) {
        const double w = weights[k];
        const double* shifted = padded.data() + k;
        for (size_t i = 0; i < out.size(); ++i) out[i] += w * shifted[i];
    }
    return out;
}

std::vector<double> smooth_box_same(std::span<const double> x, size_t length_bins) {
    std::vector<double> out(x.begin(), x.end());
    if (length_bins <= 1 || x.empty()) return out;

    auto n = static_cast<int64_t>(x.size());
    auto length = static_cast<int64_t>(length_bins);
    int64_t before = length / 2;
    // Direct sums rather than a running sum, so a silent stretch stays exactly zero.
    for (int64_t k = 0; k < n; ++k) {
        double sum = 0;
        for (int64_t j = k - before; j < k - before + length; ++j)
            if (j >= 0 && j < n) sum += x[static_cast<size_t>(j)];
        out[static_cast<size_t>(k)] = sum / static_cast<double>(length);
    }
    return out;
}

}  // namespace nj::rt
