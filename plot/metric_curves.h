// Learning curves and other per-pass figures: an analysis inside a protocol loop leaves a list
// of entries in summary.json (one per pass, with the loop variables); each numeric field they
// share becomes a line over the passes.
#pragma once

#include "plot/figure.h"
#include "plot/run_contents.h"

#include <vector>

namespace nj::plot {

/// `curve_<metric>_<field>` for each list metric of two or more entries and each numeric field
/// every entry has and that changes over the passes (at most `fields_per_metric` of them, in the
/// entries' order).
std::vector<Figure> metric_curves(const RunContents& contents, std::size_t fields_per_metric = 8);

}  // namespace nj::plot
