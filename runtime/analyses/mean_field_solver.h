// Root finder for the mean-field self-consistency equations: Powell's dogleg trust-region
// method on 1/2 |F|², with the caller's exact Jacobian recomputed at every accepted point.
#pragma once

#include <Eigen/Dense>

#include <functional>

namespace nj::rt {

/// Evaluates F(x) into `f` and, when `jacobian` is not null, dF/dx into it. Returns false when
/// F cannot be evaluated there (the solver then treats the point as a failed step).
using ResidualFunction =
    std::function<bool(const Eigen::VectorXd& x, Eigen::VectorXd& f, Eigen::MatrixXd* jacobian)>;

/// Stopping rules of solve_dogleg.
struct DoglegOptions {
    /// Stop when an accepted step is shorter than xtol * (|x| + xtol) (MINPACK's xtol), or
    /// when the trust region shrinks below that without progress.
    double xtol = 1e-12;
    /// Evaluations of F allowed; 0 means 200 (n + 1), MINPACK hybr's default.
    int max_evaluations = 0;
};

/// Where solve_dogleg stopped. It never decides whether x is a root: callers compare
/// `residual` (max |F_i|) with their own tolerance.
struct DoglegResult {
    Eigen::VectorXd x;    ///< best point found (smallest |F|)
    Eigen::VectorXd f;    ///< F(x)
    double residual = 0;  ///< max_i |F_i(x)|; +inf when F(x0) could not be evaluated
    int evaluations = 0;  ///< evaluations of F (each with or without its Jacobian)
};

/// Solves F(x) = 0 from x0. Each iteration takes the dogleg step inside a trust region of
/// radius Δ (initially 100 max(|x0|, 1)): the Newton step J p = -F (least squares when J is
/// singular) if it fits, else the best point on the path Cauchy point → Newton step. The
/// step is accepted when |F|² decreases by more than 1e-4 of the linear model's prediction;
/// Δ halves-and-more on poor agreement and doubles on good agreement. Deterministic.
DoglegResult solve_dogleg(const ResidualFunction& residual, Eigen::VectorXd x0,
                          const DoglegOptions& options);

}  // namespace nj::rt
