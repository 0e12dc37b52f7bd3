// Euler–Maruyama, stochastic Heun and Milstein steps.
#include "compiler/equations/stochastic_steps.h"

#include "compiler/equations/evaluate_at.h"
#include "compiler/ir/passes/differentiate.h"
#include "compiler/ir/passes/simplify.h"
#include "compiler/support/assert.h"

namespace nj::equations {

namespace {

using ir::ExprRef;

ExprRef add(ExprRef a, ExprRef b) { return ir::binary("+", std::move(a), std::move(b)); }
ExprRef mul(ExprRef a, ExprRef b) { return ir::binary("*", std::move(a), std::move(b)); }
ExprRef sqrt_dt() { return ir::call("sqrt", {ir::dt()}); }

/// What every scheme reads: the state, its drift and noise at the start of the step, and the
/// Wiener increment (noise and increment 0 where an equation has no xi).
struct StartOfStep {
    std::vector<ExprRef> x, f, g, dw;
};

StartOfStep start_of_step(const OdeSystem& system, StepBuilder& builder) {
    StartOfStep s;
    for (size_t k = 0; k < system.states.size(); ++k) {
        s.x.push_back(ir::load(system.states[k]));
        s.f.push_back(builder.keep(system.drift[k]));
        bool noisy = system.noise[k] != nullptr;
        s.g.push_back(noisy ? builder.keep(system.noise[k]) : ir::constant(0));
        ExprRef randn = ir::random("randn", xi_draw(static_cast<int>(k)));
        s.dw.push_back(noisy ? builder.keep(mul(sqrt_dt(), randn)) : ir::constant(0));
    }
    return s;
}

/// g_k at the state `support` and time t + time_fraction · dt (0 where there is no noise);
/// the start-of-step value itself when that does not change it (additive noise).
ExprRef noise_at(const OdeSystem& system, const StartOfStep& s, size_t k,
                 const std::vector<ExprRef>& support, double time_fraction) {
    if (!system.noise[k]) return ir::constant(0);
    ExprRef at = evaluate_at(system.noise[k], system, support, time_fraction, 1);
    return at == ir::simplify(system.noise[k]) ? s.g[k] : at;
}

}  // namespace

std::vector<ExprRef> euler_maruyama(const OdeSystem& system, StepBuilder& builder) {
    StartOfStep s = start_of_step(system, builder);
    std::vector<ExprRef> next;
    for (size_t k = 0; k < s.x.size(); ++k) {
        next.push_back(add(add(s.x[k], mul(ir::dt(), s.f[k])), mul(s.g[k], s.dw[k])));
    }
    return next;
}

std::vector<ExprRef> stochastic_heun(const OdeSystem& system, StepBuilder& builder) {
    StartOfStep s = start_of_step(system, builder);
    size_t n = s.x.size();
    std::vector<ExprRef> support(n), k1(n), end(n);
    for (size_t k = 0; k < n; ++k) {
        support[k] = builder.keep(add(s.x[k], mul(s.g[k], s.dw[k])));
        k1[k] = builder.keep(add(mul(ir::dt(), s.f[k]), mul(s.g[k], s.dw[k])));
        end[k] = builder.keep(add(s.x[k], k1[k]));
    }
    std::vector<ExprRef> next;
    for (size_t k = 0; k < n; ++k) {
        ExprRef f_end = evaluate_at(system.drift[k], system, end, 1.0, 1);
        ExprRef k2 = builder.keep(
            add(mul(ir::dt(), f_end), mul(noise_at(system, s, k, support, 1.0), s.dw[k])));
        next.push_back(add(s.x[k], mul(ir::constant(0.5), add(k1[k], k2))));
    }
    return next;
}

std::vector<ExprRef> milstein(const OdeSystem& system, StepBuilder& builder) {
    StartOfStep s = start_of_step(system, builder);
    std::vector<ExprRef> next;
    for (size_t k = 0; k < s.x.size(); ++k) {
        ExprRef euler = add(add(s.x[k], mul(ir::dt(), s.f[k])), mul(s.g[k], s.dw[k]));
        if (!system.noise[k]) {
            next.push_back(euler);
            continue;
        }
        ExprRef slope = ir::differentiate(system.noise[k], system.states[k]);
        NJ_ASSERT(slope != nullptr, "milstein needs a differentiable noise term");
        // ½ g g' dW²: Stratonovich's correction (Itô's would use dW² - dt)
        ExprRef correction = mul(mul(ir::constant(0.5), mul(s.g[k], slope)), mul(s.dw[k], s.dw[k]));
        next.push_back(add(euler, correction));
    }
    return next;
}

}  // namespace nj::equations
