// Powell dogleg trust-region root finder used by the mean-field analyses.
#include "runtime/analyses/mean_field_solver.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace nj::rt {

namespace {

/// The dogleg step for the model F + J p inside |p| <= delta.
Eigen::VectorXd dogleg_step(const Eigen::MatrixXd& jacobian, const Eigen::VectorXd& f,
                            double delta) {
    // Least squares keeps the Newton step defined (minimum norm) when J is singular.
    const Eigen::VectorXd newton = -jacobian.completeOrthogonalDecomposition().solve(f);
    const bool newton_ok = newton.allFinite();
    if (newton_ok && newton.norm() <= delta) return newton;
    const Eigen::VectorXd gradient = jacobian.transpose() * f;
    const double gradient_norm = gradient.norm();
    if (gradient_norm == 0) return Eigen::VectorXd::Zero(f.size());
    const double curvature = (jacobian * gradient).squaredNorm();
    // Along -g the model is minimised at alpha = |g|² / |J g|² (the Cauchy point).
    if (!(curvature > 0)) return -(delta / gradient_norm) * gradient;
    const Eigen::VectorXd cauchy = -(gradient_norm * gradient_norm / curvature) * gradient;
    const double cauchy_norm = cauchy.norm();
    if (cauchy_norm >= delta || !newton_ok) {
        return cauchy * std::min(1.0, delta / cauchy_norm);
    }
    // The point where the segment Cauchy → Newton leaves the trust region.
    const Eigen::VectorXd leg = newton - cauchy;
    const double a = leg.squaredNorm(), b = 2 * cauchy.dot(leg);
    const double c = cauchy_norm * cauchy_norm - delta * delta;
    const double t = (-b + std::sqrt(b * b - 4 * a * c)) / (2 * a);
    return cauchy + t * leg;
}

bool evaluate(const ResidualFunction& residual, const Eigen::VectorXd& x, Eigen::VectorXd& f,
              Eigen::MatrixXd& jacobian) {
    f.resize(x.size());
    jacobian.resize(x.size(), x.size());
    return residual(x, f, &jacobian) && f.allFinite() && jacobian.allFinite();
}

}  // namespace

DoglegResult solve_dogleg(const ResidualFunction& residual, Eigen::VectorXd x0,
                          const DoglegOptions& options) {
    const auto n = x0.size();
    const int max_evaluations =
        options.max_evaluations > 0 ? options.max_evaluations : 200 * static_cast<int>(n + 1);
    DoglegResult out;
    out.x = std::move(x0);
    Eigen::MatrixXd jacobian;
    out.evaluations = 1;
    if (!evaluate(residual, out.x, out.f, jacobian)) {
        out.residual = std::numeric_limits<double>::infinity();
        return out;
    }
    double delta = 100 * std::max(out.x.norm(), 1.0);
    Eigen::VectorXd trial_f;
    Eigen::MatrixXd trial_jacobian;
    while (out.evaluations < max_evaluations && out.f.squaredNorm() > 0) {
        const Eigen::VectorXd step = dogleg_step(jacobian, out.f, delta);
        const double step_norm = step.norm();
        const double norm2 = out.f.squaredNorm();
        const double predicted = norm2 - (out.f + jacobian * step).squaredNorm();
        // No predicted decrease: x is a stationary point of |F|² (a local minimum, not a root).
        if (!(predicted > 0)) break;
        const Eigen::VectorXd trial = out.x + step;
        ++out.evaluations;
        const bool ok = evaluate(residual, trial, trial_f, trial_jacobian);
        const double ratio = ok ? (norm2 - trial_f.squaredNorm()) / predicted : -1.0;
        if (ratio < 0.25) {
            delta = 0.25 * step_norm;
        } else if (ratio > 0.75) {
            delta = std::max(delta, 2 * step_norm);
        }
        const double x_scale = options.xtol * (out.x.norm() + options.xtol);
        if (ratio > 1e-4) {
            out.x = trial;
            out.f.swap(trial_f);
            jacobian.swap(trial_jacobian);
            if (step_norm <= x_scale) break;
        } else if (delta <= x_scale) {
            break;  // the trust region collapsed: no further progress at this precision
        }
    }
    out.residual = n == 0 ? 0.0 : out.f.cwiseAbs().maxCoeff();
    return out;
}

}  // namespace nj::rt
