// randn_stage(): a standard normal drawn afresh at each integrator stage (evaluate_at.h
// renumbers a drift's draws per stage). Checked through the variance of one rk2_midpoint step
// of dx/dt = (-x + s ξ) / tau with dt = tau, whose closed form (spec lif_qif_force §3.3) is
//   x* = x + (1 - 1/2)(-x) - (1/2) ξ¹ + ξ²  →  Var(x*) = 1/4 + 1 = 1.25 for x = 0, s = 1,
// where one draw shared by both stages would give (1 - 1/2)² = 0.25.
#include "tests/unit/runtime/run_helpers.h"

#include <cmath>
#include <string>
#include <vector>

using nj::rt::testing::run_ok;

namespace {

std::string noisy(const std::string& method, const std::string& run) {
    return R"(
param dt = 1 ms
param tau = 1 ms
group G(20000) {
  equations { dx/dt = (-x + randn_stage()) / tau : 1 }
  method: )" + method + R"(
}
)" + run + "\n";
}

double variance(const std::vector<double>& x) {
    double mean = 0, square = 0;
    for (double v : x) mean += v;
    mean /= static_cast<double>(x.size());
    for (double v : x) square += (v - mean) * (v - mean);
    return square / static_cast<double>(x.size() - 1);
}

}  // namespace

TEST_CASE("randn_stage: one fresh draw per rk2_midpoint stage") {
    // 20000 samples: the variance's standard error is about 1.25 * sqrt(2 / 20000) = 0.0125
    auto r = run_ok(noisy("rk2_midpoint", "run 1 ms"));
    const auto& x = r.array("G.x");
    CHECK(variance(x) == doctest::Approx(1.25).epsilon(0.06));
}

TEST_CASE("randn_stage: euler has one stage, so one draw") {
    // x* = x + (-x + ξ): Var = 1
    auto r = run_ok(noisy("euler", "run 1 ms"));
    CHECK(variance(r.array("G.x")) == doctest::Approx(1.0).epsilon(0.06));
}

TEST_CASE("randn_stage: new draws at each step, the same for the same seed") {
    auto a = run_ok(noisy("rk2_midpoint", "run 2 ms"));
    auto b = run_ok(noisy("rk2_midpoint", "run 2 ms"));
    CHECK(a.array("G.x") == b.array("G.x"));
    // two steps: x2 = x1/2 + n1, Var = 1.25/4 + 1.25 = 1.5625 (independent steps)
    CHECK(variance(a.array("G.x")) == doctest::Approx(1.5625).epsilon(0.06));
}
