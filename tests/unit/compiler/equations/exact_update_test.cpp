// Tests of exact integration: closed form for one equation, propagator for coupled ones,
// against analytic solutions, including equal time constants.
#include "compiler/equations/exact_update.h"

#include "integrator_helpers.h"
#include "systems.h"

#include "compiler/ir/passes/depends_on.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace nj::equations;
using namespace nj::equations::testing;

namespace {

/// v(t), ge(t) of the CUBA equations from (v0, g0).
std::pair<double, double> cuba_solution(double v0, double g0, double El, double taum, double taue,
                                        double t) {
    double decay = (v0 - El) * std::exp(-t / taum);
    double drive = taue == taum
                       ? g0 / taum * t * std::exp(-t / taum)
                       : g0 * taue / (taue - taum) * (std::exp(-t / taue) - std::exp(-t / taum));
    return {El + decay + drive, g0 * std::exp(-t / taue)};
}

/// Runs the exact CUBA kernel from several starts and compares with cuba_solution.
void check_cuba(const Integrator& integrator, double taum, double taue, double dt, int steps) {
    const double El = -0.06;
    std::vector<std::vector<double>> arrays = {{-0.07, -0.05, -0.06, 0.0},
                                               {0.0, 0.01, 0.02, -0.03}};
    std::vector<std::vector<double>> start = arrays;
    integrator.run(arrays, {El, taum, taue}, dt, steps);
    for (size_t i = 0; i < start[0].size(); ++i) {
        auto [v, ge] = cuba_solution(start[0][i], start[1][i], El, taum, taue, steps * dt);
        INFO("element " << i);
        // relative to the scale of v (its values cross zero only when ge does too)
        CHECK(std::fabs(arrays[0][i] - v) < 1e-13 * std::max(std::fabs(v), 0.01));
        if (ge != 0) CHECK(relative_error(arrays[1][i], ge) < 1e-13);
    }
}

}  // namespace

TEST_CASE("exact_update: one linear equation is the closed form, exact to rounding") {
    Integrator integrator = compile_integrator(Method::Exact, leaky(), {"v"}, {"El", "tau"});
    const double El = -0.07, tau = 0.02;
    for (double dt : {1e-4, 0.02, 1.0}) {
        std::vector<std::vector<double>> arrays = {{0.0, -0.05, 0.03}};
        std::vector<double> start = arrays[0];
        integrator.run(arrays, {El, tau}, dt, 20);
        for (size_t i = 0; i < start.size(); ++i) {
            double exact = El + (start[i] - El) * std::exp(-20 * dt / tau);
            CHECK(relative_error(arrays[0][i], exact) < 1e-12);
        }
    }
}

TEST_CASE("exact_update: the coupled CUBA equations match their analytic solution") {
    Integrator integrator =
        compile_integrator(Method::Exact, cuba(), {"v", "ge"}, {"El", "taum", "taue"});
    check_cuba(integrator, 0.02, 0.005, 1e-4, 300);
    check_cuba(integrator, 0.02, 0.005, 0.01, 3);  // steps longer than taue lose nothing
    check_cuba(integrator, 0.005, 0.02, 1e-3, 30);
}

TEST_CASE("exact_update: equal time constants need no special case") {
    Integrator integrator =
        compile_integrator(Method::Exact, cuba(), {"v", "ge"}, {"El", "taum", "taue"});
    check_cuba(integrator, 0.01, 0.01, 1e-4, 300);
    check_cuba(integrator, 0.01, 0.01, 0.005, 6);
}

TEST_CASE("exact_update: the propagator reads no state, so it can leave the element loop") {
    auto body = integrate(Method::Exact, cuba(), 0, nullptr);
    size_t reading = 0;
    for (const auto& s : body) {
        bool reads_state = depends_on(s.value, 0) || depends_on(s.value, 1);
        if (reads_state) ++reading;
    }
    // only the two new values (and their stores) read v or ge
    CHECK(reading == 2);
    CHECK(body.size() > 40);
}
