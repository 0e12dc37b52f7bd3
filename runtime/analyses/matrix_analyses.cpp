// Motif statistics, participation ratios, trace matching and centring of incoming weights.
#include "runtime/analyses/matrix_analyses.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <vector>

namespace nj::rt {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// The spec's moments of a covariance matrix (§10): squared means and unbiased variances of the
// diagonal and of the off-diagonal entries.
struct CovarianceMoments {
    double mu_a2 = 0, sa2 = 0, mu_c2 = 0, sc2 = 0;
};

CovarianceMoments covariance_moments(const Eigen::MatrixXd& C) {
    const auto n = static_cast<double>(C.rows());
    const double m = n * (n - 1);
    const double sum_a = C.trace();
    const double sum_a2 = C.diagonal().squaredNorm();
    const double sum_c = C.sum() - sum_a;
    const double sum_c2 = C.squaredNorm() - sum_a2;
    CovarianceMoments out;
    const double mean_a = sum_a / n;
    const double mean_c = sum_c / m;
    out.mu_a2 = mean_a * mean_a;
    out.mu_c2 = mean_c * mean_c;
    // Population variances, clamped at 0 against round-off, then the spec's unbiasing factors
    // (sc² is unbiased over the M/2 distinct pairs: each appears twice among the M entries).
    const double var_a = std::max(0.0, sum_a2 / n - out.mu_a2);
    const double var_c = std::max(0.0, sum_c2 / m - out.mu_c2);
    out.sa2 = var_a * n / (n - 1);
    out.sc2 = var_c * m / (m - 2);
    return out;
}

double corrected_participation_ratio(const Eigen::MatrixXd& C, double k) {
    const auto n = static_cast<double>(C.rows());
    if (C.rows() < 3 || k < 2) return nan;
    const CovarianceMoments mo = covariance_moments(C);
    if (mo.mu_a2 == 0) return nan;
    const double sa_b2 =
        mo.sa2 * (k - 1) / (k + 1) - 2 * (mo.mu_a2 - mo.mu_c2) / (k - 1) + 2 * mo.sc2 / (k + 1);
    const double sc_b2 = mo.sc2 * (k - 1) / k - (mo.mu_a2 - mo.mu_c2) / k -
                         4 * (mo.mu_c2 - std::sqrt(mo.mu_a2 * mo.mu_c2)) / (k * (n + 1));
    return n / (1 + sa_b2 / mo.mu_a2 + (n - 1) * (sc_b2 / mo.mu_a2 + mo.mu_c2 / mo.mu_a2));
}

// Pearson correlation of two columns; NaN when either is constant.
double pearson(const Eigen::VectorXd& x, const Eigen::VectorXd& y) {
    const Eigen::VectorXd dx = x.array() - x.mean();
    const Eigen::VectorXd dy = y.array() - y.mean();
    const double sxx = dx.squaredNorm();
    const double syy = dy.squaredNorm();
    if (sxx == 0 || syy == 0) return nan;
    return dx.dot(dy) / std::sqrt(sxx * syy);
}

}  // namespace

