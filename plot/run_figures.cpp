// Building the run-directory figures from monitors and snapshots, with decimation notes.
#include "plot/run_figures.h"

#include "plot/decimate.h"
#include "plot/unit_label.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nj::plot {

namespace {

double max_abs(const std::vector<double>& values) {
    double m = 0;
    for (double v : values) {
        if (std::isfinite(v)) m = std::max(m, std::abs(v));
    }
    return m;
}

std::string count_text(double n) {
    char text[32];
    std::snprintf(text, sizeof text, "%.0f", n);
    std::string digits = text;
    for (int k = static_cast<int>(digits.size()) - 3; k > 0 && digits[k - 1] != '-'; k -= 3)
        digits.insert(static_cast<size_t>(k), ",");
    return digits;
}

std::string number_text(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", v);
    return text;
}

/// "2nd", "3rd", "11th", "21st".
std::string ordinal(size_t n) {
    size_t last = n % 10, tens = n % 100;
    const char* suffix = tens >= 11 && tens <= 13 ? "th"
                         : last == 1              ? "st"
                         : last == 2              ? "nd"
                         : last == 3              ? "rd"
                                                  : "th";
    return std::to_string(n) + suffix;
}

/// A duration in its own unit: "100 µs", "5 ms", "1.5 s".
std::string duration_text(double seconds) {
    DisplayUnit unit = display_unit("second", seconds);
    return number_text(seconds * unit.factor) + " " + unit.symbol;
}

/// "<model>, mode <mode>" for the note line.
std::string run_label(const RunContents& c) {
    std::string label = c.model.empty() ? c.dir.filename().string() : c.model;
    return c.mode.empty() ? label : label + ", mode " + c.mode;
}

void scale(std::vector<double>& values, double factor) {
    if (factor == 1) return;
    for (double& v : values) v *= factor;
}

/// The time unit of a figure: from the run's simulated time, else the latest recorded time.
DisplayUnit time_unit(const RunContents& c, const std::vector<double>& t) {
    return display_unit("second", c.simulated_s.value_or(max_abs(t)));
}

void set_time_axis(Figure& f, const RunContents& c, const std::vector<double>& t,
                   const DisplayUnit& unit) {
    f.x.label = axis_label("time", unit);
    f.x.min = 0;
    double end = c.simulated_s.value_or(t.empty() ? 0 : *std::max_element(t.begin(), t.end()));
    if (end > 0) f.x.max = end * unit.factor;
}

Series series(std::vector<double> x, std::vector<double> y, std::string label, int colour) {
    Series s;
    s.x = std::move(x);
    s.y = std::move(y);
    s.label = std::move(label);
    s.colour = colour;
    return s;
}

bool read_all(const RunEntry& entry, std::vector<NpyArray>& arrays, std::string* error) {
    arrays.resize(entry.files.size());
    for (size_t k = 0; k < entry.files.size(); ++k) {
        if (!read_npy_array(entry.files[k], arrays[k], error)) return false;
    }
    return true;
}

Figure raster(const RunContents& c, const RunEntry& e, std::vector<NpyArray>& a,
              const FigureLimits& limits) {
    std::vector<double>& i = a[0].values;
    std::vector<double>& t = a[1].values;
    size_t n = t.size();
    double top = i.empty() ? 0 : *std::max_element(i.begin(), i.end());
    DisplayUnit unit = time_unit(c, t);
    Figure f;
    f.name = "raster_" + e.name;
    f.title = e.name + ": spike raster";
    set_time_axis(f, c, t, unit);
    f.y.label = "neuron index";
    f.y.min = -0.5;
    f.y.max = top + 0.5;
    f.y.whole_numbers = true;
    scale(t, unit.factor);
    size_t stride = thin_points(t, i, limits.max_raster_points);
    f.note = run_label(c) + " · " + count_text(static_cast<double>(n)) + " spikes";
    if (n == 0) f.note += " (none recorded)";
    if (stride > 1) f.note += " · every " + ordinal(stride) + " spike drawn";
    Series dots = series(std::move(t), std::move(i), "", 0);
    dots.style = Series::Style::Dots;
    dots.width = dots.x.size() > 50000 ? 0.9 : dots.x.size() > 5000 ? 1.4 : 2.2;
    f.series.push_back(std::move(dots));
    return f;
}

Figure rate(const RunContents& c, const RunEntry& e, std::vector<NpyArray>& a) {
    std::vector<double>& r = a[0].values;
    std::vector<double>& t = a[1].values;
    DisplayUnit unit = time_unit(c, t);
    double bin_s = t.size() > 1 ? t[1] - t[0] : 0;
    Figure f;
    f.name = "rate_" + e.name;
    f.title = e.name + ": population rate";
    f.note = run_label(c) + " · " + count_text(static_cast<double>(r.size())) + " bins";
    set_time_axis(f, c, t, unit);
    f.y.label = "rate (Hz)";
    f.y.min = 0.0;
    // A window of 1/200 of the run keeps bursts visible at any length; at least 5 ms (but at
    // most a tenth of the run), because per-bin rates of short bins are mostly counting noise.
    size_t min_width = bin_s > 0 ? static_cast<size_t>(std::lround(0.005 / bin_s)) : 1;
    size_t width = std::max({size_t{1}, r.size() / 200, std::min(min_width, r.size() / 10)});
    std::vector<double> smooth = moving_average(r, width);
    scale(t, unit.factor);
    std::string bin_text = duration_text(bin_s);
    std::string window_text = duration_text(bin_s * static_cast<double>(width));
    bool smoothed = width > 1;
    Series raw = series(t, std::move(r), smoothed ? "per bin (" + bin_text + ")" : "", 0);
    raw.width = 1.0;
    raw.faint = smoothed;
    f.series.push_back(std::move(raw));
    if (smoothed) {
        f.series.push_back(series(std::move(t), std::move(smooth), "mean over " + window_text, 0));
        f.series.back().width = 1.8;
    }
    return f;
}

/// Column `element` of a rows × width array.
std::vector<double> column(const std::vector<double>& values, size_t width, size_t element) {
    std::vector<double> out;
    for (size_t k = element; k < values.size(); k += width) out.push_back(values[k]);
    return out;
}

Figure traces(const RunContents& c, const RunEntry& e, const std::string& var, const NpyArray& data,
              const std::vector<double>& t_s, const FigureLimits& limits) {
    size_t width = static_cast<size_t>(data.header.shape[1]);
    DisplayUnit tu = time_unit(c, t_s);
    auto found = c.units.find(e.name + "_" + var);
    DisplayUnit vu =
        display_unit(found == c.units.end() ? "" : found->second, max_abs(data.values));
    Figure f;
    f.name = "state_" + e.name + "_" + var;
    f.title = e.name + ": " + var;
    set_time_axis(f, c, t_s, tu);
    f.y.label = axis_label(var, vu);
    size_t shown = std::min(width, limits.traces_per_variable);
    f.note = run_label(c) + " · " + std::to_string(shown) + " of " + std::to_string(width) +
             " recorded elements";
    std::vector<double> t = t_s;
    scale(t, tu.factor);
    for (size_t k = 0; k < shown; ++k) {
        size_t element = shown == 1 ? 0
                                    : static_cast<size_t>(std::lround(
                                          static_cast<double>(k) * static_cast<double>(width - 1) /
                                          static_cast<double>(shown - 1)));
        std::vector<double> y = column(data.values, width, element);
        scale(y, vu.factor);
        f.series.push_back(
            series(t, std::move(y), width > 1 ? "element " + std::to_string(element) : "", -1));
    }
    return f;
}

/// A heat map with elements along y and time along x.
Figure state_map(const RunContents& c, const RunEntry& e, const std::string& var,
                 const NpyArray& data, const std::vector<double>& t_s, const FigureLimits& limits) {
    size_t steps = static_cast<size_t>(data.header.shape[0]);
    size_t width = static_cast<size_t>(data.header.shape[1]);
    std::vector<double> transposed(data.values.size());
    for (size_t r = 0; r < steps; ++r) {
        for (size_t k = 0; k < width; ++k) transposed[k * steps + r] = data.values[r * width + k];
    }
    auto found = c.units.find(e.name + "_" + var);
    DisplayUnit vu =
        display_unit(found == c.units.end() ? "" : found->second, max_abs(data.values));
    scale(transposed, vu.factor);
    DisplayUnit tu = time_unit(c, t_s);
    HeatMap map;
    map.rows = width;
    map.cols = steps;
    size_t side = static_cast<size_t>(std::sqrt(static_cast<double>(limits.max_grid_cells)));
    map.values = block_means(transposed, map.rows, map.cols, side, side);
    double dt = steps > 1 ? t_s[1] - t_s[0] : 0;
    map.x0 = (t_s.empty() ? 0 : t_s.front()) * tu.factor;
    map.x1 = (t_s.empty() ? 1 : t_s.back() + dt) * tu.factor;
    map.y0 = -0.5;
    map.y1 = static_cast<double>(width) - 0.5;
    map.colour_label = axis_label(var, vu);
    Figure f = heat_map_figure("heatmap_" + e.name + "_" + var,
                               e.name + ": " + var + " of every recorded element",
                               axis_label("time", tu), "recorded element", std::move(map));
    f.y.whole_numbers = true;
    f.note = run_label(c) + " · " + std::to_string(width) + " elements × " +
             count_text(static_cast<double>(steps)) + " samples";
    return f;
}

Figure histogram(const RunContents& c, const RunEntry& e, const NpyArray& data) {
    auto found = c.units.find(e.name);
    DisplayUnit vu =
        display_unit(found == c.units.end() ? "" : found->second, max_abs(data.values));
    std::vector<double> values = data.values;
    scale(values, vu.factor);
    size_t bins = std::clamp<size_t>(
        static_cast<size_t>(std::sqrt(static_cast<double>(values.size()))), 10, 60);
    Figure f = histogram_figure("hist_" + e.name, e.name + ": distribution of values",
                                axis_label(e.name, vu), values, bins);
    double sum = 0;
    for (double v : data.values) sum += v;
    f.note = run_label(c) + " · " + count_text(static_cast<double>(values.size())) +
             " values, mean " + number_text(sum / static_cast<double>(values.size()) * vu.factor) +
             (vu.symbol.empty() ? "" : " " + vu.symbol);
    return f;
}

Figure matrix(const RunContents& c, const RunEntry& e, const NpyArray& data,
              const FigureLimits& limits) {
    auto found = c.units.find(e.name);
    DisplayUnit vu =
        display_unit(found == c.units.end() ? "" : found->second, max_abs(data.values));
    HeatMap map;
    map.rows = static_cast<size_t>(data.header.shape[0]);
    map.cols = static_cast<size_t>(data.header.shape[1]);
    map.x0 = -0.5;
    map.x1 = static_cast<double>(map.cols) - 0.5;
    map.y0 = -0.5;
    map.y1 = static_cast<double>(map.rows) - 0.5;
    std::vector<double> values = data.values;
    scale(values, vu.factor);
    size_t side = static_cast<size_t>(std::sqrt(static_cast<double>(limits.max_grid_cells)));
    map.values = block_means(values, map.rows, map.cols, side, side);
    map.colour_label = axis_label(e.name, vu);
    Figure f =
        heat_map_figure("matrix_" + e.name, e.name + ": matrix", "column", "row", std::move(map));
    f.x.whole_numbers = true;
    f.y.whole_numbers = true;
    f.note = run_label(c) + " · " + std::to_string(data.header.shape[0]) + " × " +
             std::to_string(data.header.shape[1]);
    return f;
}

/// The numbers of a JSON array; false when an element is not a number.
bool numbers(const nlohmann::json& array, std::vector<double>& out) {
    for (const auto& v : array) {
        if (!v.is_number()) return false;
        out.push_back(v.get<double>());
    }
    return true;
}

}  // namespace

