// Stability labels and Jacobian eigenvalues of mean-field fixed points (spec §8.4).
#include "runtime/analyses/mean_field_stability.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

namespace nj::rt {

std::string stability_label(const Eigen::VectorXd& real, const Eigen::VectorXd& imag, double tol,
                            bool corrected) {
    if (!real.allFinite() || !imag.allFinite() || real.size() == 0) {
        return "undefined (numerical issues)";
    }
    const bool all_stable = (real.array() < -tol).all();
    const bool all_unstable = (real.array() > tol).all();
    const bool mixed = (real.array() > tol).any() && (real.array() < -tol).any();
    const bool complex = (imag.array().abs() > tol).any();
    if (!corrected) {
        if (all_stable) return "stable node";
        if (all_unstable) return "unstable node";
        if (mixed) return "saddle";
        return complex ? "spiral saddle" : "neutral / marginal";
    }
    if (all_stable) return complex ? "stable focus" : "stable node";
    if (all_unstable) return complex ? "unstable focus" : "unstable node";
    if (mixed) return complex ? "spiral saddle" : "saddle";
    return "neutral / marginal";
}

FixedPointStability fixed_point_stability(const MeanFieldModel& model, const Eigen::VectorXd& nu,
                                          double step, double tol, bool corrected) {
    const Eigen::Index p = model.size();
    const Eigen::VectorXd phi = transfer_vector(model, nu);
    Eigen::MatrixXd a(p, p);
    for (Eigen::Index b = 0; b < p; ++b) {
        Eigen::VectorXd shifted = nu;
        shifted[b] += step;
        a.col(b) = (transfer_vector(model, shifted) - phi) / step;
    }
    a -= Eigen::MatrixXd::Identity(p, p);
    a = model.rate_tau.cwiseInverse().asDiagonal() * a;
    FixedPointStability out;
    out.real = Eigen::VectorXd::Constant(1, std::numeric_limits<double>::quiet_NaN());
    out.imag = out.real;
    if (!a.allFinite()) {
        out.label = stability_label(out.real, out.imag, tol, corrected);
        return out;
    }
    const Eigen::EigenSolver<Eigen::MatrixXd> solver(a, false);
    if (solver.info() != Eigen::Success) {
        out.label = stability_label(out.real, out.imag, tol, corrected);
        return out;
    }
    const Eigen::VectorXcd values = solver.eigenvalues();
    std::vector<Eigen::Index> order(static_cast<size_t>(p));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::sort(order.begin(), order.end(), [&](Eigen::Index i, Eigen::Index j) {
        if (values[i].real() != values[j].real()) return values[i].real() > values[j].real();
        return values[i].imag() > values[j].imag();
    });
    out.real.resize(p);
    out.imag.resize(p);
    for (Eigen::Index k = 0; k < p; ++k) {
        out.real[k] = values[order[static_cast<size_t>(k)]].real();
        out.imag[k] = values[order[static_cast<size_t>(k)]].imag();
    }
    out.unstable = static_cast<int>((out.real.array() > tol).count());
    out.label = stability_label(out.real, out.imag, tol, corrected);
    return out;
}

}  // namespace nj::rt