nlohmann::json weight_motifs(const Eigen::MatrixXd& W, const Eigen::MatrixXd* mask) {
    assert(W.rows() == W.cols() && W.rows() >= 2 && "a square matrix of at least 2 neurons");
    assert((!mask || (mask->rows() == W.rows() && mask->cols() == W.cols())) && "mask shape");
    const Eigen::Index n_rows = W.rows();
    const auto n = static_cast<double>(n_rows);
    Eigen::MatrixXd w = W;
    if (mask) w = (mask->array() != 0).select(W.array(), 0.0).matrix();
    w.array() -= w.mean();

    // The sums of A, B and Cc reduce to row and column sums of Ŵ, which keeps this O(N²):
    // sum(A) = colsums·rowsums, sum(B) = |rowsums|², sum(Cc) = |colsums|²; tr(B) = tr(Cc) = ‖Ŵ‖².
    const Eigen::VectorXd row_sums = w.rowwise().sum();
    const Eigen::VectorXd col_sums = w.colwise().sum().transpose();
    const double tr_cc = w.squaredNorm();
    const double tr_a = w.cwiseProduct(w.transpose()).sum();
    const double sum_a = col_sums.dot(row_sums);
    const double sum_b = row_sums.squaredNorm();
    const double sum_cc = col_sums.squaredNorm();

    const double sigma2 = tr_cc / n;
    const double pairs = n * (n - 1) * sigma2;
    const bool defined = sigma2 > 0;
    const double tau_rec = defined ? tr_a / (n * sigma2) : nan;
    const double tau_div = defined ? (sum_cc - tr_cc) / pairs : nan;
    const double tau_con = defined ? (sum_b - tr_cc) / pairs : nan;
    const double tau_chn = defined ? 2 * (sum_a - tr_a) / pairs : nan;
    const double spread = 1 - tau_div - tau_con;
    const double r_motifs =
        spread > 0 ? (1 - tau_div - tau_con + tau_rec - 2 * tau_chn) / std::sqrt(spread) : nan;
    return {{"sigma2", sigma2},
            {"tau_rec", tau_rec},
            {"tau_div", tau_div},
            {"tau_con", tau_con},
            {"tau_chn", tau_chn},
            {"R_motifs", r_motifs},
            {"R", r_motifs * std::sqrt(sigma2)},
            {"n", n_rows}};
}

nlohmann::json participation_ratio_of_covariance(const Eigen::MatrixXd& C, double samples) {
    assert(C.rows() == C.cols() && "a square covariance matrix");
    const double trace = C.trace();
    const double frobenius2 = C.squaredNorm();
    const double plain = trace != 0 ? trace * trace / frobenius2 : nan;
    return {{"participation_ratio", plain},
            {"participation_ratio_corrected", corrected_participation_ratio(C, samples)},
            {"n", C.rows()},
            {"samples", samples}};
}

nlohmann::json participation_ratio(const Eigen::MatrixXd& samples) {
    const Eigen::Index k = samples.rows();
    if (k < 2) {
        return {{"participation_ratio", nan},
                {"participation_ratio_corrected", nan},
                {"n", samples.cols()},
                {"samples", k}};
    }
    const Eigen::MatrixXd centred = samples.rowwise() - samples.colwise().mean();
    const Eigen::MatrixXd cov = centred.transpose() * centred / static_cast<double>(k - 1);
    return participation_ratio_of_covariance(cov, static_cast<double>(k));
}

nlohmann::json trace_match(const Eigen::MatrixXd& signal, const Eigen::MatrixXd& target) {
    assert(signal.rows() == target.rows() && signal.cols() == target.cols() && "same shapes");
    const Eigen::Index entries = signal.size();
    if (entries == 0) {
        return {
            {"mse", nan}, {"target_power", nan}, {"correlation", nan}, {"correlated_neurons", 0}};
    }
    const double mse = (signal - target).squaredNorm() / static_cast<double>(entries);
    const double power = target.squaredNorm() / static_cast<double>(entries);
    double sum_r = 0;
    int64_t counted = 0;
    for (Eigen::Index j = 0; j < signal.cols(); ++j) {
        const double r = pearson(signal.col(j), target.col(j));
        if (std::isnan(r)) continue;
        sum_r += r;
        ++counted;
    }
    const double correlation = counted > 0 ? sum_r / static_cast<double>(counted) : nan;
    return {{"mse", mse},
            {"target_power", power},
            {"correlation", correlation},
            {"correlated_neurons", counted}};
}

void center_incoming(std::span<const uint32_t> post_of, std::span<double> w, double target) {
    assert(post_of.size() == w.size() && "one post index per weight");
    uint32_t n_post = 0;
    for (uint32_t post : post_of) n_post = std::max(n_post, post + 1);
    std::vector<double> sum(n_post, 0.0);
    std::vector<uint32_t> count(n_post, 0);
    for (size_t s = 0; s < w.size(); ++s) {
        sum[post_of[s]] += w[s];
        ++count[post_of[s]];
    }
    std::vector<double> shift(n_post, 0.0);
    for (uint32_t post = 0; post < n_post; ++post)
        if (count[post] > 0) shift[post] = (target - sum[post]) / count[post];
    for (size_t s = 0; s < w.size(); ++s) w[s] += shift[post_of[s]];
}

}  // namespace nj::rt
