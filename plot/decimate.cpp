// Thinning, envelopes, block means and smoothing for large monitors.
#include "plot/decimate.h"

#include <algorithm>
#include <cmath>

namespace nj::plot {

std::size_t thin_points(std::vector<double>& x, std::vector<double>& y, std::size_t max_points) {
    std::size_t n = std::min(x.size(), y.size());
    if (max_points == 0 || n <= max_points) return 1;
    std::size_t stride = (n + max_points - 1) / max_points;
    std::size_t kept = 0;
    for (std::size_t k = 0; k < n; k += stride, ++kept) {
        x[kept] = x[k];
        y[kept] = y[k];
    }
    x.resize(kept);
    y.resize(kept);
    return stride;
}

void line_envelope(std::vector<double>& x, std::vector<double>& y, double x_lo, double x_hi,
                   std::size_t columns) {
    std::size_t n = std::min(x.size(), y.size());
    if (columns == 0 || n <= 2 * columns || !(x_hi > x_lo)) return;
    std::vector<double> ex, ey;
    std::size_t k = 0;
    while (k < n) {
        double c = std::floor((x[k] - x_lo) / (x_hi - x_lo) * static_cast<double>(columns));
        std::size_t lo = k, hi = k, end = k;
        while (end < n &&
               std::floor((x[end] - x_lo) / (x_hi - x_lo) * static_cast<double>(columns)) == c) {
            if (y[end] < y[lo]) lo = end;
            if (y[end] > y[hi]) hi = end;
            ++end;
        }
        if (end == k) end = k + 1;  // NaN x: a slice of its own
        for (std::size_t p : {std::min(lo, hi), std::max(lo, hi)}) {
            ex.push_back(x[p]);
            ey.push_back(y[p]);
            if (lo == hi) break;
        }
        k = end;
    }
    x = std::move(ex);
    y = std::move(ey);
}

std::vector<double> block_means(const std::vector<double>& values, std::size_t& rows,
                                std::size_t& cols, std::size_t max_rows, std::size_t max_cols) {
    std::size_t fr =
        std::max<std::size_t>(1, (rows + max_rows - 1) / std::max<std::size_t>(max_rows, 1));
    std::size_t fc =
        std::max<std::size_t>(1, (cols + max_cols - 1) / std::max<std::size_t>(max_cols, 1));
    if (fr == 1 && fc == 1) return values;
    std::size_t out_rows = (rows + fr - 1) / fr, out_cols = (cols + fc - 1) / fc;
    std::vector<double> sum(out_rows * out_cols, 0.0), count(out_rows * out_cols, 0.0);
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < cols; ++c) {
            double v = values[r * cols + c];
            if (std::isnan(v)) continue;
            std::size_t cell = (r / fr) * out_cols + c / fc;
            sum[cell] += v;
            count[cell] += 1;
        }
    }
    for (std::size_t k = 0; k < sum.size(); ++k) sum[k] = count[k] > 0 ? sum[k] / count[k] : NAN;
    rows = out_rows;
    cols = out_cols;
    return sum;
}

std::vector<double> moving_average(const std::vector<double>& values, std::size_t width) {
    std::size_t n = values.size();
    if (width <= 1 || n == 0) return values;
    std::vector<double> prefix(n + 1, 0.0);
    for (std::size_t k = 0; k < n; ++k) prefix[k + 1] = prefix[k] + values[k];
    std::vector<double> out(n);
    std::size_t half = width / 2;
    for (std::size_t k = 0; k < n; ++k) {
        // centred on k; near the ends the window is cut short rather than shifted, so a value
        // at the edge is the mean of the samples around it (a shifted window would hold the
        // first and last full-window means flat over half a window)
        std::size_t lo = k >= half ? k - half : 0;
        std::size_t hi = std::min(n, k + (width - half));
        out[k] = (prefix[hi] - prefix[lo]) / static_cast<double>(hi - lo);
    }
    return out;
}

}  // namespace nj::plot
