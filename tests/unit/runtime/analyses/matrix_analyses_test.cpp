// Tests for the matrix analyses (matrix_analyses.h): motif statistics of small matrices derived
// by hand and of large random ones, participation ratios of data with known spectra, trace
// matching of hand cases and the centring of incoming weights.
#include "runtime/analyses/matrix_analyses.h"

#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>

#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <vector>

using nj::rt::center_incoming;
using nj::rt::participation_ratio;
using nj::rt::participation_ratio_of_covariance;
using nj::rt::trace_match;
using nj::rt::weight_motifs;

namespace {

constexpr double pi = std::numbers::pi;

// Standard normal values from a fixed 64-bit Mersenne Twister (Box–Muller on 53-bit uniforms),
// so the random cases are the same with every standard library.
class Gauss {
public:
    explicit Gauss(uint64_t seed) : rng_(seed) {}
    double uniform() { return static_cast<double>(rng_() >> 11) * 0x1.0p-53; }
    double operator()() {
        double u1 = 1.0 - uniform(), u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2 * pi * u2);
    }

private:
    std::mt19937_64 rng_;
};

Eigen::MatrixXd gaussian_matrix(Eigen::Index rows, Eigen::Index cols, uint64_t seed) {
    Gauss g(seed);
    Eigen::MatrixXd m(rows, cols);
    for (Eigen::Index j = 0; j < cols; ++j)
        for (Eigen::Index i = 0; i < rows; ++i) m(i, j) = g();
    return m;
}

// §9 written out with the matrix products, as a reference for the row/column-sum shortcuts.
struct Motifs {
    double sigma2, tau_rec, tau_div, tau_con, tau_chn;
};
Motifs motifs_by_products(Eigen::MatrixXd w) {
    const auto n = static_cast<double>(w.rows());
    w.array() -= w.mean();
    const Eigen::MatrixXd a = w * w, b = w.transpose() * w, cc = w * w.transpose();
    const double sigma2 = cc.trace() / n;
    const double pairs = n * (n - 1) * sigma2;
    return {sigma2, a.trace() / (n * sigma2), (cc.sum() - cc.trace()) / pairs,
            (b.sum() - b.trace()) / pairs, 2 * (a.sum() - a.trace()) / pairs};
}

double get(const nlohmann::json& j, const char* key) {
    return j.at(key).get<double>();
}

}  // namespace

TEST_CASE("weight_motifs: a 3x3 matrix with zero mean gives the hand-derived values") {
    Eigen::MatrixXd w(3, 3);
    w << 0, 1, -1,  //
        2, 0, 0,    //
        0, -2, 0;
    // Entries sum to 0, so Ŵ = W. Σ Ŵ² = 10 → sigma2 = 10/3; N(N−1) sigma2 = 20.
    // Reciprocal: W01 W10 = 2, counted as (0,1) and (1,0) → tr(A) = 4 → tau_rec = 4/10.
    // Divergent (shared column): only column 1 has two entries, 1·(−2) twice → −4/20.
    // Convergent (shared row): only row 0 has two entries, 1·(−1) twice → −2/20.
    // Chains: A = W² = [[2,2,0],[0,2,−2],[−4,0,0]], off-diagonal sum −4 → 2·(−4)/20.
    nlohmann::json m = weight_motifs(w);
    CHECK(get(m, "sigma2") == doctest::Approx(10.0 / 3));
    CHECK(get(m, "tau_rec") == doctest::Approx(0.4));
    CHECK(get(m, "tau_div") == doctest::Approx(-0.2));
    CHECK(get(m, "tau_con") == doctest::Approx(-0.1));
    CHECK(get(m, "tau_chn") == doctest::Approx(-0.4));
    // R_motifs = (1 + 0.2 + 0.1 + 0.4 + 0.8) / sqrt(1 + 0.2 + 0.1)
    CHECK(get(m, "R_motifs") == doctest::Approx(2.5 / std::sqrt(1.3)));
    CHECK(get(m, "R") == doctest::Approx(2.5 / std::sqrt(1.3) * std::sqrt(10.0 / 3)));
    CHECK(m.at("n") == 3);
}

