// The `learning NAME = rls(...)` operator in a running model (lower_learning.h, the network's
// Learning slot): with a priori errors and P(0) = I/alpha, RLS from w = 0 ends at the ridge
// solution w = (alpha I + Σ u uᵀ)⁻¹ Σ u f over the updates it made, computed here with Eigen.
#include "tests/unit/runtime/run_helpers.h"

#include <Eigen/Dense>

#include <cmath>
#include <string>
#include <vector>

using nj::rt::testing::run_model_text;
using nj::rt::testing::run_ok;
using nj::rt::testing::RunResult;

namespace {

constexpr double alpha = 0.5;

/// Pre neuron k: r = sin(0.3 (k+1) n + k); post q: f = cos(0.2 (q+1) n) + q, at step n.
double r_of(size_t k, long n) { return std::sin(0.3 * static_cast<double>(k + 1) * static_cast<double>(n) + static_cast<double>(k)); }
double f_of(size_t q, long n) { return std::cos(0.2 * static_cast<double>(q + 1) * static_cast<double>(n)) + static_cast<double>(q); }

/// Three inputs onto two outputs, all pairs; learning from step 5 (`active`) to the end.
std::string model(const std::string& protocol) {
    return R"(
param dt = 1 ms
param alpha = 0.5
group In(3) {
  equations { r = sin(0.3 * (i + 1) * round(t / dt) + i) : 1 }
}
group Out(2) {
  equations {
    f = cos(0.2 * (i + 1) * round(t / dt)) + i : 1
    err : 1
  }
}
synapses S(In -> Out) {
  equations { w : 1 }
  connect: all
}
learning L = rls(S, target = "f", input = "r", alpha = alpha, every = dt, active = t >= 5 * ms, error = "err")
schedule: update, thresholds, synapses, resets, learning, summed
)" + protocol + "\n";
}

/// The ridge solution for post q over the updates at steps [first, last).
Eigen::Vector3d ridge(size_t q, long first, long last) {
    Eigen::Matrix3d a = alpha * Eigen::Matrix3d::Identity();
    Eigen::Vector3d b = Eigen::Vector3d::Zero();
    for (long n = first; n < last; ++n) {
        Eigen::Vector3d u(r_of(0, n), r_of(1, n), r_of(2, n));
        a += u * u.transpose();
        b += u * f_of(q, n);
    }
    return a.ldlt().solve(b);
}

/// w of synapse (pre k → post q).
double weight(const RunResult& r, size_t k, size_t q) {
    const auto& pre = r.array("S.pre");
    const auto& post = r.array("S.post");
    for (size_t s = 0; s < pre.size(); ++s) {
        if (std::lround(pre[s]) == static_cast<long>(k) && std::lround(post[s]) == static_cast<long>(q)) return r.array("S.w")[s];
    }
    FAIL("no synapse ", k, " -> ", q);
    return 0;
}

}  // namespace

TEST_CASE("rls operator: the weights are the ridge least-squares solution of the updates made") {
    auto r = run_ok(model("run 40 ms"));
    for (size_t q = 0; q < 2; ++q) {
        Eigen::Vector3d expected = ridge(q, 5, 40);
        for (size_t k = 0; k < 3; ++k) {
            INFO("pre ", k, " post ", q);
            CHECK(weight(r, k, q) == doctest::Approx(expected[static_cast<Eigen::Index>(k)]).epsilon(1e-9));
        }
        // err: target minus input with the weights before the last update (step 39)
        Eigen::Vector3d before = ridge(q, 5, 39);
        Eigen::Vector3d u(r_of(0, 39), r_of(1, 39), r_of(2, 39));
        CHECK(r.array("Out.err")[q] == doctest::Approx(f_of(q, 39) - before.dot(u)).epsilon(1e-9));
    }
}

TEST_CASE("rls operator: inactive steps change nothing") {
    auto r = run_ok(model("run 5 ms"));  // steps 0..4: t < 5 ms
    for (double w : r.array("S.w")) CHECK(w == 0.0);
}

TEST_CASE("rls operator: store and restore keep the inverse-correlation matrices") {
    // replaying steps 20..29 after a restore gives what one uninterrupted run gives only when
    // the P matrices come back with the weights
    auto straight = run_ok(model("run 30 ms"));
    auto replayed = run_ok(model("run 20 ms\nstore\nrun 10 ms\nrestore\nrun 10 ms"));
    CHECK(replayed.array("S.w") == straight.array("S.w"));
}

TEST_CASE("rls operator: a target that is not a variable of the post group is reported") {
    std::string text = model("run 1 ms");
    text.replace(text.find("target = \"f\""), 12, "target = \"q\"");
    auto r = run_model_text(text);
    CHECK_FALSE(r.built);
    CHECK(r.diagnostics.find("run.unsupported") != std::string::npos);
    CHECK(r.diagnostics.find("'q'") != std::string::npos);
}

TEST_CASE("rls operator: every = 2 dt updates on every other step") {
    std::string text = model("run 40 ms");
    text.replace(text.find("every = dt"), 10, "every = 2 * dt");
    auto r = run_ok(text);
    for (size_t q = 0; q < 2; ++q) {
        Eigen::Matrix3d a = alpha * Eigen::Matrix3d::Identity();
        Eigen::Vector3d b = Eigen::Vector3d::Zero();
        for (long n = 6; n < 40; n += 2) {  // even steps from t = 5 ms on
            Eigen::Vector3d u(r_of(0, n), r_of(1, n), r_of(2, n));
            a += u * u.transpose();
            b += u * f_of(q, n);
        }
        Eigen::Vector3d expected = a.ldlt().solve(b);
        for (size_t k = 0; k < 3; ++k) CHECK(weight(r, k, q) == doctest::Approx(expected[static_cast<Eigen::Index>(k)]).epsilon(1e-9));
    }
}

TEST_CASE("rls operator: onto a subgroup, targets and errors are the subgroup's elements") {
    // post neurons 2 and 3 of Out; their targets are f = 2 and 3 (the root index), constant
    auto r = run_ok(R"(
param dt = 1 ms
group In(3) {
  equations { r = sin(0.3 * (i + 1) * round(t / dt) + i) : 1 }
}
group Out(4) {
  equations {
    f : 1
    err : 1
  }
  init: f = i
}
group Back = Out[2:4]
synapses S(In -> Back) {
  equations { w : 1 }
  connect: all
}
learning L = rls(S, target = "f", input = "r", alpha = 0.5, error = "err")
run 30 ms
)");
    for (size_t q = 2; q < 4; ++q) {
        Eigen::Matrix3d a = alpha * Eigen::Matrix3d::Identity();
        Eigen::Vector3d b = Eigen::Vector3d::Zero();
        for (long n = 0; n < 30; ++n) {
            Eigen::Vector3d u(r_of(0, n), r_of(1, n), r_of(2, n));
            a += u * u.transpose();
            b += u * static_cast<double>(q);
        }
        Eigen::Vector3d expected = a.ldlt().solve(b);
        for (size_t k = 0; k < 3; ++k) CHECK(weight(r, k, q) == doctest::Approx(expected[static_cast<Eigen::Index>(k)]).epsilon(1e-9));
    }
    // the first two neurons have no synapses: untouched error
    CHECK(r.array("Out.err")[0] == 0.0);
    CHECK(r.array("Out.err")[2] != 0.0);
}
