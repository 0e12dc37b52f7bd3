// Round-number tick placement and compact labels.
#include "plot/ticks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nj::plot {

namespace {

double round_step(double lo, double hi, int target) {
    double raw = (hi - lo) / std::max(target, 1);
    double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double fraction = raw / magnitude;
    double nice = fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10;
    return nice * magnitude;
}

}  // namespace

Ticks nice_ticks(double lo, double hi, int target, bool whole_numbers) {
    Ticks ticks;
    if (!std::isfinite(lo) || !std::isfinite(hi) || hi <= lo) return ticks;
    ticks.step = round_step(lo, hi, target);
    if (whole_numbers) ticks.step = std::max(ticks.step, 1.0);
    double first = std::ceil(lo / ticks.step - 1e-9);
    for (double k = first; k * ticks.step <= hi + ticks.step * 1e-9; k += 1) {
        double v = k * ticks.step;
        ticks.values.push_back(std::abs(v) < ticks.step * 1e-9 ? 0.0 : v);
        if (ticks.values.size() > 100) break;  // guards against a step lost to rounding
    }
    return ticks;
}

std::string tick_label(double value, double step) {
    char text[32];
    if (value == 0) return "0";
    double magnitude = std::max(std::abs(value), step);
    if (magnitude >= 1e6 || step < 1e-4) {
        std::snprintf(text, sizeof text, "%.3g", value);
        return text;
    }
    int decimals = std::max(0, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

void round_out(double& lo, double& hi, int target) {
    if (!std::isfinite(lo) || !std::isfinite(hi) || hi <= lo) return;
    double step = round_step(lo, hi, target);
    lo = std::floor(lo / step + 1e-9) * step;
    hi = std::ceil(hi / step - 1e-9) * step;
}

}  // namespace nj::plot
