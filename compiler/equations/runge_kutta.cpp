// The Butcher tables and the explicit Runge–Kutta driver.
#include "compiler/equations/runge_kutta.h"

#include "compiler/equations/evaluate_at.h"

namespace nj::equations {

namespace {

const ButcherTable forward_euler = {{{}}, {1.0}, {0.0}};
const ButcherTable midpoint = {{{}, {0.5}}, {0.0, 1.0}, {0.0, 0.5}};
const ButcherTable trapezoid = {{{}, {1.0}}, {0.5, 0.5}, {0.0, 1.0}};
const ButcherTable classic_rk4 = {{{}, {0.5}, {0.0, 0.5}, {0.0, 0.0, 1.0}},
                                  {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6},
                                  {0.0, 0.5, 0.5, 1.0}};

/// x + dt · Σ_i weights[i] · slopes[i]  (zero weights skipped).
ir::ExprRef advance(const ir::ExprRef& x, const std::vector<double>& weights,
                    const std::vector<ir::ExprRef>& slopes) {
    ir::ExprRef sum;
    for (size_t i = 0; i < weights.size(); ++i) {
        if (weights[i] == 0) continue;
        ir::ExprRef term = ir::binary("*", ir::constant(weights[i]), slopes[i]);
        sum = sum ? ir::binary("+", sum, term) : term;
    }
    return sum ? ir::binary("+", x, ir::binary("*", ir::dt(), sum)) : x;
}

}  // namespace

const ButcherTable* butcher_table(Method method) {
    switch (method) {
    case Method::Euler:
    case Method::EulerMaruyama:
    case Method::Milstein: return &forward_euler;
    case Method::Rk2:
    case Method::Rk2Midpoint: return &midpoint;
    case Method::Heun: return &trapezoid;
    case Method::Rk4: return &classic_rk4;
    case Method::Exact:
    case Method::ExponentialEuler: return nullptr;
    }
    return nullptr;
}

std::vector<ir::ExprRef> runge_kutta(const ButcherTable& table, const OdeSystem& system,
                                     StepBuilder& builder) {
    size_t n = system.states.size(), stages = table.b.size();
    std::vector<ir::ExprRef> x;
    for (int slot : system.states) x.push_back(ir::load(slot));
    // slopes[k][i]: the slope of state k at stage i
    std::vector<std::vector<ir::ExprRef>> slopes(n);
    for (size_t i = 0; i < stages; ++i) {
        std::vector<ir::ExprRef> y(n);
        for (size_t k = 0; k < n && i > 0; ++k)
            y[k] = builder.keep(advance(x[k], table.a[i], slopes[k]));
        for (size_t k = 0; k < n; ++k) {
            ir::ExprRef f =
                evaluate_at(system.drift[k], system, y, table.c[i], static_cast<int>(i));
            slopes[k].push_back(builder.keep(f));
        }
    }
    std::vector<ir::ExprRef> next;
    for (size_t k = 0; k < n; ++k) next.push_back(advance(x[k], table.b, slopes[k]));
    return next;
}

}  // namespace nj::equations
