// Figures that analyses declare in summary.json: a metric (or each entry of a per-pass list)
// may hold "figures": [{"name", "kind": "line" | "heat_map", "x", "y", "title", "x_label",
// "y_label"}], where x and y name arrays of the run directory (file stems). A line plots y over
// x (over the index when x is absent); a heat map shows the 2-D array y.
#pragma once

#include "plot/figure.h"
#include "plot/run_contents.h"

#include <string>
#include <vector>

namespace nj::plot {

/// `figure_<name>` for every declaration whose arrays can be read; a declaration naming a
/// missing or unreadable array, or one of the wrong shape, adds a note instead.
std::vector<Figure> declared_figures(const RunContents& contents, std::vector<std::string>& notes);

}  // namespace nj::plot
