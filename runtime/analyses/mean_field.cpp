// lif_mean_field: multi-start fixed points of the LIF mean field, their stability, the
// active-cluster split and the reduced landscape, gathered into a summary and arrays (§8).
#include "runtime/analyses/mean_field.h"

#include "runtime/analyses/mean_field_landscape.h"
#include "runtime/analyses/mean_field_model.h"
#include "runtime/analyses/mean_field_solver.h"
#include "runtime/analyses/mean_field_stability.h"
#include "runtime/rng/counter_rng.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

namespace nj::rt {

namespace {

/// Stream of the random start vectors (the landscape uses stream 2).
constexpr uint32_t start_stream = 1;
/// More grid values per axis than this is surely a unit mistake (and 10^7 solves).
constexpr size_t max_grid_values = 2000;

bool finite_all(const std::vector<double>& v) {
    return std::all_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); });
}

std::string check_options(const MeanFieldOptions& o, size_t p) {
    if (o.starts < 0) return "the number of starts must not be negative";
    if (!(o.start_low >= 0) || !(o.start_high >= 0) || !std::isfinite(o.start_low) ||
        !std::isfinite(o.start_high)) {
        return "the start ranges must be finite and non-negative";
    }
    if (!o.initial.empty() && (o.initial.size() != p || !finite_all(o.initial))) {
        return "'initial' needs one finite rate per population";
    }
    if (!(o.tol > 0) || !(o.residual_max > 0) || !(o.jacobian_step > 0) || !(o.eig_tol >= 0) ||
        !(o.dedup_tol >= 0)) {
        return "the solver tolerances and the Jacobian step must be positive";
    }
    if (o.labels != "original" && o.labels != "corrected") {
        return "unknown stability labels '" + o.labels + "' (expected original or corrected)";
    }
    if (o.landscape) {
        if (p < 2 || o.focus[0] >= p || o.focus[1] >= p || o.focus[0] == o.focus[1]) {
            return "the landscape needs two different focus populations";
        }
        const size_t n = landscape_grid_size(o.grid_min, o.grid_max, o.grid_step);
        if (!std::isfinite(o.grid_min) || n < 2 || n > max_grid_values) {
            return "the landscape grid needs 2 to " + std::to_string(max_grid_values) +
                   " values per axis";
        }
    }
    if (!o.split.empty()) {
        if (o.split.size() != 2 || o.split[0] >= p || o.split[1] >= p) {
            return "the active-cluster split needs exactly two populations";
        }
    }
    return "";
}

/// Start s of §8.3: entries U[0, low); then k ~ U{0..P} distinct entries redrawn U[0, high).
/// Draw 0 gives the entries, 1 the count k, 2 the partial Fisher–Yates shuffle, 3 the redraws.
Eigen::VectorXd random_start(const MeanFieldOptions& o, Eigen::Index p, uint64_t s) {
    const RngKey key{.seed = o.seed, .stream = start_stream};
    Eigen::VectorXd x(p);
    for (Eigen::Index a = 0; a < p; ++a) {
        x[a] = o.start_low * uniform01(key, s, static_cast<uint32_t>(a), 0);
    }
    const auto count = std::min<Eigen::Index>(
        p, static_cast<Eigen::Index>(uniform01(key, s, 0, 1) * static_cast<double>(p + 1)));
    std::vector<Eigen::Index> index(static_cast<size_t>(p));
    std::iota(index.begin(), index.end(), Eigen::Index{0});
    for (Eigen::Index j = 0; j < count; ++j) {
        const auto left = static_cast<double>(p - j);
        const auto pick =
            j + std::min<Eigen::Index>(p - j - 1,
                                       static_cast<Eigen::Index>(
                                           uniform01(key, s, static_cast<uint32_t>(j), 2) * left));
        std::swap(index[static_cast<size_t>(j)], index[static_cast<size_t>(pick)]);
        const Eigen::Index a = index[static_cast<size_t>(j)];
        x[a] = o.start_high * uniform01(key, s, static_cast<uint32_t>(a), 3);
    }
    return x;
}

struct FixedPoint {
    Eigen::VectorXd rates;
    int starts = 0;
    double residual = 0;  // the largest over the starts that converged here
};

/// Solves from every start; converged results are merged into `points`, the residuals of the
/// others are returned.
std::vector<double> solve_starts(const MeanFieldModel& model, const MeanFieldOptions& o,
                                 const std::vector<Eigen::VectorXd>& starts,
                                 std::vector<FixedPoint>& points,
                                 std::vector<std::array<double, 2>>& split_rates) {
    const ResidualFunction residual = [&](const Eigen::VectorXd& nu, Eigen::VectorXd& f,
                                          Eigen::MatrixXd* jacobian) {
        Eigen::MatrixXd d_phi;
        f = nu - transfer_vector(model, nu, d_phi);
        if (jacobian) *jacobian = Eigen::MatrixXd::Identity(nu.size(), nu.size()) - d_phi;
        return true;
    };
    std::vector<double> failed;
    for (const Eigen::VectorXd& start : starts) {
        const DoglegResult solved = solve_dogleg(residual, start, {.xtol = o.tol});
        if (!(solved.residual <= o.residual_max)) {
            failed.push_back(solved.residual);
            continue;
        }
        if (!o.split.empty()) {
            split_rates.push_back({solved.x[static_cast<Eigen::Index>(o.split[0])],
                                   solved.x[static_cast<Eigen::Index>(o.split[1])]});
        }
        const double tolerance = o.dedup_tol * std::max(1.0, solved.x.cwiseAbs().maxCoeff());
        auto same = std::find_if(points.begin(), points.end(), [&](const FixedPoint& q) {
            return (q.rates - solved.x).cwiseAbs().maxCoeff() <= tolerance;
        });
        if (same == points.end()) {
            points.push_back({solved.x, 0, 0});
            same = points.end() - 1;
        }
        ++same->starts;
        same->residual = std::max(same->residual, solved.residual);
    }
    return failed;
}

