// Stage evaluation of drift and noise expressions.
#include "compiler/equations/evaluate_at.h"

#include "compiler/ir/passes/replace_leaves.h"
#include "compiler/ir/passes/simplify.h"
#include "compiler/support/assert.h"

#include <map>

namespace nj::equations {

namespace {

constexpr int model_draws = 1000;

}  // namespace

int xi_draw(int k) {
    NJ_ASSERT(k >= 0 && k < model_draws, "at most 1000 noisy states have their own draw numbers");
    return model_draws + k;
}

ir::ExprRef evaluate_at(const ir::ExprRef& expr, const OdeSystem& system,
                        const std::vector<ir::ExprRef>& values, double time_fraction, int stage) {
    std::map<int, ir::ExprRef> loads;
    for (size_t j = 0; j < values.size(); ++j) {
        if (values[j]) loads[system.states[j]] = values[j];
    }
    ir::ExprRef shifted_time;
    if (time_fraction != 0) {
        shifted_time =
            ir::binary("+", ir::time(), ir::binary("*", ir::constant(time_fraction), ir::dt()));
    }
    ir::ExprRef result = ir::replace_leaves(expr, [&](const ir::ExprRef& leaf) -> ir::ExprRef {
        switch (leaf->kind) {
        case ir::ExprKind::Load: {
            auto it = leaf->args[0] ? loads.end() : loads.find(leaf->slot);
            return it == loads.end() ? nullptr : it->second;
        }
        case ir::ExprKind::Time: return shifted_time;
        case ir::ExprKind::Random:
            if (stage == 0) return nullptr;
            NJ_ASSERT(leaf->slot < model_draws, "a drift draws a number reserved for integrators");
            return ir::random(leaf->op, leaf->slot + model_draws * (stage + 1));
        default: return nullptr;
        }
    });
    return ir::simplify(result);
}

}  // namespace nj::equations
