// Axis ticks at round numbers (1, 2, 5 × 10^k) and their labels.
#pragma once

#include <string>
#include <vector>

namespace nj::plot {

/// Tick positions and the spacing between them.
struct Ticks {
    std::vector<double> values;
    double step = 1;
};

/// About `target` ticks at multiples of a round step (1, 2 or 5 × 10^k) within [lo, hi];
/// with `whole_numbers` the step is at least 1. A degenerate or non-finite range gives no ticks.
Ticks nice_ticks(double lo, double hi, int target, bool whole_numbers = false);

/// A tick label as short as the step allows: "0", "0.25", "1500", "2e-05" (never "-0").
std::string tick_label(double value, double step);

/// Widens [lo, hi] to the enclosing round steps of `nice_ticks` (for axes that start at a tick).
void round_out(double& lo, double& hi, int target);

}  // namespace nj::plot
