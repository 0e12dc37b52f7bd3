// Tests for lif_mean_field (mean_field.h): the README example (§11.1), the 2-cluster config
// (§11.3) built from the spec's connectivity formulas, eigenvalues derived by hand, labels,
// non-converged starts, determinism and input validation.
#include "runtime/analyses/mean_field.h"

#include "runtime/analyses/mean_field_model.h"
#include "tests/unit/runtime/analyses/mean_field_cases.h"

#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>

#include <cmath>
#include <complex>
#include <initializer_list>
#include <limits>

using nj::rt::lif_mean_field;
using nj::rt::MeanFieldInput;
using nj::rt::MeanFieldOptions;
using nj::rt::MeanFieldResult;
using nj::test::readme_input;
using nj::test::two_cluster_input;

namespace {

MeanFieldResult one_solve(const MeanFieldInput& in, const std::string& labels = "original") {
    MeanFieldOptions o;
    o.starts = 0;
    o.labels = labels;
    return lif_mean_field(in, o);
}

/// dPhi_a/dnu_b from the transfer derivatives by the chain rule (independent of the library's
/// finite differences): tau_m (Phi_mu C J + Phi_sigma C J² / (2 sigma)).
double d_phi(const MeanFieldInput& in, const nlohmann::json& fp, size_t a, size_t b) {
    const double mu = fp["mu"][a], sigma = fp["sigma"][a];
    const nj::rt::TransferValue t = nj::rt::lif_transfer(
        mu, sigma, {in.tau_m[a], in.tau_s[a], in.tau_ref[a], in.threshold[a], in.reset[a], true});
    const auto i = static_cast<Eigen::Index>(a), j = static_cast<Eigen::Index>(b);
    const double cj = in.in_degree(i, j) * in.weight(i, j);
    return in.tau_m[a] * (t.d_mu * cj + t.d_sigma * cj * in.weight(i, j) / (2 * sigma));
}

}  // namespace

TEST_CASE("lif_mean_field: the README example converges from zero to (188.272, 193.981) Hz") {
    const MeanFieldResult r = one_solve(readme_input());
    REQUIRE(r.error.empty());
    CHECK(r.summary["converged"] == 1);
    REQUIRE(r.summary["fixed_points"].size() == 1);
    const nlohmann::json& fp = r.summary["fixed_points"][0];
    // §11.1 gives 6 digits; the original's values (mf_reference.json) agree with ours to 1e-12.
    CHECK(double(fp["rates_hz"][0]) == doctest::Approx(188.27192498911288).epsilon(1e-9));
    CHECK(double(fp["rates_hz"][1]) == doctest::Approx(193.9813688852052).epsilon(1e-9));
    CHECK(double(fp["mu"][0]) == doctest::Approx(103.8045).epsilon(1e-6));
    CHECK(double(fp["sigma"][1]) == doctest::Approx(15.3970).epsilon(1e-5));
    CHECK(fp["label"] == "stable node");
}

