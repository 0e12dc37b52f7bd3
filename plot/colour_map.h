// The colour map of heat maps (viridis: perceptually uniform, readable in grey and by most
// colour-blind readers) and the palette of line series.
#pragma once

namespace nj::plot {

/// An RGB colour with components in [0, 1].
struct Colour {
    double r = 0, g = 0, b = 0;
};

/// The colour of `t` in [0, 1] (clamped); NaN gives light grey.
Colour viridis(double t);

/// The k-th colour of the series palette (cycles after ten).
Colour palette(int k);

}  // namespace nj::plot
