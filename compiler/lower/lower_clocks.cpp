// Group clocks: the `dt:` clause as a step multiple on the group's kernel calls.
#include "compiler/lower/lower_clocks.h"

#include "compiler/lower/lower_calls.h"

#include <cmath>
#include <sstream>

namespace nj::lower {

namespace {

std::string seconds_text(double s) {
    std::ostringstream out;
    out << s * 1e3 << " ms";
    return out.str();
}

}  // namespace

size_t group_step_multiple(const Bodies& bodies, LowerContext& context) {
    const ast::Item* clause = find_clause(bodies, "dt");
    const ast::Expr* value = clause_expr(clause);
    if (!value) return 1;
    ir::ExprRef c = lower_constant(*value, context);
    if (!c) return 1;
    double ratio = c->value / context.plan.dt;
    double whole = std::round(ratio);
    // a clock that is not a whole multiple would drift against the network's steps
    if (!(whole >= 1) || std::abs(ratio - whole) > 1e-6 * whole) {
        context.failed = true;
        context.diags.report(support::DiagCode::ValueRange, value->range,
                             "a group's dt must be a whole multiple (1, 2, ...) of the network's dt: it is " +
                                 seconds_text(c->value) + " with dt = " + seconds_text(context.plan.dt));
        return 1;
    }
    return static_cast<size_t>(whole);
}

void apply_group_clocks(LowerContext& context) {
    rt::NetworkPlan& plan = context.plan;
    for (auto& g : plan.groups) {
        size_t every = plan.groups[plan.root_group(static_cast<int>(&g - plan.groups.data()))].every;
        g.every = every;
        if (every == 1) continue;
        for (rt::KernelCall* c : {&g.update, &g.threshold, &g.reset}) c->every = every;
        for (auto* list : {&g.inputs, &g.events, &g.on_events}) {
            for (auto& c : *list) c.every = every;
        }
    }
}

}  // namespace nj::lower