TEST_CASE("lif_mean_field: README eigenvalues are -1 and -1 + tr dPhi/dnu, scaled by rate_tau") {
    // With C = 1 and J = 0.1 everywhere every column of dPhi/dnu is the same vector (x, y),
    // so dPhi/dnu has rank 1: A = diag(1/tau) (dPhi/dnu - 1) has trace (x-1)/tau_0 + (y-1)/tau_1
    // and determinant (1 - x - y)/(tau_0 tau_1). (The spec's -0.999768 ± 0.0109i cannot come
    // from a rank-1 dPhi/dnu: it is the original's quadrature noise, ~1e-12 Hz / 1e-6 Hz.)
    MeanFieldInput in = readme_input();
    in.rate_tau = {0.5, 2.0};
    const MeanFieldResult r = one_solve(in);
    REQUIRE(r.error.empty());
    const nlohmann::json& fp = r.summary["fixed_points"][0];
    const double x = d_phi(in, fp, 0, 0), y = d_phi(in, fp, 1, 0);
    const double trace = (x - 1) / 0.5 + (y - 1) / 2.0, det = (1 - x - y) / (0.5 * 2.0);
    const std::complex<double> root = std::sqrt(std::complex<double>(trace * trace / 4 - det));
    const double high = (trace / 2 + root).real(), low = (trace / 2 - root).real();
    // Forward differences with h = 1e-6 Hz: truncation h Phi'' ~ 1e-9, rounding 1e-13 Phi / h
    // ~ 2e-5 in the entries of dPhi/dnu, so 1e-4 absolute on eigenvalues of size ~1.
    CHECK(double(fp["eigenvalues_real"][0]) == doctest::Approx(high).epsilon(1e-4));
    CHECK(double(fp["eigenvalues_real"][1]) == doctest::Approx(low).epsilon(1e-4));
    CHECK(double(fp["eigenvalues_imag"][0]) == doctest::Approx(0.0));
    CHECK(std::fabs(x + y) < 1e-3);  // near saturation (Phi ≈ 1/tau_ref) the slope is tiny
}

TEST_CASE(
    "lif_mean_field: an E-I loop has eigenvalues -1 ± i sqrt(-ab); labels original vs corrected") {
    // Population 0 is inhibited by 1, population 1 excited by 0, no self-coupling:
    // dPhi/dnu = [[0, a], [b, 0]] with a < 0 < b, so A = dPhi/dnu - 1 has -1 ± i sqrt(-ab).
    MeanFieldInput in = readme_input();
    in.in_degree << 0, 10, 10, 0;
    in.weight << 0, -0.05, 0.05, 0;
    in.ext_in_degree = {100, 100};
    in.ext_weight = {0.06, 0.06};
    in.ext_rate = {10, 10};
    in.threshold = {1.0, 1.0};
    const MeanFieldResult original = one_solve(in, "original");
    const MeanFieldResult corrected = one_solve(in, "corrected");
    REQUIRE(original.error.empty());
    const nlohmann::json& fp = original.summary["fixed_points"][0];
    const double a = d_phi(in, fp, 0, 1), b = d_phi(in, fp, 1, 0);
    REQUIRE(a * b < -1e-4);
    // Same finite-difference error budget as above.
    CHECK(double(fp["eigenvalues_real"][0]) == doctest::Approx(-1.0).epsilon(1e-4));
    CHECK(double(fp["eigenvalues_imag"][0]) == doctest::Approx(std::sqrt(-a * b)).epsilon(1e-4));
    CHECK(double(fp["eigenvalues_imag"][1]) == doctest::Approx(-std::sqrt(-a * b)).epsilon(1e-4));
    CHECK(fp["label"] == "stable node");  // §8.4 quirk: the focus label is unreachable
    CHECK(corrected.summary["fixed_points"][0]["label"] == "stable focus");
}

TEST_CASE("lif_mean_field: the 2-cluster test input is the original's C and J (§3, §8.1)") {
    // mf_reference.json (2_cluster_mf_model): j- = -0.4615 makes E cluster <-> rest negative.
    const MeanFieldInput in = two_cluster_input();
    CHECK(in.weight(0, 0) == doctest::Approx(0.5482329112855187).epsilon(1e-12));
    CHECK(in.weight(0, 1) == doctest::Approx(-0.01265152872197351).epsilon(1e-12));
    CHECK(in.weight(2, 0) == doctest::Approx(-0.01265152872197351).epsilon(1e-12));
    CHECK(in.weight(2, 2) == doctest::Approx(0.027411645564275933).epsilon(1e-12));
    CHECK(in.weight(0, 3) == doctest::Approx(-0.37476659402887014).epsilon(1e-12));
    CHECK(in.weight(4, 1) == doctest::Approx(0.08838834764831843).epsilon(1e-12));
    CHECK(in.weight(5, 5) == doctest::Approx(-0.34294678887547553).epsilon(1e-12));
    const double e_row[6] = {16, 16, 96, 0, 0, 80}, i_row[6] = {40, 40, 240, 0, 0, 80};
    for (Eigen::Index b = 0; b < 6; ++b) {
        CHECK(in.in_degree(1, b) == e_row[b]);
        CHECK(in.in_degree(3, b) == i_row[b]);
    }
}