std::vector<double> to_vector(const Eigen::VectorXd& v) {
    return {v.begin(), v.end()};
}

/// Summary entry and array rows of the fixed points.
nlohmann::json describe_points(const MeanFieldModel& model, const MeanFieldOptions& o,
                               const std::vector<FixedPoint>& points,
                               std::vector<NamedArray>& arrays) {
    const auto p = static_cast<size_t>(model.size());
    const size_t n = points.size();
    NamedArray rates{"fixed_points", {}, {n, p}}, counts{"fixed_point_starts", {}, {n}};
    NamedArray real{"eigenvalues_real", {}, {n, p}}, imag{"eigenvalues_imag", {}, {n, p}};
    nlohmann::json out = nlohmann::json::array();
    for (const FixedPoint& fp : points) {
        const FixedPointStability st = fixed_point_stability(model, fp.rates, o.jacobian_step,
                                                             o.eig_tol, o.labels == "corrected");
        const InputMoments m = input_moments(model, fp.rates);
        out.push_back({{"rates_hz", to_vector(fp.rates)},
                       {"starts", fp.starts},
                       {"residual", fp.residual},
                       {"mu", to_vector(m.mu)},
                       {"sigma", to_vector(m.sigma)},
                       {"label", st.label},
                       {"unstable_eigenvalues", st.unstable},
                       {"eigenvalues_real", to_vector(st.real)},
                       {"eigenvalues_imag", to_vector(st.imag)}});
        rates.values.insert(rates.values.end(), fp.rates.begin(), fp.rates.end());
        counts.values.push_back(fp.starts);
        // A failed eigen-decomposition has one NaN: pad its row to P entries.
        for (size_t k = 0; k < p; ++k) {
            const auto i = static_cast<Eigen::Index>(std::min<size_t>(k, st.real.size() - 1));
            real.values.push_back(st.real[i]);
            imag.values.push_back(st.imag[i]);
        }
    }
    arrays.insert(arrays.end(), {rates, counts, real, imag});
    return out;
}

}  // namespace

MeanFieldResult lif_mean_field(const MeanFieldInput& input, const MeanFieldOptions& options) {
    MeanFieldResult result;
    result.error = check_mean_field_input(input);
    if (result.error.empty()) result.error = check_options(options, input.populations);
    if (!result.error.empty()) return result;
    const MeanFieldModel model = make_mean_field_model(input, options.colored_noise);
    const Eigen::Index p = model.size();

    std::vector<Eigen::VectorXd> starts;
    NamedArray start_rates{"start_rates", {}, {0, static_cast<size_t>(p)}};
    for (int s = 0; s < std::max(options.starts, 1); ++s) {
        Eigen::VectorXd x = Eigen::VectorXd::Zero(p);
        if (options.starts > 0) {
            x = random_start(options, p, static_cast<uint64_t>(s));
        } else if (!options.initial.empty()) {
            x = Eigen::Map<const Eigen::VectorXd>(options.initial.data(), p);
        }
        start_rates.values.insert(start_rates.values.end(), x.begin(), x.end());
        starts.push_back(std::move(x));
    }
    start_rates.shape[0] = starts.size();

    std::vector<FixedPoint> points;
    std::vector<std::array<double, 2>> split_rates;
    const std::vector<double> failed = solve_starts(model, options, starts, points, split_rates);
    nlohmann::json& summary = result.summary;
    summary["starts"] = starts.size();
    summary["converged"] = starts.size() - failed.size();
    summary["non_converged"] = failed.size();
    summary["non_converged_residuals"] = failed;
    summary["distinct"] = points.size();
    summary["labels"] = options.labels;
    summary["fixed_points"] = describe_points(model, options, points, result.arrays);
    result.arrays.push_back(std::move(start_rates));
    if (!options.split.empty()) {
        const ActiveClusterMeans split =
            classify_active_clusters(split_rates, options.split_threshold);
        summary["active_clusters"] = {
            {"active", split.active}, {"inactive", split.inactive}, {"uniform", split.uniform}};
    }
    if (options.landscape) {
        Landscape landscape = lif_landscape(model, {.focus = options.focus,
                                                    .grid_min = options.grid_min,
                                                    .grid_max = options.grid_max,
                                                    .grid_step = options.grid_step,
                                                    .seed = options.seed,
                                                    .tol = options.tol,
                                                    .residual_max = options.residual_max});
        summary["landscape"] = std::move(landscape.summary);
        for (NamedArray& a : landscape.arrays) result.arrays.push_back(std::move(a));
    }
    return result;
}

}  // namespace nj::rt
