// Mean-field analysis of LIF populations with exponential synaptic currents: self-consistent
// rates from many random starts, their stability and an optional reduced 2-D landscape. A pure numeric library: nothing here knows the network.
#pragma once

#include "runtime/analyses/mean_field_transfer.h"
#include "runtime/analyses/named_array.h"

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace nj::rt {

/// P populations; SI units (seconds, hertz), voltages dimensionless. Population a receives
/// mu_a = tau_m,a (Σ_b C_ab J_ab nu_b + J_ext,a C_ext,a nu_ext,a) and
/// sigma_a² = tau_m,a (Σ_b C_ab J_ab² nu_b + J_ext,a² C_ext,a nu_ext,a), floored at 1e-12.
struct MeanFieldInput {
    size_t populations = 0;
    Eigen::MatrixXd in_degree;  ///< [post a][pre b]: C_ab, inputs per neuron (>= 0)
    Eigen::MatrixXd weight;     ///< [post a][pre b]: J_ab, PSP area (signed)
    std::vector<double> ext_in_degree, ext_weight, ext_rate;  ///< per population; Hz for rates
    std::vector<double> tau_m, tau_s, tau_ref;  ///< per population, seconds (> 0, > 0, >= 0)
    std::vector<double> threshold, reset;       ///< per population; reset < threshold
    /// Time constant of dnu_a/dt = (-nu_a + Phi_a(nu)) / rate_tau_a, used only for the
    /// eigenvalues; empty means 1 s everywhere (the original's implied dynamics).
    std::vector<double> rate_tau;
};

/// How lif_mean_field searches, classifies and what it adds.
struct MeanFieldOptions {
    bool colored_noise = true;  ///< Fourcaud–Brunel shift of the thresholds (§8.2)
    /// Random starts (§8.3): entries U[0, start_low), then k ~ U{0..P} distinct entries redrawn
    /// U[0, start_high); counter RNG with `seed`. 0: one solve from `initial`.
    int starts = 50;
    double start_low = 1, start_high = 10;
    uint64_t seed = 7;
    std::vector<double> initial;  ///< per population (Hz), used when starts == 0; empty = zeros
    double tol = 1e-12;           ///< solver xtol (relative step size)
    double residual_max = 1e-6;   ///< a start converged when max_a |nu_a - Phi_a| <= this (Hz)
    /// Converged points closer than dedup_tol * max(1, |nu|∞) in every population are one
    /// fixed point. Converged roots agree to ~1e-10 Hz; distinct ones are Hz apart.
    double dedup_tol = 1e-6;
    double jacobian_step = 1e-6;      ///< forward-difference step of the stability Jacobian (Hz)
    double eig_tol = 1e-6;            ///< |Re| or |Im| at most this counts as zero in the labels
    std::string labels = "original";  ///< "original" or "corrected" (§8.4, stability_label)
    bool landscape = false;           ///< the reduced 2-D landscape (§8.5)
    std::array<size_t, 2> focus{0, 1};
    double grid_min = 0, grid_max = 60, grid_step = 0.5;  ///< arange(min, max, step), Hz
    /// Two E-cluster populations for classify_active_clusters over the converged starts;
    /// empty: not computed.
    std::vector<size_t> split;
    double split_threshold = 2.0;
};

/// Result of lif_mean_field: `error` is empty on success, else a user-facing sentence and
/// nothing else is set.
struct MeanFieldResult {
    nlohmann::json summary;
    std::vector<NamedArray> arrays;
    std::string error;
};

/// Solves nu = Phi(mu(nu), sigma(nu)) from the starts, discards non-converged ones (counted,
/// with their residuals), merges duplicates and labels each fixed point from the eigenvalues
/// of the forward-difference Jacobian of dnu/dt. Never throws for bad input; see `error`.
///
/// summary: starts, converged, non_converged, non_converged_residuals, distinct, labels, and
/// fixed_points[]: {rates_hz, starts (how many converged there), residual, mu, sigma, label,
/// eigenvalues_real, eigenvalues_imag (sorted by real part, then imaginary, descending)};
/// active_clusters when `split` is given; landscape when asked (lif_landscape).
/// arrays: fixed_points [n, P], fixed_point_starts [n], eigenvalues_real / _imag [n, P],
/// start_rates [starts, P] (initial vectors) and the landscape's arrays.
MeanFieldResult lif_mean_field(const MeanFieldInput& input, const MeanFieldOptions& options);

}  // namespace nj::rt
