// One integration step's statements: locals for intermediate values, stores at the end.
#include "compiler/equations/step_builder.h"

#include "compiler/ir/passes/simplify.h"
#include "compiler/support/assert.h"

namespace nj::equations {

ir::ExprRef StepBuilder::keep(const ir::ExprRef& value) {
    ir::ExprRef simple = ir::simplify(value);
    switch (simple->kind) {
    case ir::ExprKind::Const:
    case ir::ExprKind::Param:
    case ir::ExprKind::Time:
    case ir::ExprKind::Dt:
    case ir::ExprKind::Local: return simple;
    default: break;
    }
    int slot = next_local_++;
    body_.push_back(ir::set_local(slot, simple));
    return ir::local(slot);
}

std::vector<ir::Stmt> StepBuilder::finish(const std::vector<int>& states,
                                          const std::vector<ir::ExprRef>& new_values,
                                          int* locals_used) {
    NJ_ASSERT(states.size() == new_values.size(), "one new value per state");
    std::vector<ir::ExprRef> kept;
    for (size_t k = 0; k < states.size(); ++k) {
        ir::ExprRef v = ir::simplify(new_values[k]);
        bool unchanged = v->kind == ir::ExprKind::Load && !v->args[0] && v->slot == states[k];
        kept.push_back(unchanged ? nullptr : keep(v));
    }
    for (size_t k = 0; k < states.size(); ++k) {
        if (kept[k]) body_.push_back(ir::store(states[k], kept[k]));
    }
    if (locals_used) *locals_used = next_local_ - first_local_;
    return std::move(body_);
}

}  // namespace nj::equations
