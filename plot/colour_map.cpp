// Viridis by linear interpolation between nine samples, and a ten-colour series palette.
#include "plot/colour_map.h"

#include <cmath>

namespace nj::plot {

namespace {

constexpr unsigned viridis_samples[9] = {0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c,
                                         0x28ae80, 0x5ec962, 0xaddc30, 0xfde725};
constexpr unsigned palette_colours[10] = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
                                          0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf};

Colour from_hex(unsigned rgb) {
    return {((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0};
}

}  // namespace

Colour viridis(double t) {
    if (std::isnan(t)) return {0.85, 0.85, 0.85};
    t = std::fmin(std::fmax(t, 0.0), 1.0) * 8.0;
    int k = std::min(static_cast<int>(t), 7);
    double f = t - k;
    Colour a = from_hex(viridis_samples[k]);
    Colour b = from_hex(viridis_samples[k + 1]);
    return {a.r + f * (b.r - a.r), a.g + f * (b.g - a.g), a.b + f * (b.b - a.b)};
}

Colour palette(int k) {
    return from_hex(palette_colours[((k % 10) + 10) % 10]);
}

}  // namespace nj::plot
