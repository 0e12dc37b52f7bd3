// The reduced 2-D mean-field landscape over two focus populations and
// classify_active_clusters, the split of multi-start E-cluster rates used by the sweeps.
#pragma once

#include "runtime/analyses/mean_field.h"
#include "runtime/analyses/mean_field_model.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace nj::rt {

/// Grid and solver settings of lif_landscape.
struct LandscapeOptions {
    std::array<size_t, 2> focus{0, 1};
    double grid_min = 0, grid_max = 60, grid_step = 0.5;
    uint64_t seed = 7;  ///< the other populations' start values: RngKey{seed, 2}
    double tol = 1e-12, residual_max = 1e-6;
};

/// Summary entries and arrays of one landscape.
struct Landscape {
    nlohmann::json summary;
    std::vector<NamedArray> arrays;
};

/// Number of grid values lo + k step below hi (numpy's arange; 1e-9 step of slack so that
/// 60 / 0.5 gives 120, not 121).
size_t landscape_grid_size(double lo, double hi, double step);

/// The landscape of §8.5. The focus rates run over the grid g (n values) on both axes; every
/// other population starts from one U[0,1) value, the same at every grid point, and is
/// solved self-consistently (solve_dogleg) with the focus rates held. Then
/// F[i][j] = Phi_focus(nu) - nu_focus at nu_f0 = g_i, nu_f1 = g_j. For every column j the path
/// takes the row i minimising |F|; along it U_m = -Σ_{l=1..m} F(x_l)·(x_l - x_{l-1}) and the
/// displacement is Σ |x_l - x_{l-1}| (m = 1 .. n-1; the column changes at every step, so no step
/// has length 0).
/// arrays: landscape_grid [n], landscape_force [n, n, 2], landscape_converged [n, n] (1/0),
/// landscape_path [n, 2] (Hz), landscape_potential [n-1], landscape_displacement [n-1].
/// summary: grid_points, non_converged, force_minima (8-neighbour local minima of |F|, by
/// |F|, at most 10), wells and barriers (interior local minima / maxima of U on the path).
Landscape lif_landscape(const MeanFieldModel& model, const LandscapeOptions& options);

/// Active / inactive / uniform mean rates of §8.5 (NaN for an empty pool).
struct ActiveClusterMeans {
    double active, inactive, uniform;
};

/// classify_active_clusters for p = 2: each pair (r_1, r_2) gives d_c = |r_2 - r_1| / r_c;
/// r_c goes to the uniform pool when d_c < threshold, to the non-uniform pool when
/// d_c > threshold. Non-uniform entries strictly above the pool's mean are active, strictly
/// below inactive. An empty non-uniform pool gives the uniform mean three times.
ActiveClusterMeans classify_active_clusters(const std::vector<std::array<double, 2>>& rates,
                                            double threshold);

}  // namespace nj::rt
