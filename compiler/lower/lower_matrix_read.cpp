// Matrix reads S.var[a, b] through a pair table the runtime fills when it connects S.
#include "compiler/lower/lower_matrix_read.h"

#include "compiler/lower/lower_expr.h"

#include <algorithm>
#include <cstdio>

namespace nj::lower {

namespace {

/// The synapses object an index expression's base `S.var` names, or null.
const ast::Expr* synapses_name(const ast::Expr& expr) {
    if (expr.kind != ast::ExprKind::Index || expr.children.size() != 3) return nullptr;
    const ast::Expr& base = *expr.children[0];
    if (base.kind != ast::ExprKind::Member || base.children.empty()) return nullptr;
    const ast::Expr& object = *base.children[0];
    return object.kind == ast::ExprKind::Name ? &object : nullptr;
}

void refuse(LowerContext& context, support::SourceRange range, const std::string& what,
            const std::string& help) {
    context.failed = true;
    auto report = context.diags.report(support::DiagCode::RunUnsupported, range, what);
    if (!help.empty()) report.help(help);
}

/// The synapses object whose kernel `builder` is, or -1 when it is not one.
int kernel_owner(const KernelBuilder& builder, const LowerContext& context) {
    const auto& all = context.plan.synapses;
    auto it = std::find_if(all.begin(), all.end(), [&](const auto& s) { return s.name == builder.owner; });
    return it == all.end() ? -1 : static_cast<int>(it - all.begin());
}

/// False (reported) when `builder` is a kernel that runs while the network connects an object
/// declared before `target` (or `target` itself, for its connect rule): the pair table and
/// variables of `target` are still empty then.
bool connected_in_time(const ast::Expr& expr, int target, const KernelBuilder& builder,
                       LowerContext& context) {
    const std::string& role = builder.kernel.role;
    bool connecting = role.starts_with("connect");
    if (!connecting && role != "init" && role != "delays") return true;
    int owner = kernel_owner(builder, context);
    if (owner < 0 || target < owner || (!connecting && target == owner)) return true;
    const std::string& reader = context.plan.synapses[static_cast<size_t>(owner)].name;
    const std::string& read = context.plan.synapses[static_cast<size_t>(target)].name;
    std::string clause = connecting       ? "connect rule"
                         : role == "init" ? "init: statements"
                                          : "delay";
    refuse(context, expr.range,
           "the " + clause + " of '" + reader + "' cannot read '" + read +
               "' as a matrix: it runs before '" + read + "' is connected",
           target == owner
               ? "a connect rule cannot read the synapses it is making"
               : "synapses objects are connected in the order they are declared: declare '" + read +
                     "' before '" + reader + "'");
    return false;
}

/// The pair table of synapses object `s` (added on first use); -1 (reported) when too large.
int pair_table(const ast::Expr& expr, size_t s, LowerContext& context) {
    rt::SynapsesPlan& syn = context.plan.synapses[s];
    if (syn.pair_index >= 0) return syn.pair_index;
    double n_pre =
        static_cast<double>(context.plan.groups[static_cast<size_t>(syn.pre_group)].size);
    double n_post =
        static_cast<double>(context.plan.groups[static_cast<size_t>(syn.post_group)].size);
    if (n_pre * n_post > max_matrix_pairs) {
        char sizes[128];
        std::snprintf(sizes, sizeof sizes,
                      "%.0f x %.0f = %.3g (pre, post) pairs, more than the limit of %.3g", n_pre,
                      n_post, n_pre * n_post, max_matrix_pairs);
        refuse(context, expr.range,
               "reading '" + syn.name + "' as a matrix needs a table of its " + sizes,
               "read the synapses' variables in their own code, or make the groups smaller");
        return -1;
    }
    syn.pair_index =
        context.add_array("pairs:" + syn.name, static_cast<size_t>(n_pre * n_post), -1.0);
    return syn.pair_index;
}

ir::ExprRef nearest(ir::ExprRef x) {
    return ir::call("floor", {ir::binary("+", std::move(x), ir::constant(0.5))});
}

/// 0 <= k <= size - 1
ir::ExprRef within(const ir::ExprRef& k, double size) {
    return ir::logical("and", ir::compare(">=", k, ir::constant(0)),
                       ir::compare("<=", k, ir::constant(size - 1)));
}

/// min(max(k, 0), size - 1): NaN becomes 0 (min and max ignore NaN)
ir::ExprRef clamp(const ir::ExprRef& k, double size) {
    return ir::binary("min", ir::binary("max", k, ir::constant(0)), ir::constant(size - 1));
}

/// select(inside and k >= 0, values[max(k, 0)], 0) with k = pairs[a * n_post + b], for whole a, b.
ir::ExprRef pair_value(KernelBuilder& builder, int pairs, int values, const ir::ExprRef& a,
                       const ir::ExprRef& b, double n_pre, double n_post, LowerContext& context) {
    auto slot = [&](int id) {
        return builder.slot_for(id, context.plan.arrays[static_cast<size_t>(id)].name);
    };
    ir::ExprRef at =
        ir::binary("+", ir::binary("*", clamp(a, n_pre), ir::constant(n_post)), clamp(b, n_post));
    ir::ExprRef k = ir::load(slot(pairs), at);
    ir::ExprRef present =
        ir::logical("and", ir::logical("and", within(a, n_pre), within(b, n_post)),
                    ir::compare(">=", k, ir::constant(0)));
    // both arms are evaluated: max(k, 0) keeps the load inside S's arrays
    // (runtime/network/synapses.cpp gives them room for one value even when S has no synapses)
    ir::ExprRef value = ir::load(slot(values), ir::binary("max", k, ir::constant(0)));
    return ir::select(present, value, ir::constant(0));
}

}  // namespace

bool is_matrix_read(const ast::Expr& expr, const LowerContext& context) {
    const ast::Expr* object = synapses_name(expr);
    if (!object || expr.children[1]->kind == ast::ExprKind::Slice ||
        expr.children[2]->kind == ast::ExprKind::Slice) {
        return false;
    }
    return std::any_of(context.model.synapses.begin(), context.model.synapses.end(),
                       [&](const auto& s) { return s.name == object->text; });
}

ir::ExprRef lower_matrix_read(const ast::Expr& expr, KernelBuilder& builder,
                              const ElementScope& scope, const Bindings& bindings,
                              LowerContext& context) {
    const std::string& object = synapses_name(expr)->text;
    const std::string& member = expr.children[0]->text;
    auto& all = context.plan.synapses;
    auto found =
        std::find_if(all.begin(), all.end(), [&](const auto& s) { return s.name == object; });
    if (found == all.end()) {
        // neuron kernels are made before the synapses objects (the checker refuses them too)
        std::string text(context.diags.sources().slice(expr.range));
        refuse(context, expr.range,
               "reading '" + text + "' in neuron code is not supported by 'neurojit run' yet",
               "synapse code and the protocol can read a synaptic variable as S.var[pre, post]");
        return nullptr;
    }
    auto s = static_cast<size_t>(found - all.begin());
    auto var = std::find_if(found->variables.begin(), found->variables.end(),
                            [&](const auto& v) { return v.first == member; });
    if (var == found->variables.end()) {
        context.unsupported(expr.range, "reading the synaptic subexpression '" + object + "." +
                                            member + "' as a matrix");
        return nullptr;
    }
    int values = var->second;
    double n_pre =
        static_cast<double>(context.plan.groups[static_cast<size_t>(found->pre_group)].size);
    double n_post =
        static_cast<double>(context.plan.groups[static_cast<size_t>(found->post_group)].size);
    if (!connected_in_time(expr, static_cast<int>(s), builder, context)) return nullptr;
    ir::ExprRef a = as_number(lower_expr(*expr.children[1], builder, scope, bindings, context));
    ir::ExprRef b = as_number(lower_expr(*expr.children[2], builder, scope, bindings, context));
    if (!a || !b) return nullptr;
    if (n_pre * n_post == 0) return ir::constant(0);  // an empty group: no pair has a synapse
    int pairs = pair_table(expr, s, context);
    if (pairs < 0) return nullptr;
    return pair_value(builder, pairs, values, nearest(a), nearest(b), n_pre, n_post, context);
}

}  // namespace nj::lower
