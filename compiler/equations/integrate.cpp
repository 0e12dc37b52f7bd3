// Dispatch from a method to its step routine.
#include "compiler/equations/integrate.h"

#include "compiler/equations/cannot_integrate.h"
#include "compiler/equations/exact_update.h"
#include "compiler/equations/exponential_euler.h"
#include "compiler/equations/runge_kutta.h"
#include "compiler/equations/step_builder.h"
#include "compiler/equations/stochastic_steps.h"
#include "compiler/support/assert.h"

namespace nj::equations {

namespace {

std::vector<ir::ExprRef> step(Method method, const OdeSystem& system, StepBuilder& builder) {
    if (method == Method::Exact) return exact_update(system, builder);
    if (method == Method::ExponentialEuler) return exponential_euler(system, builder);
    if (has_noise(system)) {
        if (method == Method::Heun) return stochastic_heun(system, builder);
        if (method == Method::Milstein) return milstein(system, builder);
        return euler_maruyama(system, builder);  // euler (additive noise) or euler_maruyama
    }
    const ButcherTable* table = butcher_table(method);
    NJ_ASSERT(table != nullptr, "a deterministic method without a Butcher table");
    return runge_kutta(*table, system, builder);
}

}  // namespace

std::vector<ir::Stmt> integrate(Method method, const OdeSystem& original, int first_local,
                                int* locals_used) {
    OdeSystem system = with_noise_slots(original);
    NJ_ASSERT(
        system.drift.size() == system.states.size() && system.noise.size() == system.states.size(),
        "one drift and one noise entry per state");
    NJ_ASSERT(cannot_integrate(method, system, {}).empty(),
              "integrate called with a method that does not apply");
    StepBuilder builder(first_local);
    std::vector<ir::ExprRef> next = step(method, system, builder);
    return builder.finish(system.states, next, locals_used);
}

}  // namespace nj::equations