TEST_CASE("weight_motifs: the mean over all entries, absent ones included, is removed first") {
    Eigen::MatrixXd w(2, 2);
    w << 0, 1,  //
        1, 0;
    // m = 2/4 = 0.5, Ŵ = [[−.5, .5], [.5, −.5]]: Σ Ŵ² = 1 → sigma2 = 0.5, N(N−1) sigma2 = 1.
    // tr(ŴŴ) = 1 → tau_rec = 1/(2·0.5) = 1; all row and column sums are 0, so
    // tau_div = tau_con = (0 − 1)/1 = −1 and tau_chn = 2(0 − 1)/1 = −2.
    nlohmann::json m = weight_motifs(w);
    CHECK(get(m, "sigma2") == doctest::Approx(0.5));
    CHECK(get(m, "tau_rec") == doctest::Approx(1.0));
    CHECK(get(m, "tau_div") == doctest::Approx(-1.0));
    CHECK(get(m, "tau_con") == doctest::Approx(-1.0));
    CHECK(get(m, "tau_chn") == doctest::Approx(-2.0));
    CHECK(get(m, "R_motifs") == doctest::Approx(8 / std::sqrt(3.0)));
}

TEST_CASE("weight_motifs: a constant matrix has no variance and no motif coefficients") {
    nlohmann::json m = weight_motifs(Eigen::MatrixXd::Constant(4, 4, 0.3));
    CHECK(get(m, "sigma2") == 0);
    CHECK(std::isnan(get(m, "tau_rec")));
    CHECK(std::isnan(get(m, "tau_chn")));
    CHECK(m.dump().find("\"tau_div\":null") != std::string::npos);
}

TEST_CASE("weight_motifs: the sum shortcuts agree with the matrix products on a masked matrix") {
    const Eigen::MatrixXd w = gaussian_matrix(30, 30, 7).array() + 0.2;
    const Eigen::MatrixXd mask =
        (gaussian_matrix(30, 30, 8).array() > 0.5).cast<double>();  // ≈ 31 % present
    // Entries outside the mask are absent whatever W holds: the same as zeros there.
    const Eigen::MatrixXd zeroed = (mask.array() != 0).select(w.array(), 0.0).matrix();
    nlohmann::json m = weight_motifs(w, &mask);
    Motifs ref = motifs_by_products(zeroed);
    CHECK(get(m, "sigma2") == doctest::Approx(ref.sigma2).epsilon(1e-12));
    CHECK(get(m, "tau_rec") == doctest::Approx(ref.tau_rec).epsilon(1e-10));
    CHECK(get(m, "tau_div") == doctest::Approx(ref.tau_div).epsilon(1e-10));
    CHECK(get(m, "tau_con") == doctest::Approx(ref.tau_con).epsilon(1e-10));
    CHECK(get(m, "tau_chn") == doctest::Approx(ref.tau_chn).epsilon(1e-10));
    // W itself, without the mask, is a different matrix.
    CHECK(get(weight_motifs(w), "sigma2") != doctest::Approx(ref.sigma2));
}

TEST_CASE("weight_motifs: an antisymmetric matrix is fully anti-reciprocal") {
    const Eigen::MatrixXd x = gaussian_matrix(20, 20, 3);
    // Ŵ = W (mean 0) and Σ Ŵ_ij Ŵ_ji = −Σ Ŵ_ij².
    CHECK(get(weight_motifs(x - x.transpose()), "tau_rec") == doctest::Approx(-1.0));
    // Removing the mean keeps a symmetric matrix symmetric.
    CHECK(get(weight_motifs(x + x.transpose()), "tau_rec") == doctest::Approx(1.0));
}

