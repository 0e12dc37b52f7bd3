// Input validation, input moments and the transfer vector of the mean-field model (§8.1).
#include "runtime/analyses/mean_field_model.h"

#include <cmath>
#include <limits>
#include <string>

namespace nj::rt {

namespace {

constexpr double variance_floor = 1e-12;

bool all_finite(const std::vector<double>& v) {
    for (double x : v) {
        if (!std::isfinite(x)) return false;
    }
    return true;
}

/// Checks one per-population vector; `lowest` < value (strict) or <= value (not strict).
std::string check_vector(const std::vector<double>& v, const char* name, size_t populations,
                         double lowest, bool strict) {
    if (v.size() != populations) {
        return std::string("'") + name + "' has " + std::to_string(v.size()) + " entries for " +
               std::to_string(populations) + " populations";
    }
    if (!all_finite(v)) return std::string("'") + name + "' has a value that is not finite";
    for (double x : v) {
        if (strict ? !(x > lowest) : !(x >= lowest)) {
            return std::string("'") + name + "' must be " + (strict ? "positive" : "non-negative");
        }
    }
    return "";
}

std::string check_matrix(const Eigen::MatrixXd& m, const char* name, size_t populations) {
    const auto p = static_cast<Eigen::Index>(populations);
    if (m.rows() != p || m.cols() != p) {
        return std::string("'") + name + "' is " + std::to_string(m.rows()) + "x" +
               std::to_string(m.cols()) + " for " + std::to_string(populations) + " populations";
    }
    if (!m.allFinite()) return std::string("'") + name + "' has a value that is not finite";
    return "";
}

constexpr double unbounded = -std::numeric_limits<double>::infinity();

}  // namespace

std::string check_mean_field_input(const MeanFieldInput& in) {
    const size_t p = in.populations;
    if (p == 0) return "the mean field needs at least one population";
    std::string error = check_matrix(in.in_degree, "in_degree", p);
    if (error.empty()) error = check_matrix(in.weight, "weight", p);
    if (error.empty() && (in.in_degree.array() < 0).any()) {
        error = "'in_degree' must be non-negative";
    }
    const struct {
        const std::vector<double>& v;
        const char* name;
        double lowest;
        bool strict;
    } vectors[] = {{in.ext_in_degree, "ext_in_degree", 0, false},
                   {in.ext_weight, "ext_weight", unbounded, false},
                   {in.ext_rate, "ext_rate", 0, false},
                   {in.tau_m, "tau_m", 0, true},
                   {in.tau_s, "tau_s", 0, true},
                   {in.tau_ref, "tau_ref", 0, false},
                   {in.threshold, "threshold", unbounded, false},
                   {in.reset, "reset", unbounded, false}};
    for (const auto& v : vectors) {
        if (error.empty()) error = check_vector(v.v, v.name, p, v.lowest, v.strict);
    }
    if (error.empty() && !in.rate_tau.empty()) {
        error = check_vector(in.rate_tau, "rate_tau", p, 0, true);
    }
    for (size_t a = 0; error.empty() && a < p; ++a) {
        if (!(in.reset[a] < in.threshold[a])) {
            error = "the reset of population " + std::to_string(a) + " is not below its threshold";
        }
    }
    return error;
}

MeanFieldModel make_mean_field_model(const MeanFieldInput& in, bool colored_noise) {
    const auto p = static_cast<Eigen::Index>(in.populations);
    MeanFieldModel model;
    model.coupling = in.in_degree.cwiseProduct(in.weight);
    model.coupling_square = model.coupling.cwiseProduct(in.weight);
    model.ext_mean.resize(p);
    model.ext_variance.resize(p);
    model.tau_m.resize(p);
    model.rate_tau = Eigen::VectorXd::Ones(p);
    for (Eigen::Index a = 0; a < p; ++a) {
        const auto i = static_cast<size_t>(a);
        const double drive = in.ext_in_degree[i] * in.ext_rate[i];
        model.ext_mean[a] = in.ext_weight[i] * drive;
        model.ext_variance[a] = in.ext_weight[i] * in.ext_weight[i] * drive;
        model.tau_m[a] = in.tau_m[i];
        if (!in.rate_tau.empty()) model.rate_tau[a] = in.rate_tau[i];
        model.lif.push_back(
            {in.tau_m[i], in.tau_s[i], in.tau_ref[i], in.threshold[i], in.reset[i], colored_noise});
    }
    return model;
}

InputMoments input_moments(const MeanFieldModel& model, const Eigen::VectorXd& nu) {
    InputMoments m;
    m.mu = model.tau_m.cwiseProduct(model.coupling * nu + model.ext_mean);
    const Eigen::VectorXd variance =
        model.tau_m.cwiseProduct(model.coupling_square * nu + model.ext_variance);
    m.sigma = variance.cwiseMax(variance_floor).cwiseSqrt();
    return m;
}

Eigen::VectorXd transfer_vector(const MeanFieldModel& model, const Eigen::VectorXd& nu) {
    const InputMoments m = input_moments(model, nu);
    Eigen::VectorXd phi(model.size());
    for (Eigen::Index a = 0; a < model.size(); ++a) {
        phi[a] = lif_transfer(m.mu[a], m.sigma[a], model.lif[static_cast<size_t>(a)]).rate;
    }
    return phi;
}

Eigen::VectorXd transfer_vector(const MeanFieldModel& model, const Eigen::VectorXd& nu,
                                Eigen::MatrixXd& d_phi) {
    const InputMoments m = input_moments(model, nu);
    const Eigen::Index p = model.size();
    Eigen::VectorXd phi(p);
    d_phi.resize(p, p);
    for (Eigen::Index a = 0; a < p; ++a) {
        const TransferValue t =
            lif_transfer(m.mu[a], m.sigma[a], model.lif[static_cast<size_t>(a)]);
        phi[a] = t.rate;
        // dmu_a/dnu_b = tau_m C J; dsigma_a/dnu_b = tau_m C J² / (2 sigma_a), zero when floored
        // (lif_transfer then reports d_sigma = 0 only for sigma <= 1e-12, so test the floor here).
        const bool floored = m.sigma[a] * m.sigma[a] <= variance_floor;
        const double sigma_factor = floored ? 0.0 : t.d_sigma / (2 * m.sigma[a]);
        d_phi.row(a) = model.tau_m[a] * (t.d_mu * model.coupling.row(a) +
                                         sigma_factor * model.coupling_square.row(a));
    }
    return phi;
}

}  // namespace nj::rt
