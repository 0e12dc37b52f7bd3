// Linear stability of mean-field fixed points: eigenvalues of the forward-difference Jacobian
// of dnu/dt = (-nu + Phi(nu)) / rate_tau, and stability labels (the published code's order and
// a corrected one).
#pragma once

#include "runtime/analyses/mean_field_model.h"

#include <Eigen/Dense>

#include <string>

namespace nj::rt {

/// Eigenvalues (sorted by real part, then imaginary part, both descending) and the label.
struct FixedPointStability {
    Eigen::VectorXd real, imag;  ///< one NaN each when the Jacobian is not finite
    std::string label;
    int unstable = 0;  ///< eigenvalues with Re > tol
};

/// Label of a spectrum, tol applying to |Re| and |Im|.
///
/// original (the order of §8.4, quirk kept): all Re < -tol "stable node"; all Re > tol
/// "unstable node"; some Re > tol and some < -tol "saddle"; otherwise (some |Re| <= tol) with
/// any |Im| > tol "spiral saddle", else "neutral / marginal". The focus labels are
/// unreachable, so stable spirals are called "stable node".
///
/// corrected: the same cases, but complex eigenvalues (any |Im| > tol) turn "stable node" into
/// "stable focus", "unstable node" into "unstable focus" and "saddle" into "spiral saddle";
/// a spectrum with some |Re| <= tol is "neutral / marginal" whatever its imaginary parts.
std::string stability_label(const Eigen::VectorXd& real, const Eigen::VectorXd& imag, double tol,
                            bool corrected);

/// Stability of nu: A_ab = ((Phi_a(nu + h e_b) - Phi_a(nu)) / h - δ_ab) / rate_tau_a with
/// h = step (forward differences as the original), eigenvalues by Eigen::EigenSolver. A
/// non-finite A gives "undefined (numerical issues)".
FixedPointStability fixed_point_stability(const MeanFieldModel& model, const Eigen::VectorXd& nu,
                                          double step, double tol, bool corrected);

}  // namespace nj::rt