bool figures_for_entry(const RunContents& contents, const RunEntry& entry,
                       const FigureLimits& limits, std::vector<Figure>& figures,
                       std::string* error) {
    std::vector<NpyArray> arrays;
    if (!read_all(entry, arrays, error)) return false;
    switch (entry.kind) {
        case RunEntry::Kind::Spikes:
            figures.push_back(raster(contents, entry, arrays, limits));
            break;
        case RunEntry::Kind::Rate:
            figures.push_back(rate(contents, entry, arrays));
            break;
        case RunEntry::Kind::Snapshot:
            figures.push_back(histogram(contents, entry, arrays[0]));
            break;
        case RunEntry::Kind::Matrix:
            figures.push_back(matrix(contents, entry, arrays[0], limits));
            break;
        case RunEntry::Kind::State:
            for (size_t v = 0; v < entry.variables.size(); ++v) {
                const NpyArray& data = arrays[v + 1];
                figures.push_back(
                    traces(contents, entry, entry.variables[v], data, arrays[0].values, limits));
                if (data.header.shape[1] >= limits.heat_map_min_elements) {
                    figures.push_back(state_map(contents, entry, entry.variables[v], data,
                                                arrays[0].values, limits));
                }
            }
            break;
    }
    return true;
}

std::vector<Figure> metric_figures(const RunContents& contents) {
    std::vector<Figure> figures;
    for (const auto& [name, metric] : contents.metrics.items()) {
        if (!metric.is_object() || !metric.contains("bin_edges") || !metric.contains("histogram"))
            continue;
        const auto& edges = metric["bin_edges"];
        const auto& counts = metric["histogram"];
        if (!edges.is_array() || !counts.is_array() || edges.size() != counts.size() + 1 ||
            counts.empty())
            continue;
        Bars bars;
        if (!numbers(edges, bars.edges) || !numbers(counts, bars.heights)) continue;
        std::string unit = metric.contains("unit") && metric["unit"].is_string()
                               ? metric["unit"].get<std::string>()
                               : "";
        DisplayUnit du =
            display_unit(unit, std::max(std::abs(bars.edges.front()), std::abs(bars.edges.back())));
        scale(bars.edges, du.factor);
        Figure f;
        f.name = "metric_" + name;
        f.title = name + ": histogram (summary.json)";
        f.note = run_label(contents);
        f.x.label = axis_label(name, du);
        f.y.label = "count";
        f.bars = std::move(bars);
        figures.push_back(std::move(f));
    }
    return figures;
}

}  // namespace nj::plot
