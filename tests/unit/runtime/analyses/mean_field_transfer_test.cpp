// Tests for the LIF transfer function (mean_field_transfer.h): erfcx, the spot values of spec
// clustered_lif §11.2, the exact derivatives, the colored-noise shift and the limits.
#include "runtime/analyses/mean_field_transfer.h"

#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>
#include <numbers>
#include <utility>

using nj::rt::erfcx;
using nj::rt::lif_siegert_integral;
using nj::rt::lif_transfer;
using nj::rt::lif_transfer_rate;
using nj::rt::LifParams;

namespace {

// tau_m 20 ms, tau_s 5 ms, tau_ref 5 ms, V_r 0 (§11.2).
double spot_rate(double mu, double sigma, double threshold) {
    return lif_transfer_rate(mu, sigma, 0.020, 0.005, 0.005, threshold, 0.0, true);
}

}  // namespace

TEST_CASE("erfcx: matches exp(x²) erfc(x) where that is accurate, and its asymptotics beyond") {
    CHECK(erfcx(0.0) == 1.0);
    // Small |x|: the direct product loses nothing.
    for (double x : {-3.0, -1.0, -0.25, 0.5, 2.0, 5.0}) {
        CHECK(erfcx(x) == doctest::Approx(std::exp(x * x) * std::erfc(x)).epsilon(1e-14));
    }
    // Large x: erfcx(x) = 1/(x √π) (1 - 1/(2x²) + 3/(4x⁴) - ...); at x = 100 three terms are
    // accurate to 1e-11.
    const double x = 100.0;
    const double series =
        (1 - 1 / (2 * x * x) + 3 / (4 * x * x * x * x)) / (x * std::sqrt(std::numbers::pi));
    CHECK(erfcx(x) == doctest::Approx(series).epsilon(1e-12));
    // The product form (x < 26) and the series (x >= 26) join without a step: erfcx is
    // smooth, so a jump larger than the local slope times 2e-12 would show a wrong branch.
    const double below = erfcx(std::nextafter(26.0, 0.0)), above = erfcx(26.0);
    CHECK(std::fabs(below - above) < 1e-15 * above);
    CHECK(std::isinf(erfcx(-27.0)));
}

TEST_CASE("lif_transfer_rate: reproduces the spot values of §11.2") {
    // Reference values: the original's adaptive quadrature (abs/rel tol 1e-12) as stored in
    // reference_runs/clustered_lif/mf_reference.json. Both sides integrate to ~1e-12, so 1e-9
    // relative leaves a wide margin yet catches any formula slip (a wrong shift β changes the
    // rates in the third digit).
    struct Spot {
        double mu, sigma, rate_e, rate_i;
    };
    const Spot spots[] = {{0.5, 0.5, 0.11367498919494673, 9.782875446809534},
                          {1.0, 0.5, 3.2900944221088957, 28.65255983892391},
                          {1.5, 0.3, 12.377284220614822, 48.88387246002311},
                          {2.0, 0.5, 27.418625056134093, 64.27199659915836},
                          {1.2, 1.0, 13.092029551175706, 39.932460990645815},
                          {103.04, 15.39, 188.18501450930438, 193.93557996403445}};
    for (const Spot& s : spots) {
        CAPTURE(s.mu);
        CAPTURE(s.sigma);
        CHECK(spot_rate(s.mu, s.sigma, 1.5) == doctest::Approx(s.rate_e).epsilon(1e-9));
        CHECK(spot_rate(s.mu, s.sigma, 0.75) == doctest::Approx(s.rate_i).epsilon(1e-9));
    }
}

TEST_CASE("lif_transfer: the Fourcaud–Brunel shift is 1.03263 sqrt(tau_s/tau_m) on both bounds") {
    const LifParams colored{0.020, 0.005, 0.005, 1.5, 0.0, true};
    CHECK(nj::rt::colored_noise_shift(colored) == doctest::Approx(0.51631).epsilon(1e-5));
    // White noise with threshold and reset raised by β sigma is the colored rate.
    const double mu = 1.2, sigma = 0.8, beta = nj::rt::colored_noise_shift(colored);
    const LifParams white{0.020, 0.005, 0.005, 1.5 + beta * sigma, beta * sigma, false};
    CHECK(lif_transfer(mu, sigma, white).rate ==
          doctest::Approx(lif_transfer(mu, sigma, colored).rate).epsilon(1e-12));
}

TEST_CASE("lif_transfer: the derivatives agree with central differences") {
    // Central differences with h = 1e-5 have truncation error ~h² Phi''' ~ 1e-8 relative and
    // rounding ~1e-13 / 1e-5 = 1e-8; 1e-6 relative separates right from wrong signs or factors.
    const LifParams lif{0.020, 0.005, 0.005, 1.5, 0.0, true};
    const double h = 1e-5;
    for (auto [mu, sigma] : {std::pair{1.2, 0.7}, std::pair{0.3, 0.4}, std::pair{5.0, 2.0}}) {
        const nj::rt::TransferValue v = lif_transfer(mu, sigma, lif);
        const double d_mu =
            (lif_transfer(mu + h, sigma, lif).rate - lif_transfer(mu - h, sigma, lif).rate) /
            (2 * h);
        const double d_sigma =
            (lif_transfer(mu, sigma + h, lif).rate - lif_transfer(mu, sigma - h, lif).rate) /
            (2 * h);
        CAPTURE(mu);
        CHECK(v.d_mu == doctest::Approx(d_mu).epsilon(1e-6));
        CHECK(v.d_sigma == doctest::Approx(d_sigma).epsilon(1e-6));
    }
}

TEST_CASE("lif_transfer: limits of vanishing noise, strong inhibition and strong drive") {
    // sigma -> 0 above threshold: the deterministic LIF, 1/(tau_ref + tau_m ln(mu/(mu - θ))).
    // The shift β moves the bounds by β sigma, i.e. by ~1e-10 relative at sigma = 1e-9.
    const double deterministic = 1 / (0.005 + 0.020 * std::log(3.0 / 1.5));
    CHECK(spot_rate(3.0, 1e-9, 1.5) == doctest::Approx(deterministic).epsilon(1e-8));
    // Far below threshold the rate underflows to 0 without NaN; far above it tends to 1/tau_ref.
    CHECK(spot_rate(-50.0, 0.5, 1.5) == 0.0);
    CHECK(spot_rate(1e6, 1.0, 1.5) == doctest::Approx(200.0).epsilon(1e-4));
    // Across u = -30 the integrated asymptotic series takes over from the quadrature: compare
    // with composite Simpson on the integrand itself (h = 1e-3 on a 1/|u|-like function: error
    // ~1e-17), so a wrong series coefficient (~1e-4 effect at |u| = 30) would show.
    const auto integrand = [](double u) { return std::sqrt(std::numbers::pi) * erfcx(-u); };
    const double a = -45.0, b = -25.0;
    const int n = 20000;
    const double h = (b - a) / n;
    double simpson = integrand(a) + integrand(b);
    for (int k = 1; k < n; ++k) simpson += (k % 2 ? 4 : 2) * integrand(a + k * h);
    simpson *= h / 3;
    CHECK(lif_siegert_integral(a, b) == doctest::Approx(simpson).epsilon(1e-12));
}
