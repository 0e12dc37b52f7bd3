// Reduced 2-D mean-field landscape (force field, minimum-|F| path, potential) and the
// active-cluster split of clustered networks.
#include "runtime/analyses/mean_field_landscape.h"

#include "runtime/analyses/mean_field_solver.h"
#include "runtime/rng/counter_rng.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace nj::rt {

namespace {

/// Stream of the landscape's random start values (the multi-start runner uses stream 1).
constexpr uint32_t landscape_stream = 2;

/// Self-consistent rates of the non-focus populations with the focus rates of `nu` held;
/// returns whether it converged and leaves the solution in `nu`.
bool solve_others(const MeanFieldModel& model, const std::vector<Eigen::Index>& others,
                  Eigen::VectorXd& nu, const LandscapeOptions& options) {
    const auto n = static_cast<Eigen::Index>(others.size());
    if (n == 0) return true;
    const ResidualFunction residual = [&](const Eigen::VectorXd& x, Eigen::VectorXd& f,
                                          Eigen::MatrixXd* jacobian) {
        Eigen::VectorXd full = nu;
        for (Eigen::Index k = 0; k < n; ++k) full[others[static_cast<size_t>(k)]] = x[k];
        Eigen::MatrixXd d_phi;
        const Eigen::VectorXd phi = transfer_vector(model, full, d_phi);
        for (Eigen::Index r = 0; r < n; ++r) {
            const Eigen::Index a = others[static_cast<size_t>(r)];
            f[r] = x[r] - phi[a];
            if (!jacobian) continue;
            for (Eigen::Index c = 0; c < n; ++c) {
                (*jacobian)(r, c) = (r == c ? 1.0 : 0.0) - d_phi(a, others[static_cast<size_t>(c)]);
            }
        }
        return true;
    };
    Eigen::VectorXd start(n);
    for (Eigen::Index k = 0; k < n; ++k) start[k] = nu[others[static_cast<size_t>(k)]];
    const DoglegResult solved = solve_dogleg(residual, start, {.xtol = options.tol});
    for (Eigen::Index k = 0; k < n; ++k) nu[others[static_cast<size_t>(k)]] = solved.x[k];
    return solved.residual <= options.residual_max;
}

struct Grid {
    std::vector<double> axis;
    std::vector<double> force;      // [i][j][2]
    std::vector<double> converged;  // [i][j]
    size_t size() const { return axis.size(); }
    double norm(size_t i, size_t j) const {
        const size_t k = 2 * (i * size() + j);
        return std::hypot(force[k], force[k + 1]);
    }
};

Grid force_field(const MeanFieldModel& model, const LandscapeOptions& options) {
    Grid grid;
    const size_t n = landscape_grid_size(options.grid_min, options.grid_max, options.grid_step);
    for (size_t k = 0; k < n; ++k) grid.axis.push_back(options.grid_min + k * options.grid_step);
    const auto [f0, f1] = options.focus;
    std::vector<Eigen::Index> others;
    Eigen::VectorXd base(model.size());
    const RngKey key{.seed = options.seed, .stream = landscape_stream};
    for (Eigen::Index a = 0; a < model.size(); ++a) {
        base[a] = uniform01(key, 0, static_cast<uint32_t>(a), 0);
        if (static_cast<size_t>(a) != f0 && static_cast<size_t>(a) != f1) others.push_back(a);
    }
    grid.force.resize(2 * n * n);
    grid.converged.resize(n * n);
    for (size_t i = 0; i < n; ++i) {
        for (size_t j = 0; j < n; ++j) {
            Eigen::VectorXd nu = base;
            nu[static_cast<Eigen::Index>(f0)] = grid.axis[i];
            nu[static_cast<Eigen::Index>(f1)] = grid.axis[j];
            grid.converged[i * n + j] = solve_others(model, others, nu, options) ? 1.0 : 0.0;
            const Eigen::VectorXd phi = transfer_vector(model, nu);
            grid.force[2 * (i * n + j)] = phi[static_cast<Eigen::Index>(f0)] - grid.axis[i];
            grid.force[2 * (i * n + j) + 1] = phi[static_cast<Eigen::Index>(f1)] - grid.axis[j];
        }
    }
    return grid;
}

nlohmann::json force_minima(const Grid& grid) {
    const size_t n = grid.size();
    std::vector<std::pair<double, std::array<size_t, 2>>> minima;
    for (size_t i = 0; i < n; ++i) {
        for (size_t j = 0; j < n; ++j) {
            bool lowest = true;
            for (size_t a = i > 0 ? i - 1 : 0; a <= std::min(n - 1, i + 1); ++a) {
                for (size_t b = j > 0 ? j - 1 : 0; b <= std::min(n - 1, j + 1); ++b) {
                    lowest = lowest && grid.norm(i, j) <= grid.norm(a, b);
                }
            }
            if (lowest) minima.push_back({grid.norm(i, j), {i, j}});
        }
    }
    std::stable_sort(minima.begin(), minima.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    nlohmann::json out = nlohmann::json::array();
    for (size_t k = 0; k < std::min<size_t>(minima.size(), 10); ++k) {
        const auto [i, j] = minima[k].second;
        out.push_back(
            {{"rates_hz", {grid.axis[i], grid.axis[j]}}, {"force_norm", minima[k].first}});
    }
    return out;
}

/// Interior local minima (sign -1) or maxima (+1) of the potential along the path.
nlohmann::json extrema(const std::vector<double>& potential,
                       const std::vector<double>& displacement, const std::vector<double>& path,
                       int sign) {
    nlohmann::json out = nlohmann::json::array();
    for (size_t m = 1; m + 1 < potential.size(); ++m) {
        const double here = sign * potential[m];
        if (!(here > sign * potential[m - 1] && here > sign * potential[m + 1])) continue;
        // potential[m] belongs to path point m + 1
        out.push_back({{"displacement", displacement[m]},
                       {"potential", potential[m]},
                       {"rates_hz", {path[2 * (m + 1)], path[2 * (m + 1) + 1]}}});
    }
    return out;
}

}  // namespace

size_t landscape_grid_size(double lo, double hi, double step) {
    if (!(hi > lo) || !(step > 0)) return 0;
    return static_cast<size_t>(std::ceil((hi - lo) / step - 1e-9));
}

Landscape lif_landscape(const MeanFieldModel& model, const LandscapeOptions& options) {
    const Grid grid = force_field(model, options);
    const size_t n = grid.size();
    std::vector<double> path(2 * n), potential, displacement;
    for (size_t j = 0; j < n; ++j) {
        size_t best = 0;
        for (size_t i = 1; i < n; ++i) {
            if (grid.norm(i, j) < grid.norm(best, j)) best = i;
        }
        path[2 * j] = grid.axis[best];
        path[2 * j + 1] = grid.axis[j];
        if (j == 0) continue;
        const double dx = path[2 * j] - path[2 * j - 2], dy = path[2 * j + 1] - path[2 * j - 1];
        const size_t k = 2 * (best * n + j);
        const double work = grid.force[k] * dx + grid.force[k + 1] * dy;
        potential.push_back((potential.empty() ? 0.0 : potential.back()) - work);
        displacement.push_back((displacement.empty() ? 0.0 : displacement.back()) +
                               std::hypot(dx, dy));
    }
    Landscape out;
    const auto failed =
        static_cast<size_t>(std::count(grid.converged.begin(), grid.converged.end(), 0.0));
    out.summary = {{"grid_points", n * n},
                   {"non_converged", failed},
                   {"force_minima", force_minima(grid)},
                   {"wells", extrema(potential, displacement, path, -1)},
                   {"barriers", extrema(potential, displacement, path, +1)}};
    out.arrays = {{"landscape_grid", grid.axis, {n}},
                  {"landscape_force", grid.force, {n, n, 2}},
                  {"landscape_converged", grid.converged, {n, n}},
                  {"landscape_path", path, {n, 2}},
                  {"landscape_potential", potential, {potential.size()}},
                  {"landscape_displacement", displacement, {displacement.size()}}};
    return out;
}

ActiveClusterMeans classify_active_clusters(const std::vector<std::array<double, 2>>& rates,
                                            double threshold) {
    const auto mean = [](const std::vector<double>& v) {
        if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
        return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    };
    std::vector<double> uniform, varied;
    for (const auto& r : rates) {
        for (double own : r) {
            // IEEE division as numpy: r_c = 0 gives inf (non-uniform) or NaN (neither pool).
            const double d = std::fabs(r[1] - r[0]) / own;
            if (d < threshold) uniform.push_back(own);
            if (d > threshold) varied.push_back(own);
        }
    }
    const double uniform_mean = mean(uniform);
    if (varied.empty()) return {uniform_mean, uniform_mean, uniform_mean};
    const double split = mean(varied);
    std::vector<double> active, inactive;
    for (double r : varied) {
        if (r > split) active.push_back(r);
        if (r < split) inactive.push_back(r);
    }
    return {mean(active), mean(inactive), uniform_mean};
}

}  // namespace nj::rt
