// Learning declarations → LearningPlan: which arrays the operator reads and writes, and the
// scalar kernels that decide alpha and when it runs.
#include "compiler/lower/lower_learning.h"

#include "compiler/lower/instance_call.h"
#include "compiler/lower/lower_calls.h"
#include "compiler/lower/lower_expr.h"
#include "compiler/lower/lower_groups.h"

#include <algorithm>
#include <cmath>

namespace nj::lower {

namespace {

/// A one-element kernel computing `expr` (parameters and t only) into a fresh scratch array.
rt::KernelCall scalar_kernel(const ast::Expr& expr, const std::string& stem, int& scratch, LowerContext& context) {
    KernelBuilder b = context.new_kernel(stem, "learning");
    scratch = context.add_array(stem + ".scratch", 1, 0.0);
    ElementScope none;  // no element: a group variable here is reported as unsupported
    ir::ExprRef value = as_number(lower_expr(expr, b, none, {}, context));
    if (!value) return {};
    b.kernel.body.push_back(ir::store(b.slot_for(scratch, stem), value));
    return context.finish(b, 0, 1);
}

/// The constant string of keyword `key` (`fallback` when absent); empty after a report.
std::string string_arg(const InstanceCall& args, const std::string& key, const std::string& fallback,
                       LowerContext& context) {
    const ast::Expr* e = args.keyword(key);
    if (!e) return fallback;
    auto v = constant_value(*e, context);
    if (v && v->kind == sema::Value::Kind::String) return v->text;
    context.unsupported(e->range, "'" + key + "' that is not a constant string (a variable's name)");
    return "";
}

/// The root array of variable `name` of `group`; a subexpression is computed into a new array
/// by a kernel added to `prepare`. -1 after a report at `where`.
int variable_array(int group, const std::string& name, const std::string& owner, const ast::Expr& where,
                   std::vector<rt::KernelCall>& prepare, LowerContext& context) {
    ElementScope scope = group_scope(group, context);
    if (auto it = scope.arrays.find(name); it != scope.arrays.end()) return it->second;
    auto sub = scope.subexpressions.find(name);
    if (sub == scope.subexpressions.end()) {
        context.unsupported(where.range, "a learning operator on '" + name + "', which is not a variable of '" +
                                             context.plan.groups[static_cast<size_t>(group)].name + "'");
        return -1;
    }
    const rt::GroupPlan& g = context.plan.groups[static_cast<size_t>(group)];
    size_t root = context.root_group(group);
    int array = context.add_array(owner + "." + name, context.plan.groups[root].size, 0.0);
    KernelBuilder b = context.new_kernel(owner, "prepare");
    ir::ExprRef value = as_number(lower_expr(*sub->second->rhs, b, scope, {}, context));
    if (!value) return -1;
    b.kernel.body.push_back(ir::store(b.slot_for(array, owner + "." + name), value));
    prepare.push_back(context.finish(b, g.offset, g.offset + g.size));
    return array;
}

int synapses_named(const ast::Expr* e, LowerContext& context) {
    for (size_t k = 0; e && e->kind == ast::ExprKind::Name && k < context.plan.synapses.size(); ++k) {
        if (context.plan.synapses[k].name == e->text) return static_cast<int>(k);
    }
    return -1;
}

}  // namespace

void lower_learning(const ast::InstanceDecl& decl, LowerContext& context) {
    InstanceCall args = instance_call(decl);
    int synapses = args.args.empty() || !args.names[0].empty() ? -1 : synapses_named(args.args[0], context);
    if (args.name != "rls" || synapses < 0 || !args.keyword("target") || !args.keyword("input")) {
        context.unsupported(decl.range, "this learning operator (rls(S, target = \"v\", input = \"r\", ...) is)");
        return;
    }
    const rt::SynapsesPlan& syn = context.plan.synapses[static_cast<size_t>(synapses)];
    rt::LearningPlan plan;
    plan.name = decl.name;
    plan.op = args.name;
    plan.synapses = synapses;
    std::string target = string_arg(args, "target", "", context);
    std::string input = string_arg(args, "input", "", context);
    std::string weight = string_arg(args, "weight", "w", context);
    std::string error = string_arg(args, "error", "", context);
    if (target.empty() || input.empty() || weight.empty()) return;
    plan.target_array = variable_array(syn.post_group, target, decl.name, *args.keyword("target"), plan.prepare, context);
    plan.input_array = variable_array(syn.pre_group, input, decl.name, *args.keyword("input"), plan.prepare, context);
    for (const auto& [name, id] : syn.variables) {
        if (name == weight) plan.weight_array = id;
    }
    if (plan.weight_array < 0) {
        context.unsupported(args.keyword("weight") ? args.keyword("weight")->range : decl.range,
                            "learning on '" + weight + "', which is not a variable of '" + syn.name + "'");
    }
    if (!error.empty()) {
        ElementScope post = group_scope(syn.post_group, context);
        auto it = post.arrays.find(error);
        if (it == post.arrays.end()) context.unsupported(args.keyword("error")->range, "an error variable that is not a state variable of the post group");
        else plan.error_array = it->second;
    }
    if (const ast::Expr* a = args.keyword("alpha")) plan.alpha = scalar_kernel(*a, decl.name + "_alpha", plan.alpha_scratch, context);
    if (const ast::Expr* a = args.keyword("active")) plan.active = scalar_kernel(*a, decl.name + "_active", plan.active_scratch, context);
    if (const ast::Expr* e = args.keyword("every")) {
        ir::ExprRef every = lower_constant(*e, context);
        if (every) plan.every_steps = std::max<size_t>(1, static_cast<size_t>(std::llround(every->value / context.plan.dt)));
    }
    context.plan.learning.push_back(std::move(plan));
}

}  // namespace nj::lower
