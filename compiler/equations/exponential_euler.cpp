// Exponential Euler step through the expm1(z) / z form.
#include "compiler/equations/exponential_euler.h"

#include "compiler/ir/passes/differentiate.h"
#include "compiler/ir/passes/simplify.h"
#include "compiler/ir/passes/substitute.h"
#include "compiler/support/assert.h"

#include <map>

namespace nj::equations {

namespace {

/// expm1(z) / z, continued by its limit 1 at z = 0: accurate to about an ulp for every z (expm1
/// is; the division adds half an ulp), and -1 / z where expm1 saturates at -1. The code generator
/// marks libm calls as pure (kernels never read errno), so a step-constant z is still computed
/// once outside the element loop. (An exp-and-log form, (u - 1) / log(u), is as accurate but
/// costs a log: 16 % of a run whose event-driven traces use this step.)
ir::ExprRef exprel(const ir::ExprRef& z, StepBuilder& builder) {
    ir::ExprRef ratio = ir::binary("/", builder.keep(ir::call("expm1", {z})), z);
    return ir::select(ir::compare("==", z, ir::constant(0)), ir::constant(1), ratio);
}

/// Whether drift_k vanishes at x_k = 0 (no input beside the decay, A = 0): then the step is
/// x e^{B dt}.
bool pure_decay(const OdeSystem& system, size_t k) {
    std::map<int, ir::ExprRef> zero{{system.states[k], ir::constant(0)}};
    ir::ExprRef input = ir::simplify(ir::substitute(system.drift[k], zero));
    return input->kind == ir::ExprKind::Const && input->value == 0;
}

}  // namespace

std::vector<ir::ExprRef> exponential_euler(const OdeSystem& system, StepBuilder& builder) {
    std::vector<ir::ExprRef> next;
    for (size_t k = 0; k < system.states.size(); ++k) {
        ir::ExprRef rate = ir::differentiate(system.drift[k], system.states[k]);
        NJ_ASSERT(rate != nullptr, "exponential Euler needs a differentiable drift");
        ir::ExprRef z = builder.keep(ir::binary("*", rate, ir::dt()));
        if (pure_decay(system, k)) {
            // one exp and one product per element (event-driven traces advance over a different
            // interval at each synapse); the general form below costs expm1, two divisions and
            // a select there
            next.push_back(ir::binary("*", ir::load(system.states[k]), builder.keep(ir::call("exp", {z}))));
            continue;
        }
        ir::ExprRef f = builder.keep(system.drift[k]);
        ir::ExprRef step =
            ir::binary("*", ir::binary("*", f, ir::dt()), builder.keep(exprel(z, builder)));
        next.push_back(ir::binary("+", ir::load(system.states[k]), step));
    }
    return next;
}

}  // namespace nj::equations
