// Reducing large data to what a figure can show: thinned point clouds, line envelopes, block
// means of grids, and a moving average.
#pragma once

#include <cstddef>
#include <vector>

namespace nj::plot {

/// Keeps every k-th point (k = ceil(n / max_points)) so at most `max_points` remain; returns
/// k (1 when nothing was dropped). Uniform thinning keeps the relative density of a raster.
std::size_t thin_points(std::vector<double>& x, std::vector<double>& y, std::size_t max_points);

/// For a line of many points with increasing x: per each of `columns` equal slices of
/// [x_lo, x_hi], the points with the smallest and the largest y, in x order, so peaks and
/// troughs survive. Lines of at most 2 × columns points are returned unchanged.
void line_envelope(std::vector<double>& x, std::vector<double>& y, double x_lo, double x_hi,
                   std::size_t columns);

/// Averages blocks of a rows × cols row-major grid so it has at most max_rows × max_cols
/// cells; updates rows and cols. NaN cells are left out of their block's mean.
std::vector<double> block_means(const std::vector<double>& values, std::size_t& rows,
                                std::size_t& cols, std::size_t max_rows, std::size_t max_cols);

/// Moving average over `width` samples, centred (at the ends over the samples that exist).
std::vector<double> moving_average(const std::vector<double>& values, std::size_t width);

}  // namespace nj::plot
