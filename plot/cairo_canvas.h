// Cairo drawing helpers shared by the figure renderer: text, the plot frame with its ticks and
// labels, the legend and the colour bar. Compiled only in builds with Cairo.
#pragma once

#include "plot/colour_map.h"
#include "plot/figure.h"
#include "plot/ticks.h"

#include <cairo.h>

#include <string>

namespace nj::plot {

/// Logical size of every figure, in points (the PNG is drawn at twice this).
inline constexpr double figure_width = 960;
inline constexpr double figure_height = 600;

/// The plot area on the page and the data ranges it shows.
struct Frame {
    double left = 0, right = 0, top = 0, bottom = 0;  ///< page coordinates of the plot area
    double x_lo = 0, x_hi = 1, y_lo = 0, y_hi = 1;    ///< data ranges along x and y
    Ticks x_ticks, y_ticks;
    /// Page x of data x.
    double px(double x) const { return left + (x - x_lo) / (x_hi - x_lo) * (right - left); }
    /// Page y of data y (up is larger y).
    double py(double y) const { return bottom - (y - y_lo) / (y_hi - y_lo) * (bottom - top); }
};

/// Draws `text` with its anchor at (x, y): `ax` 0 left, 0.5 centre, 1 right; `ay` the same
/// from the top (0) to the bottom (1) of the text; rotated by `angle` radians about the anchor.
void draw_text(cairo_t* cr, const std::string& text, double x, double y, double size, double ax,
               double ay, double angle = 0, bool bold = false);

/// Width of `text` at font size `size`.
double text_width(cairo_t* cr, const std::string& text, double size);

/// Sets the source colour, with `alpha` opacity.
void set_colour(cairo_t* cr, const Colour& c, double alpha = 1);

/// Places the plot area on the page (room for title, tick labels, axis labels and, with
/// `colour_bar`, a colour bar) and chooses the ticks for the ranges already in `frame`.
void lay_out(cairo_t* cr, const Figure& figure, bool colour_bar, Frame& frame);

/// Light grid lines at the ticks (behind the data).
void draw_grid(cairo_t* cr, const Frame& frame);

/// The title and note, the frame, ticks, tick labels and axis labels.
void draw_axes(cairo_t* cr, const Figure& figure, const Frame& frame);

/// A legend in the upper right corner of the plot area for series with a label.
void draw_legend(cairo_t* cr, const Figure& figure, const Frame& frame);

/// A vertical colour bar right of the plot area for values in [lo, hi], with `label`.
void draw_colour_bar(cairo_t* cr, const Frame& frame, double lo, double hi,
                     const std::string& label);

}  // namespace nj::plot
