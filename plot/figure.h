// A figure as plain data (axes, lines, dots, bars, a heat map), drawn by write_figure.
//
// Any code may build a Figure and call write_figure (plot/render_figure.h); the run-directory
// figures (plot/run_figures.h) are built this way, and an analysis can declare its own.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace nj::plot {

/// One axis: its label (unit included, e.g. "time (ms)") and an optional fixed range.
struct Axis {
    std::string label;
    std::optional<double> min;   ///< lower end; from the data when unset
    std::optional<double> max;   ///< upper end; from the data when unset
    bool whole_numbers = false;  ///< ticks only at whole numbers (indices, counts)
};

/// Points drawn as a connected line or as separate dots.
struct Series {
    enum class Style { Line, Dots };
    std::vector<double> x;
    std::vector<double> y;
    Style style = Style::Line;
    std::string label;   ///< legend entry; no legend entry when empty
    int colour = -1;     ///< palette index; -1: the series' position in the figure
    double width = 1.5;  ///< line width, or dot size, in points
    bool faint = false;  ///< drawn lighter (e.g. raw data under a smoothed curve)
};

/// A histogram: `heights.size()` bars between consecutive `edges`.
struct Bars {
    std::vector<double> edges;
    std::vector<double> heights;
};

/// A grid of values coloured through a colour map, with a colour bar.
struct HeatMap {
    std::size_t rows = 0;
    std::size_t cols = 0;
    std::vector<double> values;  ///< rows × cols, row-major; row 0 is drawn at the bottom
    double x0 = 0, x1 = 1;     ///< x extent of the grid (left edge of column 0, right of the last)
    double y0 = 0, y1 = 1;     ///< y extent (bottom of row 0, top of the last row)
    std::string colour_label;  ///< label of the colour bar, with unit
};

/// Everything one figure shows; written as `<name>.png` and `<name>.svg`.
struct Figure {
    std::string name;  ///< file stem, e.g. "raster_spikes_E"
    std::string title;
    std::string note;  ///< one line under the title, e.g. what was decimated
    Axis x;
    Axis y;
    std::vector<Series> series;
    std::optional<Bars> bars;
    std::optional<HeatMap> heat_map;
};

/// A line plot of y over x with the given labels; add more series to `series` as needed.
Figure line_figure(std::string name, std::string title, std::string x_label, std::string y_label,
                   std::vector<double> x, std::vector<double> y);

/// A heat map of `values` (rows × cols, row 0 at the bottom) over the given extents.
Figure heat_map_figure(std::string name, std::string title, std::string x_label,
                       std::string y_label, HeatMap map);

/// A histogram of `values` in `bins` equal bins between their minimum and maximum.
Figure histogram_figure(std::string name, std::string title, std::string x_label,
                        const std::vector<double>& values, std::size_t bins);

}  // namespace nj::plot