TEST_CASE("lif_mean_field: 2-cluster config finds the symmetric and both one-cluster-high points") {
    const MeanFieldInput in = two_cluster_input();
    MeanFieldOptions o;  // 50 starts, seed 7, as §11.3
    o.split = {0, 1};
    const MeanFieldResult r = lif_mean_field(in, o);
    REQUIRE(r.error.empty());
    CHECK(r.summary["starts"] == 50);
    CHECK(int(r.summary["converged"]) + int(r.summary["non_converged"]) == 50);
    const nlohmann::json& points = r.summary["fixed_points"];
    // §11.3 / mf_reference.json: the original's roots; ours agree to ~1e-13, 1e-8 is margin.
    const double symmetric[6] = {21.829875046359263, 21.829875046359245, 2.546294737871437,
                                 13.024508672237513, 13.024508672237513, 13.024508672237513};
    const double high[6] = {51.10917226034007,  2.5360450811793758, 1.7612320336112306,
                            13.554831120394702, 13.554831120394702, 13.554831120394702};
    const auto find = [&](const double* expected, bool mirrored) -> const nlohmann::json* {
        for (const nlohmann::json& fp : points) {
            bool same = true;
            for (size_t a = 0; a < 6; ++a) {
                const size_t k = mirrored && a < 2 ? 1 - a : a;
                same = same && std::fabs(double(fp["rates_hz"][a]) - expected[k]) <= 1e-8 * 60;
            }
            if (same) return &fp;
        }
        return nullptr;
    };
    const nlohmann::json* sym = find(symmetric, false);
    const nlohmann::json* e1_high = find(high, false);
    const nlohmann::json* e2_high = find(high, true);
    REQUIRE(sym);
    REQUIRE(e1_high);
    REQUIRE(e2_high);
    int total = 0;
    for (const nlohmann::json& fp : points) total += int(fp["starts"]);
    CHECK(total == r.summary["converged"]);
    // The empty I clusters send no synapses: their columns of dPhi/dnu vanish, so -1 is an
    // eigenvalue twice at every fixed point (to the finite-difference error, 1e-4).
    for (const nlohmann::json* fp : {sym, e1_high, e2_high}) {
        int minus_one = 0;
        for (size_t k = 0; k < 6; ++k) {
            const bool is = std::fabs(double((*fp)["eigenvalues_real"][k]) + 1) < 1e-4 &&
                            std::fabs(double((*fp)["eigenvalues_imag"][k])) < 1e-4;
            minus_one += is;
        }
        CHECK(minus_one == 2);
    }
    // The symmetric point is the saddle between the two one-cluster-high attractors: one
    // unstable (symmetry-breaking) direction. See the report for the spec's differing labels.
    CHECK((*sym)["label"] == "saddle");
    CHECK((*sym)["unstable_eigenvalues"] == 1);
    CHECK((*e1_high)["unstable_eigenvalues"] == 0);
}

