// Text, frame, ticks, legend and colour bar of a figure, drawn with Cairo.
#include "plot/cairo_canvas.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

namespace nj::plot {

namespace {

constexpr double title_size = 17;
constexpr double note_size = 11.5;
constexpr double tick_size = 12.5;
constexpr double label_size = 14;
constexpr double tick_length = 5;
constexpr Colour ink{0.15, 0.15, 0.15};
constexpr Colour muted{0.40, 0.40, 0.40};

void select_font(cairo_t* cr, double size, bool bold) {
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

double widest_label(cairo_t* cr, const Ticks& ticks) {
    double w = 0;
    for (double v : ticks.values)
        w = std::max(w, text_width(cr, tick_label(v, ticks.step), tick_size));
    return w;
}

/// Number of (sampled) data points of `figure` inside the page rectangle.
std::size_t points_inside(const Figure& figure, const Frame& f, double x, double y, double w,
                          double h) {
    std::size_t inside = 0;
    for (const auto& s : figure.series) {
        std::size_t n = std::min(s.x.size(), s.y.size());
        std::size_t stride = std::max<std::size_t>(1, n / 5000);
        for (std::size_t k = 0; k < n; k += stride) {
            double px = f.px(s.x[k]), py = f.py(s.y[k]);
            inside += px >= x && px <= x + w && py >= y && py <= y + h ? 1 : 0;
        }
    }
    return inside;
}

/// The top-left corner of the legend: the corner of the plot area that hides the least data.
std::pair<double, double> legend_corner(const Figure& figure, const Frame& f, double w, double h) {
    const double inset = 8;
    const std::pair<double, double> corners[] = {{f.right - w - inset, f.top + inset},
                                                 {f.left + inset, f.top + inset},
                                                 {f.right - w - inset, f.bottom - h - inset},
                                                 {f.left + inset, f.bottom - h - inset}};
    std::pair<double, double> best = corners[0];
    std::size_t fewest = SIZE_MAX;
    for (const auto& c : corners) {
        std::size_t n = points_inside(figure, f, c.first, c.second, w, h);
        if (n < fewest) fewest = n, best = c;
    }
    return best;
}

}  // namespace

void draw_text(cairo_t* cr, const std::string& text, double x, double y, double size, double ax,
               double ay, double angle, bool bold) {
    if (text.empty()) return;
    select_font(cr, size, bold);
    cairo_text_extents_t te;
    cairo_text_extents(cr, text.c_str(), &te);
    cairo_font_extents_t fe;
    cairo_font_extents(cr, &fe);
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_rotate(cr, angle);
    // Vertical placement uses the font's ascent and descent, so labels of one row line up.
    double height = fe.ascent + fe.descent;
    cairo_move_to(cr, -ax * te.x_advance, -ay * height + fe.ascent);
    cairo_show_text(cr, text.c_str());
    cairo_restore(cr);
}

double text_width(cairo_t* cr, const std::string& text, double size) {
    select_font(cr, size, false);
    cairo_text_extents_t te;
    cairo_text_extents(cr, text.c_str(), &te);
    return te.x_advance;
}

void set_colour(cairo_t* cr, const Colour& c, double alpha) {
    cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha);
}

void lay_out(cairo_t* cr, const Figure& figure, bool colour_bar, Frame& frame) {
    frame.y_ticks = nice_ticks(frame.y_lo, frame.y_hi, 6, figure.y.whole_numbers);
    frame.x_ticks = nice_ticks(frame.x_lo, frame.x_hi, 8, figure.x.whole_numbers);
    double y_labels = widest_label(cr, frame.y_ticks);
    frame.left = 24 + (figure.y.label.empty() ? 0 : label_size + 10) + y_labels + tick_length + 6;
    frame.top = figure.note.empty() ? 52 : 68;
    frame.bottom = figure_height - (figure.x.label.empty() ? 40 : 64);
    frame.right = figure_width - (colour_bar ? 140 : 30);
}

void draw_grid(cairo_t* cr, const Frame& f) {
    cairo_set_line_width(cr, 0.6);
    set_colour(cr, {0.88, 0.88, 0.88});
    for (double v : f.x_ticks.values) {
        cairo_move_to(cr, f.px(v), f.top);
        cairo_line_to(cr, f.px(v), f.bottom);
    }
    for (double v : f.y_ticks.values) {
        cairo_move_to(cr, f.left, f.py(v));
        cairo_line_to(cr, f.right, f.py(v));
    }
    cairo_stroke(cr);
}

void draw_axes(cairo_t* cr, const Figure& figure, const Frame& f) {
    set_colour(cr, ink);
    draw_text(cr, figure.title, (f.left + f.right) / 2, 14, title_size, 0.5, 0, 0, true);
    set_colour(cr, muted);
    draw_text(cr, figure.note, (f.left + f.right) / 2, 38, note_size, 0.5, 0);
    set_colour(cr, ink);
    cairo_set_line_width(cr, 1.0);
    cairo_rectangle(cr, f.left, f.top, f.right - f.left, f.bottom - f.top);
    for (double v : f.x_ticks.values) {
        cairo_move_to(cr, f.px(v), f.bottom);
        cairo_rel_line_to(cr, 0, tick_length);
    }
    for (double v : f.y_ticks.values) {
        cairo_move_to(cr, f.left, f.py(v));
        cairo_rel_line_to(cr, -tick_length, 0);
    }
    cairo_stroke(cr);
    for (double v : f.x_ticks.values) {
        draw_text(cr, tick_label(v, f.x_ticks.step), f.px(v), f.bottom + tick_length + 3, tick_size,
                  0.5, 0);
    }
    double y_labels = widest_label(cr, f.y_ticks);
    for (double v : f.y_ticks.values) {
        draw_text(cr, tick_label(v, f.y_ticks.step), f.left - tick_length - 4, f.py(v), tick_size,
                  1, 0.5);
    }
    draw_text(cr, figure.x.label, (f.left + f.right) / 2, figure_height - 14, label_size, 0.5, 1);
    double y_label_x = f.left - tick_length - 6 - y_labels - 8;
    draw_text(cr, figure.y.label, y_label_x, (f.top + f.bottom) / 2, label_size, 0.5, 1, -M_PI / 2);
}

void draw_legend(cairo_t* cr, const Figure& figure, const Frame& f) {
    double width = 0;
    int entries = 0;
    for (const auto& s : figure.series) {
        if (s.label.empty()) continue;
        width = std::max(width, text_width(cr, s.label, tick_size));
        ++entries;
    }
    if (entries == 0) return;
    double row = tick_size * 1.5, box_w = width + 44, box_h = row * entries + 8;
    auto [x, y] = legend_corner(figure, f, box_w, box_h);
    cairo_rectangle(cr, x, y, box_w, box_h);
    set_colour(cr, {1, 1, 1}, 0.85);
    cairo_fill_preserve(cr);
    set_colour(cr, {0.75, 0.75, 0.75});
    cairo_set_line_width(cr, 0.8);
    cairo_stroke(cr);
    int k = 0;
    for (size_t n = 0; n < figure.series.size(); ++n) {
        const Series& s = figure.series[n];
        if (s.label.empty()) continue;
        double cy = y + 4 + row * (k++ + 0.5);
        set_colour(cr, palette(s.colour >= 0 ? s.colour : static_cast<int>(n)), s.faint ? 0.35 : 1);
        cairo_set_line_width(cr, std::max(s.width, 2.0));
        cairo_move_to(cr, x + 8, cy);
        cairo_line_to(cr, x + 30, cy);
        cairo_stroke(cr);
        set_colour(cr, ink);
        draw_text(cr, s.label, x + 36, cy, tick_size, 0, 0.5);
    }
}

void draw_colour_bar(cairo_t* cr, const Frame& f, double lo, double hi, const std::string& label) {
    double x = f.right + 18, w = 16;
    // Viridis is linear between its samples, so a gradient with those stops reproduces it.
    cairo_pattern_t* gradient = cairo_pattern_create_linear(0, f.bottom, 0, f.top);
    for (int k = 0; k <= 8; ++k) {
        Colour c = viridis(k / 8.0);
        cairo_pattern_add_color_stop_rgb(gradient, k / 8.0, c.r, c.g, c.b);
    }
    cairo_rectangle(cr, x, f.top, w, f.bottom - f.top);
    cairo_set_source(cr, gradient);
    cairo_fill_preserve(cr);
    cairo_pattern_destroy(gradient);
    set_colour(cr, ink);
    cairo_set_line_width(cr, 0.8);
    cairo_stroke(cr);
    Ticks ticks = nice_ticks(lo, hi, 6);
    double widest = 0;
    for (double v : ticks.values) {
        double y = f.bottom - (v - lo) / (hi - lo) * (f.bottom - f.top);
        cairo_move_to(cr, x + w, y);
        cairo_rel_line_to(cr, 4, 0);
        cairo_stroke(cr);
        std::string text = tick_label(v, ticks.step);
        widest = std::max(widest, text_width(cr, text, tick_size));
        draw_text(cr, text, x + w + 7, y, tick_size, 0, 0.5);
    }
    draw_text(cr, label, x + w + 12 + widest, (f.top + f.bottom) / 2, label_size, 0.5, 0,
              -M_PI / 2);
}

}  // namespace nj::plot
