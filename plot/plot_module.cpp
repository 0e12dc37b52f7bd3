// The plotting module (libneurojit_plot.so), which alone links Cairo: data ranges, lines, dots,
// bars and heat maps, then PNG and SVG output. The program calls it through write_figure.
#include "plot/plot_module.h"

#include "plot/cairo_canvas.h"
#include "plot/decimate.h"
#include "runtime/io/atomic_file.h"
#include "runtime/io/io_error.h"

#include <cairo-svg.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace nj::plot {

namespace fs = std::filesystem;

namespace {

constexpr double png_scale = 2;
/// Beyond this many dots an SVG gets the dots as one embedded image, so it stays small.
constexpr std::size_t max_vector_dots = 20000;

struct Extent {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    void add(double v) {
        if (!std::isfinite(v)) return;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
};

/// Resolves an axis range: fixed ends from the axis, the rest from the data (with `pad`).
void resolve(const Axis& axis, Extent data, double pad, double& lo, double& hi) {
    if (!(data.lo <= data.hi)) data = {0, 1};
    double span = data.hi - data.lo;
    lo = axis.min.value_or(data.lo - pad * span);
    hi = axis.max.value_or(data.hi + pad * span);
    if (hi > lo) return;
    double half = std::max(std::abs(lo) * 0.5, 0.5);  // one value only: centre it
    lo = axis.min && !axis.max ? lo : lo - half;
    hi = axis.min && !axis.max ? lo + 2 * half : hi + half;
}

void data_ranges(const Figure& figure, Frame& frame) {
    Extent x, y;
    for (const auto& s : figure.series) {
        for (double v : s.x) x.add(v);
        for (double v : s.y) y.add(v);
    }
    double y_pad = figure.series.empty() ? 0 : 0.05;
    if (figure.bars) {
        for (double e : figure.bars->edges) x.add(e);
        y.add(0);
        for (double h : figure.bars->heights) y.add(h);
        y_pad = 0.05;
    }
    if (figure.heat_map) {
        x.add(figure.heat_map->x0), x.add(figure.heat_map->x1);
        y.add(figure.heat_map->y0), y.add(figure.heat_map->y1);
    }
    resolve(figure.x, x, 0, frame.x_lo, frame.x_hi);
    resolve(figure.y, y, y_pad, frame.y_lo, frame.y_hi);
    if (figure.bars && !figure.y.min) frame.y_lo = 0;
}

void draw_line(cairo_t* cr, const Frame& f, const Series& s) {
    std::vector<double> x = s.x, y = s.y;
    line_envelope(x, y, f.x_lo, f.x_hi, static_cast<std::size_t>(f.right - f.left) * 2);
    bool pen_down = false;
    for (std::size_t k = 0; k < std::min(x.size(), y.size()); ++k) {
        if (!std::isfinite(x[k]) || !std::isfinite(y[k])) {
            pen_down = false;  // a gap in the data is a gap in the line
            continue;
        }
        if (pen_down)
            cairo_line_to(cr, f.px(x[k]), f.py(y[k]));
        else
            cairo_move_to(cr, f.px(x[k]), f.py(y[k]));
        pen_down = true;
    }
    cairo_set_line_width(cr, s.width);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
}

void draw_dots(cairo_t* cr, const Frame& f, const Series& s) {
    double d = s.width;
    for (std::size_t k = 0; k < std::min(s.x.size(), s.y.size()); ++k) {
        if (!std::isfinite(s.x[k]) || !std::isfinite(s.y[k])) continue;
        cairo_rectangle(cr, f.px(s.x[k]) - d / 2, f.py(s.y[k]) - d / 2, d, d);
    }
    cairo_fill(cr);
}

/// Dots drawn into an image of the plot area at PNG resolution, painted as one picture.
void draw_dots_as_image(cairo_t* cr, const Frame& f, const Series& s, const Colour& c,
                        double alpha) {
    int w = static_cast<int>(std::ceil((f.right - f.left) * png_scale));
    int h = static_cast<int>(std::ceil((f.bottom - f.top) * png_scale));
    cairo_surface_t* image = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    cairo_t* icr = cairo_create(image);
    cairo_scale(icr, png_scale, png_scale);
    cairo_translate(icr, -f.left, -f.top);
    set_colour(icr, c, alpha);
    draw_dots(icr, f, s);
    cairo_destroy(icr);
    cairo_save(cr);
    cairo_translate(cr, f.left, f.top);
    cairo_scale(cr, 1 / png_scale, 1 / png_scale);
    cairo_set_source_surface(cr, image, 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_surface_destroy(image);
}

void draw_bars(cairo_t* cr, const Frame& f, const Bars& bars) {
    for (std::size_t k = 0; k < bars.heights.size() && k + 1 < bars.edges.size(); ++k) {
        double x0 = f.px(bars.edges[k]), x1 = f.px(bars.edges[k + 1]);
        cairo_rectangle(cr, x0, f.py(bars.heights[k]), x1 - x0, f.py(0) - f.py(bars.heights[k]));
    }
    set_colour(cr, palette(0), 0.85);
    cairo_fill_preserve(cr);
    set_colour(cr, {1, 1, 1});
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
}

Extent value_range(const std::vector<double>& values) {
    Extent e;
    for (double v : values) e.add(v);
    if (!(e.lo <= e.hi)) e = {0, 1};
    if (e.hi == e.lo)
        e = {e.lo - std::max(std::abs(e.lo) * 0.5, 0.5),
             e.hi + std::max(std::abs(e.hi) * 0.5, 0.5)};
    return e;
}

void draw_heat_map(cairo_t* cr, const Frame& f, const HeatMap& map, const Extent& range) {
    std::size_t rows = map.rows, cols = map.cols;
    if (rows == 0 || cols == 0 || map.values.size() != rows * cols) return;
    auto max_rows = static_cast<std::size_t>((f.bottom - f.top) * png_scale);
    auto max_cols = static_cast<std::size_t>((f.right - f.left) * png_scale);
    std::vector<double> cells = block_means(map.values, rows, cols, max_rows, max_cols);
    cairo_surface_t* image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(cols),
                                                        static_cast<int>(rows));
    cairo_surface_flush(image);
    unsigned char* data = cairo_image_surface_get_data(image);
    int stride = cairo_image_surface_get_stride(image);
    for (std::size_t r = 0; r < rows; ++r) {
        auto* line = reinterpret_cast<std::uint32_t*>(
            data + static_cast<std::ptrdiff_t>(rows - 1 - r) * stride);
        for (std::size_t c = 0; c < cols; ++c) {
            Colour k = viridis((cells[r * cols + c] - range.lo) / (range.hi - range.lo));
            line[c] = (static_cast<std::uint32_t>(k.r * 255 + 0.5) << 16) |
                      (static_cast<std::uint32_t>(k.g * 255 + 0.5) << 8) |
                      static_cast<std::uint32_t>(k.b * 255 + 0.5);
        }
    }
    cairo_surface_mark_dirty(image);
    cairo_save(cr);
    double x0 = f.px(map.x0), y1 = f.py(map.y1);
    cairo_translate(cr, x0, y1);
    cairo_scale(cr, (f.px(map.x1) - x0) / static_cast<double>(cols),
                (f.py(map.y0) - y1) / static_cast<double>(rows));
    cairo_set_source_surface(cr, image, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_surface_destroy(image);
}

void draw_content(cairo_t* cr, const Figure& figure, const Frame& f, bool vector) {
    cairo_save(cr);
    cairo_rectangle(cr, f.left, f.top, f.right - f.left, f.bottom - f.top);
    cairo_clip(cr);
    if (figure.heat_map)
        draw_heat_map(cr, f, *figure.heat_map, value_range(figure.heat_map->values));
    if (figure.bars) draw_bars(cr, f, *figure.bars);
    for (std::size_t n = 0; n < figure.series.size(); ++n) {
        const Series& s = figure.series[n];
        Colour c = palette(s.colour >= 0 ? s.colour : static_cast<int>(n));
        double alpha = s.faint ? 0.35 : 1;
        if (s.style == Series::Style::Line) {
            set_colour(cr, c, alpha);
            draw_line(cr, f, s);
        } else if (vector && s.x.size() > max_vector_dots) {
            draw_dots_as_image(cr, f, s, c, alpha);
        } else {
            set_colour(cr, c, alpha);
            draw_dots(cr, f, s);
        }
    }
    cairo_restore(cr);
}

void draw_figure(cairo_t* cr, const Figure& figure, bool vector) {
    set_colour(cr, {1, 1, 1});
    cairo_paint(cr);
    Frame frame;
    data_ranges(figure, frame);
    lay_out(cr, figure, figure.heat_map.has_value(), frame);
    if (!figure.heat_map) draw_grid(cr, frame);
    draw_content(cr, figure, frame, vector);
    draw_axes(cr, figure, frame);
    draw_legend(cr, figure, frame);
    if (figure.heat_map) {
        Extent range = value_range(figure.heat_map->values);
        draw_colour_bar(cr, frame, range.lo, range.hi, figure.heat_map->colour_label);
    }
}

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

/// Draws the figure at `png_scale` times its size and encodes it as PNG into `bytes`; false with
/// Cairo's reason in `why`.
bool render_png(const Figure& figure, std::string& bytes, std::string& why) {
    cairo_surface_t* surface =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(figure_width * png_scale),
                                   static_cast<int>(figure_height * png_scale));
    cairo_t* cr = cairo_create(surface);
    cairo_scale(cr, png_scale, png_scale);
    draw_figure(cr, figure, false);
    cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_write_to_png_stream(surface, append_bytes, &bytes);
    cairo_surface_destroy(surface);
    why = cairo_status_to_string(status);
    return status == CAIRO_STATUS_SUCCESS;
}

/// Draws the figure as SVG into `bytes`; false with Cairo's reason in `why`.
bool render_svg(const Figure& figure, std::string& bytes, std::string& why) {
    cairo_surface_t* surface =
        cairo_svg_surface_create_for_stream(append_bytes, &bytes, figure_width, figure_height);
    cairo_t* cr = cairo_create(surface);
    draw_figure(cr, figure, true);
    cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);  // the SVG is complete only once the surface is finished
    if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    why = cairo_status_to_string(status);
    return status == CAIRO_STATUS_SUCCESS;
}

/// write_figure (render_figure.h), as the program calls it through the module's table.
bool draw_and_write(const Figure& figure, const fs::path& dir, std::vector<fs::path>& written,
                    std::string* error) {
    for (bool svg : {false, true}) {
        fs::path path = dir / (figure.name + (svg ? ".svg" : ".png"));
        std::string bytes, why;
        bool drawn = svg ? render_svg(figure, bytes, why) : render_png(figure, bytes, why);
        if (!drawn) return rt::store_error(error, "cannot draw '" + path.string() + "': " + why);
        if (!rt::write_file_atomically(path, bytes, error)) return false;
        written.push_back(path);
    }
    return true;
}

}  // namespace

}  // namespace nj::plot

NJ_MODULE_EXPORT const nj::rt::ModuleHeader* neurojit_plot_module() {
    static const nj::plot::PlotModule table{{nj::plot::kPlotModuleInterface, sizeof(nj::plot::PlotModule)},
                                            &nj::plot::draw_and_write};
    return &table.header;
}