TEST_CASE("weight_motifs: an i.i.d. Gaussian matrix has motif coefficients near 0") {
    // N = 400, no autapses, entries N(0, g²/N) with g = 0.5 (s² = g²/N). The numerators are sums
    // of uncorrelated products of independent entries:
    //   tau_rec: 2 Σ_{i<j} W_ij W_ji, var 2N² s⁴, over N sigma2 ≈ N² s²   → SD ≈ √2/N     = 3.5e-3
    //   tau_div, tau_con: per column (row) 2 Σ_{i<j}, var ≈ 2N³ s⁴ in all, over N³ s²
    //                                                                     → SD ≈ √2/N^1.5 = 1.8e-4
    //   tau_chn: 2 × N³ distinct-triple products, var N³ s⁴, over N³ s²    → SD ≈ 2/N^1.5  = 2.5e-4
    //   sigma2: Σ W²/N, var 2N² s⁴/N² → SD ≈ √2 g²/N = 8.8e-4 around g²(N−1)/N.
    // Removing the grand mean shifts each by O(1/N²). Tolerances are 4 SD.
    const double n = 400, g = 0.5;
    Eigen::MatrixXd w = gaussian_matrix(400, 400, 11) * (g / std::sqrt(n));
    w.diagonal().setZero();
    nlohmann::json m = weight_motifs(w);
    CHECK(std::abs(get(m, "sigma2") - g * g * (n - 1) / n) < 4 * std::sqrt(2.0) * g * g / n);
    CHECK(std::abs(get(m, "tau_rec")) < 4 * std::sqrt(2.0) / n);
    CHECK(std::abs(get(m, "tau_div")) < 4 * std::sqrt(2.0) / std::pow(n, 1.5));
    CHECK(std::abs(get(m, "tau_con")) < 4 * std::sqrt(2.0) / std::pow(n, 1.5));
    CHECK(std::abs(get(m, "tau_chn")) < 4 * 2.0 / std::pow(n, 1.5));
}

TEST_CASE("weight_motifs: after center_incoming every row balances and tau_con = -1/(N-1)") {
    // The spec's initial matrix (§4.3): sparse, scaled, rows centred over existing entries.
    const Eigen::Index n = 50;
    const Eigen::MatrixXd values =
        gaussian_matrix(n, n, 5) * 0.1 + Eigen::MatrixXd::Constant(n, n, 0.05);
    const Eigen::MatrixXd pick = gaussian_matrix(n, n, 6);
    std::vector<uint32_t> post, pre;
    std::vector<double> w;
    for (Eigen::Index i = 0; i < n; ++i) {
        for (Eigen::Index j = 0; j < n; ++j) {
            if (i == j || pick(i, j) < 0.5) continue;
            post.push_back(static_cast<uint32_t>(i));
            pre.push_back(static_cast<uint32_t>(j));
            w.push_back(values(i, j));
        }
    }
    center_incoming(post, w);
    Eigen::MatrixXd dense = Eigen::MatrixXd::Zero(n, n);
    for (size_t s = 0; s < w.size(); ++s) dense(post[s], pre[s]) = w[s];
    CHECK(dense.rowwise().sum().cwiseAbs().maxCoeff() < 1e-14);
    // Rows sum to 0 → m = 0 and Ŵ1 = 0, so sum(B) = 0 and tau_con = −tr(B)/(N(N−1)sigma2).
    CHECK(get(weight_motifs(dense), "tau_con") == doctest::Approx(-1.0 / (n - 1)).epsilon(1e-10));
}

TEST_CASE("center_incoming: each post neuron's existing weights lose their mean") {
    std::vector<uint32_t> post = {1, 0, 1, 3, 0, 1};
    std::vector<double> w = {2, 1, 2, 7, 3, 5};
    center_incoming(post, w);
    // post 0: {1, 3}, mean 2; post 1: {2, 2, 5}, mean 3; post 2: none; post 3: {7} → 0
    std::vector<double> expected = {-1, -1, -1, 0, 1, 2};
    for (size_t s = 0; s < w.size(); ++s) CHECK(w[s] == doctest::Approx(expected[s]));
}

TEST_CASE("center_incoming: a non-zero target is reached by one shift per post neuron") {
    std::vector<uint32_t> post = {0, 0, 0, 2, 2};
    std::vector<double> w = {1, 2, 6, -1, 1};
    center_incoming(post, w, 3.0);
    // post 0: sum 9 → shift (3 − 9)/3 = −2; post 2: sum 0 → shift 1.5
    std::vector<double> expected = {-1, 0, 4, 0.5, 2.5};
    for (size_t s = 0; s < w.size(); ++s) CHECK(w[s] == doctest::Approx(expected[s]));
    std::vector<uint32_t> none;
    std::vector<double> empty;
    center_incoming(none, empty);  // no synapses: nothing to do
    CHECK(empty.empty());
}

