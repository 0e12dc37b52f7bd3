// Siegert / Ricciardi transfer function of LIF populations with the Fourcaud–Brunel shift:
// erfcx, the first-passage integral and the rate's derivatives.
#include "runtime/analyses/mean_field_transfer.h"

#include <array>
#include <cmath>
#include <limits>
#include <numbers>

namespace nj::rt {

namespace {

constexpr double sqrt_pi = 1.7724538509055160273;
/// |ζ(1/2)| / √2, the Fourcaud–Brunel constant.
constexpr double fourcaud_brunel = 1.4603545088095868129 / std::numbers::sqrt2;
/// Below this u the integral uses the integrated asymptotic series of erfcx.
constexpr double asymptotic_below = -30.0;
/// Above this u, exp(u²) is within a factor 1e4 of overflowing: the integral is "infinite".
constexpr double overflow_above = 26.5;
constexpr double sigma_floor = 1e-12;
constexpr double denominator_floor = 1e-12;

/// exp(x²) with x² split exactly into hi + lo, so large x lose no digits to the rounding of x².
double exp_square(double x) {
    const double hi = x * x;
    const double lo = std::fma(x, x, -hi);
    return std::exp(hi) * (1.0 + lo);
}

/// The integrand √π erfcx(-u) = √π exp(u²) (1 + erf(u)).
double siegert_integrand(double u) {
    return sqrt_pi * erfcx(-u);
}

/// Nodes and weights of 10-point Gauss–Legendre on [-1, 1] (the 5 positive nodes), computed
/// once by Newton's method on P_10 so no table of digits has to be trusted.
struct GaussLegendre10 {
    std::array<double, 5> node{}, weight{};
    GaussLegendre10() {
        constexpr int n = 10;
        for (int k = 0; k < 5; ++k) {
            double x = std::cos(std::numbers::pi * (k + 0.75) / (n + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; ++iteration) {
                double p0 = 1, p1 = x;
                for (int m = 2; m <= n; ++m) {
                    const double p2 = ((2.0 * m - 1) * x * p1 - (m - 1.0) * p0) / m;
                    p0 = p1;
                    p1 = p2;
                }
                derivative = n * (x * p1 - p0) / (x * x - 1);
                const double step = p1 / derivative;
                x -= step;
                if (std::fabs(step) < 1e-16) break;
            }
            node[k] = x;
            weight[k] = 2.0 / ((1 - x * x) * derivative * derivative);
        }
    }
};

double gauss_legendre(double a, double b) {
    static const GaussLegendre10 rule;
    const double mid = 0.5 * (a + b), half = 0.5 * (b - a);
    double sum = 0;
    for (size_t k = 0; k < rule.node.size(); ++k) {
        const double offset = half * rule.node[k];
        sum += rule.weight[k] * (siegert_integrand(mid - offset) + siegert_integrand(mid + offset));
    }
    return sum * half;
}

/// Bisects until the two halves agree with the whole panel to 1e-13 relative.
double adaptive_gauss_legendre(double a, double b, double whole, int depth) {
    const double mid = 0.5 * (a + b);
    const double left = gauss_legendre(a, mid), right = gauss_legendre(mid, b);
    const double refined = left + right;
    if (depth >= 40 || std::fabs(refined - whole) <= 1e-13 * refined) return refined;
    return adaptive_gauss_legendre(a, mid, left, depth + 1) +
           adaptive_gauss_legendre(mid, b, right, depth + 1);
}

/// ∫_a^b √π erfcx(-u) du for a <= b <= -30 from √π erfcx(x) ~ Σ c_n x^-(2n+1), x = -u,
/// c_n = (-1)^n (2n-1)!! / 2^n, integrated term by term (terms up to n = 6; the first omitted
/// one is below 1e-19 relative at x = 30).
double asymptotic_integral(double a, double b) {
    const double x_a = -a, x_b = -b;  // x_a >= x_b >= 30
    double sum = std::log1p((x_a - x_b) / x_b);
    double coefficient = 1, pow_a = 1, pow_b = 1;
    for (int n = 1; n <= 6; ++n) {
        coefficient *= -(2.0 * n - 1) / 2.0;
        pow_a /= x_a * x_a;
        pow_b /= x_b * x_b;
        sum += coefficient / (2.0 * n) * (pow_b - pow_a);
    }
    return sum;
}

}  // namespace

double erfcx(double x) {
    if (std::isnan(x)) return x;
    if (x < 0) {
        if (x < -26.6) return std::numeric_limits<double>::infinity();
        return 2.0 * exp_square(x) - erfcx(-x);
    }
    if (x < 26.0) return exp_square(x) * std::erfc(x);
    // Asymptotic series; at x >= 26 the 8th term is below 1e-20 relative.
    const double inverse_two_x2 = 1.0 / (2.0 * x * x);
    double term = 1, sum = 1;
    for (int n = 1; n <= 7; ++n) {
        term *= -(2.0 * n - 1) * inverse_two_x2;
        sum += term;
    }
    return sum / (x * sqrt_pi);
}

double lif_siegert_integral(double a, double b) {
    if (a > b) return -lif_siegert_integral(b, a);
    if (b > overflow_above) return std::numeric_limits<double>::infinity();
    double total = 0;
    if (a < asymptotic_below) {
        total += asymptotic_integral(a, std::min(b, asymptotic_below));
        a = asymptotic_below;
    }
    if (b > a) total += adaptive_gauss_legendre(a, b, gauss_legendre(a, b), 0);
    return total;
}

double colored_noise_shift(const LifParams& lif) {
    if (!lif.colored_noise) return 0.0;
    return fourcaud_brunel * std::sqrt(lif.tau_s / lif.tau_m);
}

TransferValue lif_transfer(double mu, double sigma, const LifParams& lif) {
    const bool sigma_floored = !(sigma > sigma_floor);
    if (sigma_floored) sigma = sigma_floor;
    const double beta = colored_noise_shift(lif);
    const double y_theta = (lif.threshold - mu) / sigma + beta;
    const double y_reset = (lif.reset - mu) / sigma + beta;
    const double integral = lif_siegert_integral(y_reset, y_theta);
    if (std::isinf(integral)) return {};  // the rate underflows: silent population
    const double denominator = lif.tau_ref + lif.tau_m * integral;
    if (!(denominator > denominator_floor)) return {1.0 / denominator_floor, 0, 0};
    TransferValue out;
    out.rate = 1.0 / denominator;
    // dPhi/dI = -tau_m Phi²; dI/dy at the bounds is the integrand there, dy/dmu = -1/sigma and
    // dy/dsigma = -(v - mu)/sigma² for v = theta, V_r.
    const double f_theta = siegert_integrand(y_theta), f_reset = siegert_integrand(y_reset);
    const double scale = -lif.tau_m * out.rate * out.rate;
    out.d_mu = scale * (f_reset - f_theta) / sigma;
    if (!sigma_floored) {
        const double d_integral =
            (f_reset * (lif.reset - mu) - f_theta * (lif.threshold - mu)) / (sigma * sigma);
        out.d_sigma = scale * d_integral;
    }
    return out;
}

double lif_transfer_rate(double mu, double sigma, double tau_m, double tau_s, double tau_ref,
                         double threshold, double reset, bool colored_noise) {
    return lif_transfer(mu, sigma, {tau_m, tau_s, tau_ref, threshold, reset, colored_noise}).rate;
}

}  // namespace nj::rt
