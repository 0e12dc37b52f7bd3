// Tests for the dogleg root finder (mean_field_solver.h): roots of small systems with known
// solutions, a system without a root, and an unevaluable start.
#include "runtime/analyses/mean_field_solver.h"

#include <doctest/doctest.h>

#include <cmath>

using nj::rt::DoglegResult;
using nj::rt::ResidualFunction;
using nj::rt::solve_dogleg;

TEST_CASE("solve_dogleg: finds the root of a curved 2-D system from far away") {
    // Rosenbrock's system F = (10 (y - x²), 1 - x): root (1, 1), reached only through the
    // curved valley, so plain Newton from (-1.2, 1) overshoots and the trust region matters.
    const ResidualFunction rosenbrock = [](const Eigen::VectorXd& v, Eigen::VectorXd& f,
                                           Eigen::MatrixXd* j) {
        f << 10 * (v[1] - v[0] * v[0]), 1 - v[0];
        if (j) *j << -20 * v[0], 10, -1, 0;
        return true;
    };
    const DoglegResult r = solve_dogleg(rosenbrock, Eigen::Vector2d(-1.2, 1.0), {});
    // Quadratic convergence ends at rounding level: residual ~1e-15.
    CHECK(r.residual < 1e-12);
    CHECK(r.x[0] == doctest::Approx(1.0).epsilon(1e-12));
    CHECK(r.x[1] == doctest::Approx(1.0).epsilon(1e-12));
}

TEST_CASE("solve_dogleg: a system without a root stops at the minimum of |F| and says so") {
    // F = x² + 1 has no real root; |F|² is smallest at x = 0 where F = 1.
    const ResidualFunction no_root = [](const Eigen::VectorXd& v, Eigen::VectorXd& f,
                                        Eigen::MatrixXd* j) {
        f[0] = v[0] * v[0] + 1;
        if (j) (*j)(0, 0) = 2 * v[0];
        return true;
    };
    const DoglegResult r = solve_dogleg(no_root, Eigen::VectorXd::Constant(1, 3.0), {});
    CHECK(r.residual == doctest::Approx(1.0).epsilon(1e-6));
    CHECK(r.evaluations <= 200 * 2);
}

TEST_CASE("solve_dogleg: a start where F cannot be evaluated has infinite residual") {
    const ResidualFunction nan_at_start = [](const Eigen::VectorXd& v, Eigen::VectorXd& f,
                                             Eigen::MatrixXd* j) {
        f[0] = std::sqrt(v[0]) - 1;
        if (j) (*j)(0, 0) = 0.5 / std::sqrt(v[0]);
        return true;
    };
    CHECK(std::isinf(solve_dogleg(nan_at_start, Eigen::VectorXd::Constant(1, -1.0), {}).residual));
    const DoglegResult ok = solve_dogleg(nan_at_start, Eigen::VectorXd::Constant(1, 0.25), {});
    CHECK(ok.x[0] == doctest::Approx(1.0).epsilon(1e-12));
}