TEST_CASE("lif_mean_field: the finite-difference eigenvalues match the analytic Jacobian's") {
    const MeanFieldInput in = two_cluster_input();
    MeanFieldOptions o;
    o.starts = 0;
    o.initial = {50, 3, 2, 13, 13, 13};
    const MeanFieldResult r = lif_mean_field(in, o);
    REQUIRE(r.summary["fixed_points"].size() == 1);
    const nlohmann::json& fp = r.summary["fixed_points"][0];
    Eigen::VectorXd nu(6);
    for (Eigen::Index a = 0; a < 6; ++a) nu[a] = fp["rates_hz"][static_cast<size_t>(a)];
    Eigen::MatrixXd jacobian;
    nj::rt::transfer_vector(nj::rt::make_mean_field_model(in, true), nu, jacobian);
    jacobian -= Eigen::MatrixXd::Identity(6, 6);
    const Eigen::VectorXcd exact = Eigen::EigenSolver<Eigen::MatrixXd>(jacobian).eigenvalues();
    // Every reported eigenvalue lies within 1e-4 of an exact one (finite-difference error).
    for (size_t k = 0; k < 6; ++k) {
        const std::complex<double> v(fp["eigenvalues_real"][k], fp["eigenvalues_imag"][k]);
        double nearest = std::numeric_limits<double>::infinity();
        for (Eigen::Index i = 0; i < 6; ++i) nearest = std::min(nearest, std::abs(exact[i] - v));
        CHECK(nearest < 1e-4);
    }
}

TEST_CASE("lif_mean_field: non-converged starts are counted, never returned as fixed points") {
    // No start can reach a residual of 1e-300 Hz (rounding alone leaves ~1e-14).
    MeanFieldOptions o;
    o.starts = 5;
    o.residual_max = 1e-300;
    const MeanFieldResult r = lif_mean_field(two_cluster_input(), o);
    REQUIRE(r.error.empty());
    CHECK(r.summary["non_converged"] == 5);
    CHECK(r.summary["converged"] == 0);
    CHECK(r.summary["non_converged_residuals"].size() == 5);
    CHECK(r.summary["fixed_points"].empty());
    CHECK(r.arrays[0].name == "fixed_points");
    CHECK(r.arrays[0].values.empty());
}

TEST_CASE("lif_mean_field: starts are deterministic per seed and follow §8.3's ranges") {
    MeanFieldOptions o;
    o.starts = 40;
    const MeanFieldResult a = lif_mean_field(readme_input(), o);
    const MeanFieldResult b = lif_mean_field(readme_input(), o);
    o.seed = 8;
    const MeanFieldResult c = lif_mean_field(readme_input(), o);
    const auto starts = [](const MeanFieldResult& r) {
        for (const auto& array : r.arrays) {
            if (array.name == "start_rates") return array.values;
        }
        return std::vector<double>{};
    };
    REQUIRE(starts(a).size() == 80);
    CHECK(starts(a) == starts(b));
    CHECK(starts(a) != starts(c));
    int high = 0;
    for (double x : starts(a)) {
        CHECK(x >= 0.0);
        CHECK(x < 10.0);
        high += x >= 1.0;
    }
    CHECK(high > 0);  // k ~ U{0..2} redraws from U[0, 10): some entries exceed 1
    CHECK(a.summary["distinct"] == 1);
}

TEST_CASE("lif_mean_field: bad input is reported as an error, not thrown") {
    MeanFieldInput in = readme_input();
    in.tau_m[1] = 0;
    CHECK(lif_mean_field(in, {}).error.find("tau_m") != std::string::npos);
    in = readme_input();
    in.weight.resize(2, 3);
    CHECK(lif_mean_field(in, {}).error.find("weight") != std::string::npos);
    in = readme_input();
    in.threshold.pop_back();
    CHECK(lif_mean_field(in, {}).error.find("threshold") != std::string::npos);
    in = readme_input();
    in.reset = {2.0, 0.0};
    CHECK(!lif_mean_field(in, {}).error.empty());
    MeanFieldOptions o;
    o.labels = "fancy";
    CHECK(lif_mean_field(readme_input(), o).error.find("fancy") != std::string::npos);
    o = {};
    o.landscape = true;
    o.focus = {0, 0};
    CHECK(!lif_mean_field(readme_input(), o).error.empty());
    o = {};
    o.initial = {1.0};
    o.starts = 0;
    CHECK(!lif_mean_field(readme_input(), o).error.empty());
}
