// Tests for the RLS learner (rls_learner.h): the update of spec §7 checked by hand, against the
// direct regularised least-squares solution and the direct inverse correlation matrix, plus
// reset and store/restore of its state.
#include "runtime/learning/rls_learner.h"

#include <doctest/doctest.h>

#include <Eigen/Dense>

#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

using nj::rt::RlsLearner;

namespace {

// Uniform values in [-1, 1) from a fixed 64-bit Mersenne Twister (the same on every library).
class Uniform {
public:
    explicit Uniform(uint64_t seed) : rng_(seed) {}
    double operator()() { return 2.0 * static_cast<double>(rng_() >> 11) * 0x1.0p-53 - 1.0; }

private:
    std::mt19937_64 rng_;
};

Eigen::MatrixXd as_matrix(const std::vector<double>& v, size_t k) {
    const auto n = static_cast<Eigen::Index>(k);
    return Eigen::Map<const Eigen::MatrixXd>(v.data(), n, n);
}

// Three posts over six pre elements, with synapse ids out of order, a shared pre element, a
// post without inputs and synapse 5 listed by nobody.
struct SmallNet {
    std::vector<std::vector<uint32_t>> incoming = {{4, 0, 2}, {}, {1, 3, 6}};
    std::vector<uint32_t> pre_of = {5, 0, 3, 3, 1, 2, 4};
};

}  // namespace

TEST_CASE("RlsLearner: the first update follows the spec's formulas, error = target - input") {
    // One post, inputs u = (1, 2), alpha = 0.5: P = 2I, k = P u = (2, 4), c = 1 + u·k = 11.
    RlsLearner rls({{0, 1}}, {0, 1}, 0.5);
    std::vector<double> r = {1, 2}, w = {0.5, -1}, f = {3}, e = {0};
    rls.update(r.data(), f.data(), w.data(), e.data());
    // input 0.5 − 2 = −1.5 with the pre-update weights, e = 3 − (−1.5) = +4.5 (target − input)
    CHECK(e[0] == doctest::Approx(4.5));
    // w += e · P_new u = e · k / c = 4.5 · (2, 4)/11
    CHECK(w[0] == doctest::Approx(0.5 + 9.0 / 11));
    CHECK(w[1] == doctest::Approx(-1 + 18.0 / 11));
    // After the step the input has moved toward the target: the remaining error is e / c.
    CHECK(f[0] - (w[0] * r[0] + w[1] * r[1]) == doctest::Approx(4.5 / 11));
    // P_new = P − k kᵀ / c = 2I − [[4, 8], [8, 16]]/11
    Eigen::Matrix2d expected;
    expected << 2 - 4.0 / 11, -8.0 / 11, -8.0 / 11, 2 - 16.0 / 11;
    CHECK((as_matrix(rls.inverse_correlation(0), 2) - expected).norm() < 1e-14);
    // Again, without an error array: uᵀ P_new u = uᵀ k / c = 10/11, so c = 21/11 and the
    // remaining error 4.5/11 shrinks to (4.5/11) / (21/11).
    rls.update(r.data(), f.data(), w.data(), nullptr);
    CHECK(f[0] - (w[0] * r[0] + w[1] * r[1]) == doctest::Approx(4.5 / 21));
}

TEST_CASE("RlsLearner: one post neuron converges to the least-squares weights") {
    // f = w*·u + noise over 4 inputs read from pre elements 3, 0, 5, 1 of 6. RLS from w0 solves
    // min Σ (f − wᵀu)² + alpha |w − w0|² exactly after every step.
    const std::vector<uint32_t> pre_of = {3, 0, 5, 1};
    const Eigen::Vector4d w_true(0.7, -1.2, 0.3, 2.0);
    const double alpha = 0.25;
    RlsLearner rls({{0, 1, 2, 3}}, pre_of, alpha);
    Uniform rand(42);
    std::vector<double> w = {0.1, 0.2, -0.3, 0.4};
    const Eigen::Vector4d w0(w.data());
    Eigen::Matrix4d gram = alpha * Eigen::Matrix4d::Identity();
    Eigen::Vector4d rhs = alpha * w0;
    std::vector<double> r(6);
    for (int t = 0; t < 500; ++t) {
        for (double& x : r) x = rand();
        Eigen::Vector4d u(r[3], r[0], r[5], r[1]);
        double f = w_true.dot(u) + 0.05 * rand();
        rls.update(r.data(), &f, w.data(), nullptr);
        gram += u * u.transpose();
        rhs += u * f;
    }
    const Eigen::Vector4d w_ls = gram.ldlt().solve(rhs);
    CHECK((Eigen::Vector4d(w.data()) - w_ls).norm() < 1e-10);
    // Noise of SD 0.05/√3 over 500 samples of unit-order inputs: w_ls is within ~0.01 of w*.
    CHECK((w_ls - w_true).norm() < 0.02);
}

