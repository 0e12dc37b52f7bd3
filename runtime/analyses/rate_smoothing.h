// Smoothing of one binned rate trace along time, as the attractor analysis (spec §9 step 2)
// does it: a Gaussian with SciPy's "reflect" edges, or a centred moving average with zero edges.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace nj::rt {

/// scipy.ndimage.gaussian_filter1d(x, sigma_bins) with its defaults (mode "reflect", truncate 4):
/// weights exp(-k^2 / (2 sigma^2)) for k = -r .. r with r = int(4 sigma + 0.5), normalised to
/// sum 1; samples beyond an edge mirror the trace including the edge sample (d c b a | a b c d |
/// d c b a), repeated as often as the kernel needs. Mass is conserved. sigma_bins <= 0 returns
/// x unchanged.
std::vector<double> smooth_gaussian_reflect(std::span<const double> x, double sigma_bins);

/// numpy.convolve(x, ones(L) / L, "same") for L = length_bins: out[k] is the sum of
/// x[k - L/2 .. k - L/2 + L - 1] / L (integer division, zeros outside the trace), so k-2..k+1 for
/// L = 4 and k-2..k+2 for L = 5. The output keeps the length of x (numpy would return L samples
/// when L > x.size()). length_bins <= 1 returns x unchanged.
std::vector<double> smooth_box_same(std::span<const double> x, size_t length_bins);

}  // namespace nj::rt