TEST_CASE("participation_ratio: data on d orthogonal directions of equal variance gives d") {
    // Over a whole period, cos and sin of distinct harmonics have zero mean, are mutually
    // orthogonal and have equal power, so the sample covariance has exactly d equal eigenvalues.
    const Eigen::Index n = 12, k = 64;
    Eigen::HouseholderQR<Eigen::MatrixXd> qr(gaussian_matrix(n, n, 2));
    const Eigen::MatrixXd basis = qr.householderQ();
    for (Eigen::Index d = 1; d <= 5; ++d) {
        Eigen::MatrixXd x = Eigen::MatrixXd::Zero(k, n);
        for (Eigen::Index q = 0; q < d; ++q) {
            const Eigen::Index harmonic = q / 2 + 1;  // cos and sin of harmonics 1, 1, 2, 2, 3
            for (Eigen::Index t = 0; t < k; ++t) {
                double phase = 2 * pi * static_cast<double>(harmonic * t) / static_cast<double>(k);
                double z = q % 2 == 0 ? std::cos(phase) : std::sin(phase);
                x.row(t) += 3.0 * z * basis.col(q).transpose();
            }
        }
        x.rowwise() += Eigen::RowVectorXd::Constant(n, 5.0);  // a mean is removed first
        CHECK(get(participation_ratio(x), "participation_ratio") ==
              doctest::Approx(static_cast<double>(d)).epsilon(1e-10));
    }
}

TEST_CASE("participation_ratio: variances 4 and 1 on two directions give 25/17") {
    Eigen::MatrixXd x = Eigen::MatrixXd::Zero(4, 3);
    // ±2 on neuron 0 and ±1 on neuron 2, uncorrelated over the 4 samples
    x.col(0) << 2, -2, 2, -2;
    x.col(2) << 1, 1, -1, -1;
    // C = diag(4, 0, 1)·4/3: PR = (Σλ)²/Σλ² = 25/17 whatever the divisor
    nlohmann::json pr = participation_ratio(x);
    CHECK(get(pr, "participation_ratio") == doctest::Approx(25.0 / 17));
    CHECK(pr.at("samples") == 4);
    CHECK(pr.at("n") == 3);
}

TEST_CASE("participation_ratio: the plain value is (sum of eigenvalues)^2 / sum of squares") {
    const Eigen::MatrixXd x = gaussian_matrix(40, 8, 9) * gaussian_matrix(8, 8, 10);
    const Eigen::MatrixXd centred = x.rowwise() - x.colwise().mean();
    const Eigen::MatrixXd cov = centred.transpose() * centred / 39.0;
    const Eigen::VectorXd lambda =
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(cov).eigenvalues();
    const double expected = lambda.sum() * lambda.sum() / lambda.squaredNorm();
    CHECK(get(participation_ratio(x), "participation_ratio") == doctest::Approx(expected));
}

TEST_CASE("participation_ratio_of_covariance: hand-computed corrected values") {
    Eigen::MatrixXd c(3, 3);
    c << 2, 1, 0,  //
        1, 4, -1,  //
        0, -1, 3;
    // a = (2, 4, 3): μa² = 9, raw var 2/3 → sa² = 1. c = (1, 0, 1, −1, 0, −1): μc² = 0, raw var
    // 2/3 → sc² = (2/3)·6/4 = 1. Plain: 9² / (29 + 4) = 27/11. K = 10:
    // sa_b² = 9/11 − 2·9/9 + 2/11 = −1; sc_b² = 9/10 − 9/10 − 0 = 0; dPR = 3/(1 − 1/9) = 27/8.
    nlohmann::json pr = participation_ratio_of_covariance(c, 10);
    CHECK(get(pr, "participation_ratio") == doctest::Approx(27.0 / 11));
    CHECK(get(pr, "participation_ratio_corrected") == doctest::Approx(27.0 / 8));

    c << 2, 1, 1,  //
        1, 2, 1,   //
        1, 1, 2;
    // λ = 4, 1, 1 → plain 36/18 = 2. μa² = 4, sa² = 0, μc² = 1, sc² = 0. K = 5:
    // sa_b² = −2·3/4 = −1.5; sc_b² = −3/5 − 4(1 − 2)/(5·4) = −0.4;
    // dPR = 3 / (1 − 1.5/4 + 2(−0.4/4 + 1/4)) = 3/0.925 = 120/37.
    pr = participation_ratio_of_covariance(c, 5);
    CHECK(get(pr, "participation_ratio") == doctest::Approx(2.0));
    CHECK(get(pr, "participation_ratio_corrected") == doctest::Approx(120.0 / 37));
    // Too few neurons or samples for the correction
    CHECK(
        std::isnan(get(participation_ratio_of_covariance(c, 1), "participation_ratio_corrected")));
    CHECK(std::isnan(get(participation_ratio_of_covariance(Eigen::MatrixXd::Identity(2, 2), 10),
                         "participation_ratio_corrected")));
}

