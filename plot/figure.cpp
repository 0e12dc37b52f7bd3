// Constructors of the common figure kinds: line plot, heat map, histogram.
#include "plot/figure.h"

#include <algorithm>
#include <cmath>

namespace nj::plot {

Figure line_figure(std::string name, std::string title, std::string x_label, std::string y_label,
                   std::vector<double> x, std::vector<double> y) {
    Figure f;
    f.name = std::move(name);
    f.title = std::move(title);
    f.x.label = std::move(x_label);
    f.y.label = std::move(y_label);
    Series s;
    s.x = std::move(x);
    s.y = std::move(y);
    f.series.push_back(std::move(s));
    return f;
}

Figure heat_map_figure(std::string name, std::string title, std::string x_label,
                       std::string y_label, HeatMap map) {
    Figure f;
    f.name = std::move(name);
    f.title = std::move(title);
    f.x.label = std::move(x_label);
    f.x.min = map.x0;
    f.x.max = map.x1;
    f.y.label = std::move(y_label);
    f.y.min = map.y0;
    f.y.max = map.y1;
    f.heat_map = std::move(map);
    return f;
}

Figure histogram_figure(std::string name, std::string title, std::string x_label,
                        const std::vector<double>& values, std::size_t bins) {
    Figure f;
    f.name = std::move(name);
    f.title = std::move(title);
    f.x.label = std::move(x_label);
    f.y.label = "count";
    f.y.whole_numbers = true;
    bins = std::max<std::size_t>(bins, 1);
    double lo = INFINITY, hi = -INFINITY;
    for (double v : values) {
        if (!std::isfinite(v)) continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (lo > hi) lo = 0, hi = 1;  // nothing finite: empty bars over [0, 1]
    if (lo == hi) {               // one distinct value: a bar of width |value| centred on it
        double half = 0.5 * std::max(std::abs(lo), 1e-12);
        lo -= half;
        hi += half;
    }
    Bars bars;
    for (std::size_t k = 0; k <= bins; ++k)
        bars.edges.push_back(lo + (hi - lo) * static_cast<double>(k) / static_cast<double>(bins));
    bars.heights.assign(bins, 0.0);
    for (double v : values) {
        if (!std::isfinite(v)) continue;
        auto k = static_cast<std::size_t>((v - lo) / (hi - lo) * static_cast<double>(bins));
        bars.heights[std::min(k, bins - 1)] += 1;
    }
    f.bars = std::move(bars);
    return f;
}

}  // namespace nj::plot