TEST_CASE("RlsLearner: P equals (alpha I + sum of u u^T)^-1 over each post's own inputs") {
    SmallNet net;
    const double alpha = 0.25;
    RlsLearner rls(net.incoming, net.pre_of, alpha);
    CHECK(rls.posts() == 3);
    CHECK(rls.in_degree(1) == 0);
    CHECK(rls.state_size() == 18);
    Uniform rand(7);
    std::vector<Eigen::MatrixXd> gram(3);
    for (size_t i = 0; i < 3; ++i) {
        const auto k = static_cast<Eigen::Index>(net.incoming[i].size());
        gram[i] = alpha * Eigen::MatrixXd::Identity(k, k);
    }
    std::vector<double> w(7, 0.0), r(6), f(3), e(3);
    for (int t = 0; t < 40; ++t) {
        for (double& x : r) x = rand();
        for (double& x : f) x = rand();
        rls.update(r.data(), f.data(), w.data(), e.data());
        for (size_t i = 0; i < 3; ++i) {
            Eigen::VectorXd u(gram[i].rows());
            for (Eigen::Index a = 0; a < u.size(); ++a)
                u[a] = r[net.pre_of[net.incoming[i][static_cast<size_t>(a)]]];
            gram[i] += u * u.transpose();
        }
    }
    for (size_t i : {0u, 2u}) {
        const Eigen::MatrixXd p = as_matrix(rls.inverse_correlation(i), 3);
        CHECK((p - gram[i].inverse()).norm() < 1e-12 * gram[i].inverse().norm());
        CHECK((p - p.transpose()).norm() == 0);
    }
    // The post without inputs reports its target as the error; synapse 5 is nobody's.
    CHECK(e[1] == f[1]);
    CHECK(w[5] == 0);
}

TEST_CASE("RlsLearner: the error uses every listed synapse and no other") {
    SmallNet net;
    RlsLearner rls(net.incoming, net.pre_of, 1.0);
    std::vector<double> w = {1, 2, 3, 4, 5, 100, 7};
    std::vector<double> r = {0.5, -1, 2, 0.25, 3, -2};
    std::vector<double> f = {1, 2, 3}, e(3);
    rls.update(r.data(), f.data(), w.data(), e.data());
    // post 0: synapses 4, 0, 2 read pre 1, 5, 3 → 5·(−1) + 1·(−2) + 3·0.25 = −6.25
    CHECK(e[0] == doctest::Approx(1 + 6.25));
    // post 2: synapses 1, 3, 6 read pre 0, 3, 4 → 2·0.5 + 4·0.25 + 7·3 = 23
    CHECK(e[2] == doctest::Approx(3 - 23.0));
    CHECK(e[1] == 2);
    CHECK(w[5] == 100);  // not plastic
}

TEST_CASE("RlsLearner: reset returns to I/alpha and a restored state continues identically") {
    SmallNet net;
    RlsLearner a(net.incoming, net.pre_of, 0.5), b(net.incoming, net.pre_of, 0.5);
    std::vector<double> w(7, 0.1), r(6), f(3), e(3);
    auto step = [&](RlsLearner& rls, std::vector<double>& weights, uint64_t seed) {
        Uniform inputs(seed);
        for (double& x : r) x = inputs();
        for (double& x : f) x = inputs();
        rls.update(r.data(), f.data(), weights.data(), e.data());
    };
    for (uint64_t t = 0; t < 10; ++t) step(a, w, t);
    CHECK_THROWS_AS(b.set_state(std::vector<double>(5)), std::invalid_argument);
    b.set_state(a.state());
    CHECK(b.state() == a.state());
    std::vector<double> w_b = w;
    for (uint64_t t = 10; t < 20; ++t) {
        step(a, w, t);
        step(b, w_b, t);
    }
    CHECK(w_b == w);
    CHECK(b.state() == a.state());

    a.reset();
    const Eigen::MatrixXd p0 = as_matrix(a.inverse_correlation(2), 3);
    CHECK((p0 - 2.0 * Eigen::MatrixXd::Identity(3, 3)).norm() == 0);
    CHECK(a.state() == RlsLearner(net.incoming, net.pre_of, 0.5).state());
    CHECK(a.alpha() == 0.5);
}

TEST_CASE("RlsLearner: two or three threads give bit-identical weights, errors and P to one") {
    // 40 posts with 12 inputs each out of 30 pre elements, so every thread gets several posts
    std::vector<std::vector<uint32_t>> incoming(40);
    std::vector<uint32_t> pre_of;
    for (uint32_t i = 0; i < 40; ++i) {
        for (uint32_t a = 0; a < 12; ++a) {
            incoming[i].push_back(static_cast<uint32_t>(pre_of.size()));
            pre_of.push_back((i * 7 + a * 5) % 30);
        }
    }
    for (int threads : {2, 3}) {
        CAPTURE(threads);
        RlsLearner one(incoming, pre_of, 1.0), many(incoming, pre_of, 1.0);
        std::vector<double> w1(pre_of.size(), 0.0), wn = w1, r(30), f(40), e1(40), en(40);
        for (uint64_t t = 0; t < 25; ++t) {
            Uniform inputs(t);
            for (double& x : r) x = inputs();
            for (double& x : f) x = inputs();
            one.update(r.data(), f.data(), w1.data(), e1.data(), 1);
            many.update(r.data(), f.data(), wn.data(), en.data(), threads);
            REQUIRE(en == e1);
        }
        CHECK(wn == w1);
        CHECK(many.state() == one.state());
    }
}
