// Stationary firing rate of a leaky integrate-and-fire neuron driven by Gaussian white or
// exponentially filtered noise: the Siegert / Ricciardi first-passage formula with the
// Fourcaud–Brunel colored-noise shift, and its derivatives.
#pragma once

namespace nj::rt {

/// Scaled complementary error function erfcx(x) = exp(x²) erfc(x), accurate to a few ulp for
/// every x where it is finite (+inf below x ≈ -26.6, where exp(x²) overflows).
double erfcx(double x);

/// Parameters of one LIF population, SI units (seconds); voltages are dimensionless.
struct LifParams {
    double tau_m;               ///< membrane time constant (> 0)
    double tau_s;               ///< synaptic time constant (>= 0); sets the colored-noise shift
    double tau_ref;             ///< absolute refractory period (>= 0)
    double threshold;           ///< theta
    double reset;               ///< V_r (< theta)
    bool colored_noise = true;  ///< false: no Fourcaud–Brunel shift (white-noise Siegert)
};

/// Rate and its partial derivatives with respect to the input mean and standard deviation.
struct TransferValue {
    double rate = 0;     ///< Phi in Hz
    double d_mu = 0;     ///< dPhi/dmu (Hz per voltage unit)
    double d_sigma = 0;  ///< dPhi/dsigma
};

/// Fourcaud–Brunel shift β = |ζ(1/2)|/√2 · √(tau_s/tau_m) (0 without colored noise).
double colored_noise_shift(const LifParams& lif);

/// Phi(mu, sigma) = 1 / (tau_ref + tau_m ∫_{y_r}^{y_θ} √π erfcx(-u) du) with
/// y_θ = (θ - mu)/sigma + β and y_r = (V_r - mu)/sigma + β; sigma floored at 1e-12 and the
/// denominator at 1e-12 s (spec §8.2). The derivatives are exact (the integrand at the bounds),
/// and zero where a floor is active. Quadrature: see lif_siegert_integral.
TransferValue lif_transfer(double mu, double sigma, const LifParams& lif);

/// ∫_a^b √π erfcx(-u) du for a <= b. The part below u = -30 uses the integrated asymptotic
/// series of erfcx (relative error < 1e-16 there); the rest adaptive 10-point Gauss–Legendre
/// with bisection, a panel accepted when its halves agree with the whole panel to 1e-13
/// relative. The integrand is positive, so local relative errors bound the total one: about
/// 1e-13 (checked against the spec's spot values, which the original computed to 1e-12).
/// Returns +inf when b > 26.5 (the integral exceeds 1e300 and the rate is 0 to double precision).
double lif_siegert_integral(double a, double b);

/// The rate alone, in Hz: lif_transfer(mu, sigma, {tau_m, tau_s, ...}).rate.
double lif_transfer_rate(double mu, double sigma, double tau_m, double tau_s, double tau_ref,
                         double threshold, double reset, bool colored_noise);

}  // namespace nj::rt
