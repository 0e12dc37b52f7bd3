// Exponential Euler step through the expm1(z) / z form.
#include "compiler/equations/exponential_euler.h"

#include "compiler/ir/passes/differentiate.h"
#include "compiler/support/assert.h"

namespace nj::equations {

namespace {

/// expm1(z) / z, continued by its limit 1 at z = 0, through exp and log only: with u = exp(z),
/// (u - 1) / log(u) is accurate to a few units of roundoff for every z, because the rounding
/// error of u cancels between numerator and denominator (Kahan's trick; Higham, Accuracy and
/// Stability of Numerical Algorithms, §1.14.1). exp and log are side-effect-free LLVM
/// intrinsics, so a step-constant z is computed once outside the element loop; expm1 is a libm
/// call that may set errno, which keeps it inside. Relies on no fast-math folding of log(exp(z)).
ir::ExprRef exprel(const ir::ExprRef& z, StepBuilder& builder) {
    ir::ExprRef u = builder.keep(ir::call("exp", {z}));
    ir::ExprRef ratio = ir::binary("/", ir::binary("-", u, ir::constant(1)), ir::call("log", {u}));
    // u underflows to 0 for z < -745, where expm1(z) / z is -1 / z
    ir::ExprRef underflow = ir::binary("/", ir::constant(-1), z);
    ir::ExprRef general = ir::select(ir::compare("==", u, ir::constant(0)), underflow, ratio);
    return ir::select(ir::compare("==", u, ir::constant(1)), ir::constant(1), general);
}

}  // namespace

std::vector<ir::ExprRef> exponential_euler(const OdeSystem& system, StepBuilder& builder) {
    std::vector<ir::ExprRef> next;
    for (size_t k = 0; k < system.states.size(); ++k) {
        ir::ExprRef rate = ir::differentiate(system.drift[k], system.states[k]);
        NJ_ASSERT(rate != nullptr, "exponential Euler needs a differentiable drift");
        ir::ExprRef z = builder.keep(ir::binary("*", rate, ir::dt()));
        ir::ExprRef f = builder.keep(system.drift[k]);
        ir::ExprRef step =
            ir::binary("*", ir::binary("*", f, ir::dt()), builder.keep(exprel(z, builder)));
        next.push_back(ir::binary("+", ir::load(system.states[k]), step));
    }
    return next;
}

}  // namespace nj::equations
