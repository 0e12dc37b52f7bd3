// The standard figures of a run directory: rasters, population rates, state traces, heat maps
// of recorded arrays, histograms of snapshots and of histogram metrics in summary.json.
#pragma once

#include "plot/figure.h"
#include "plot/run_contents.h"

#include <cstddef>
#include <string>
#include <vector>

namespace nj::plot {

/// How much of a large monitor a figure shows.
struct FigureLimits {
    std::size_t max_raster_points = 200000;  ///< spikes drawn per raster (uniform thinning)
    std::size_t traces_per_variable = 5;     ///< elements drawn per state variable
    std::size_t heat_map_min_elements = 6;   ///< state variables this wide also get a heat map
    std::size_t max_grid_cells = 4000000;    ///< heat map cells kept (block means beyond)
};

/// The figures of one entry of `contents`, reading its arrays. False with a sentence in
/// `*error` when an array cannot be read.
bool figures_for_entry(const RunContents& contents, const RunEntry& entry,
                       const FigureLimits& limits, std::vector<Figure>& figures,
                       std::string* error);

/// Bar charts of the metrics in summary.json that hold a histogram: an object with numeric
/// arrays `bin_edges` (n + 1 values) and `histogram` (n values), as `weight_stats` writes.
std::vector<Figure> metric_figures(const RunContents& contents);

}  // namespace nj::plot