TEST_CASE("participation_ratio: corrected form of an isotropic Gaussian sample is nearer N") {
    // N = 50 independent unit-variance neurons, K = 200 samples: the true PR is 50, the plain
    // estimate is biased down to ≈ N/(1 + N/K) = 40 (Σλ² grows by the Marchenko–Pastur factor).
    const Eigen::MatrixXd x = gaussian_matrix(200, 50, 4);
    nlohmann::json pr = participation_ratio(x);
    const double plain = get(pr, "participation_ratio");
    const double corrected = get(pr, "participation_ratio_corrected");
    CHECK(plain == doctest::Approx(40.0).epsilon(0.05));
    CHECK(std::abs(corrected - 50.0) < std::abs(plain - 50.0) / 4);
}

TEST_CASE("participation_ratio: fewer than 2 samples give no value") {
    nlohmann::json pr = participation_ratio(Eigen::MatrixXd::Ones(1, 5));
    CHECK(std::isnan(get(pr, "participation_ratio")));
    CHECK(std::isnan(get(pr, "participation_ratio_corrected")));
}

TEST_CASE("trace_match: hand case of mse, target power and mean correlation") {
    Eigen::MatrixXd target(3, 2), signal(3, 2);
    target << 1, 0,  //
        2, 1,        //
        3, 0;
    signal << 2, 0,  //
        4, 1,        //
        6, 1;
    // errors: column 0 (1, 2, 3), column 1 (0, 0, 1) → mse = 15/6; target power = 15/6.
    // Pearson: column 0 is a scaled copy → 1; column 1: dx = (−1, 2, −1)/3, dy = (−2, 1, 1)/3,
    // dx·dy = 1/3, |dx|² = |dy|² = 2/3 → 0.5. Mean 0.75.
    nlohmann::json m = trace_match(signal, target);
    CHECK(get(m, "mse") == doctest::Approx(2.5));
    CHECK(get(m, "target_power") == doctest::Approx(2.5));
    CHECK(get(m, "correlation") == doctest::Approx(0.75));
    CHECK(m.at("correlated_neurons") == 2);
    // The sign of a correlation is kept: a negated signal anti-correlates.
    CHECK(get(trace_match(-signal, target), "correlation") == doctest::Approx(-0.75));
}

TEST_CASE("trace_match: constant traces are left out of the correlation") {
    Eigen::MatrixXd target(4, 3), signal(4, 3);
    target << 1, 5, 0,  //
        2, 5, 1,        //
        3, 5, 0,        //
        4, 5, 1;
    signal << 1, 1, 2,  //
        3, 2, 2,        //
        5, 3, 2,        //
        7, 4, 2;
    // neuron 1 has a constant target, neuron 2 a constant signal: only neuron 0 (r = 1) counts
    nlohmann::json m = trace_match(signal, target);
    CHECK(get(m, "correlation") == doctest::Approx(1.0));
    CHECK(m.at("correlated_neurons") == 1);
    // A zero signal tracks nothing: its mse is the target power, and no correlation exists.
    nlohmann::json zero = trace_match(Eigen::MatrixXd::Zero(4, 3), target);
    CHECK(get(zero, "mse") == doctest::Approx(get(zero, "target_power")));
    CHECK(std::isnan(get(zero, "correlation")));
    CHECK(zero.at("correlated_neurons") == 0);
    CHECK(std::isnan(get(trace_match(Eigen::MatrixXd(0, 3), Eigen::MatrixXd(0, 3)), "mse")));
}
