// Groups: arrays, init, update (integration), threshold, reset, Poisson sources, subgroups.
#include "compiler/lower/lower_groups.h"

#include "compiler/lower/lower_calls.h"
#include "compiler/lower/lower_equations.h"
#include "compiler/lower/lower_events.h"
#include "compiler/lower/lower_expr.h"
#include "compiler/lower/lower_clocks.h"
#include "compiler/lower/lower_previous.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

namespace nj::lower {

namespace {

/// Everything a group's kernels are built from: its type's body, then the group's own.
struct GroupSource {
    const sema::GroupInfo* info = nullptr;
    const ast::InstanceDecl* decl = nullptr;
    Bodies bodies;
};

std::vector<GroupSource> collect_sources(LowerContext& context) {
    std::vector<GroupSource> out;
    for (const auto& g : context.model.groups) {
        GroupSource s{&g, context.instance_decl(g.name), {}};
        if (!g.type_name.empty() && !g.parent) s.bodies.push_back(&context.type_decl(g.type_name)->body);
        if (s.decl && (!g.parent || s.decl->has_body)) s.bodies.push_back(&s.decl->body);
        out.push_back(s);
    }
    return out;
}

void add_arrays(const GroupSource& src, rt::GroupPlan& plan, LowerContext& context) {
    size_t n = plan.size;
    for (const auto& [name, var] : src.info->variables.by_name) {
        if (var.role == sema::Variable::Role::Subexpression) continue;
        if (var.has_flag("linked") && var.equation) {
            // Brian2 binds it with linked_var(); the language has no way to yet, and running it as
            // a plain variable would silently give other results
            context.unsupported(var.equation->range, "the linked variable '" + name + "' (nothing can link it yet)");
        }
        plan.variables.emplace_back(name, context.add_array(plan.name + "." + name, n, 0.0));
    }
    if (!src.info->has_threshold) return;
    plan.spiked = context.add_array(plan.name + ".spiked", n, 0.0);
    // Brian2 starts lastspike at -inf; a large negative time keeps arithmetic finite.
    plan.lastspike = context.add_array(plan.name + ".lastspike", n, -1e9);
    if (find_clause(src.bodies, "refractory")) {
        int not_refractory = context.add_array(plan.name + ".not_refractory", n, 1.0);
        for (const auto& [name, id] : plan.variables) {
            const sema::Variable* var = src.info->variables.find(name);
            if (var && var->has_flag("unless refractory")) context.held_while_refractory[id] = not_refractory;
        }
        plan.variables.emplace_back("not_refractory", not_refractory);
    }
}

}  // namespace

ElementScope group_scope(int id, LowerContext& context) {
    const rt::GroupPlan* g = &context.plan.groups[static_cast<size_t>(id)];
    ElementScope scope;
    scope.size = static_cast<double>(g->size);
    scope.index_offset = static_cast<double>(g->offset);
    while (g->parent >= 0) g = &context.plan.groups[static_cast<size_t>(g->parent)];
    for (const auto& [name, array] : g->variables) scope.arrays[name] = array;
    if (auto it = context.prev_arrays.find(static_cast<int>(context.root_group(id))); it != context.prev_arrays.end()) {
        scope.previous = it->second;
    }
    if (g->lastspike >= 0) scope.arrays["lastspike"] = g->lastspike;
    const sema::GroupInfo& info = context.model.groups[static_cast<size_t>(id)];
    for (const auto& [name, var] : info.variables.by_name) {
        if (var.role == sema::Variable::Role::Subexpression) scope.subexpressions[name] = var.equation;
    }
    return scope;
}

namespace {

/// Defaults (`tau = 10 ms` in the type, then in the group), then the `init:` statements.
rt::KernelCall build_init(const GroupSource& src, int id, LowerContext& context) {
    const rt::GroupPlan& g = context.plan.groups[static_cast<size_t>(id)];
    ElementScope scope = group_scope(id, context);
    KernelBuilder b = context.new_kernel(g.name, "init");
    lower_init_statements(src.bodies, b, scope, context);
    if (b.kernel.body.empty()) return {};
    return context.finish(b, g.offset, g.offset + g.size);
}

/// not_refractory for this step: a time since the last spike, or the negated condition.
ir::ExprRef refractory_state(const GroupSource& src, KernelBuilder& b, const ElementScope& scope,
                             LowerContext& context) {
    const ast::Expr* ref = clause_expr(find_clause(src.bodies, "refractory"));
    ir::ExprRef r = lower_expr(*ref, b, scope, {}, context);
    if (!r) return nullptr;
    if (r->type == ir::Type::Bool) return ir::unary("not", r);
    // Brian2 compares whole time steps: timestep(t - lastspike) >= timestep(refractory).
    auto steps = [](ir::ExprRef quotient) { return ir::call("floor", {ir::binary("+", quotient, ir::constant(1e-3))}); };
    int last = scope.arrays.at("lastspike");
    ir::ExprRef lastspike = ir::load(b.slot_for(last, context.plan.arrays[static_cast<size_t>(last)].name));
    ir::ExprRef since = ir::binary("-", ir::time(), lastspike);
    // t - lastspike is a whole number of steps (up to rounding), so multiplying by 1/dt, computed
    // once per call, counts the same steps as dividing: the quotients differ by a few ulps and
    // the 1e-3 margin keeps them off the floor's edges. A division per element per step was
    // half of a LIF update. The refractory period itself, any time, keeps the division.
    ir::ExprRef since_steps = ir::binary("*", since, ir::binary("/", ir::constant(1.0), ir::dt()));
    return ir::compare(">=", steps(since_steps), steps(ir::binary("/", r, ir::dt())));
}

/// spiked = condition (and not refractory), built in `b`; Poisson groups draw Bernoulli(rate·dt)
/// (their rate is also stored in `*rate` when given).
std::optional<ir::Stmt> threshold_statement(const GroupSource& src, int id, KernelBuilder& b,
                                            LowerContext& context, ir::ExprRef* rate_out = nullptr) {
    const rt::GroupPlan& g = context.plan.groups[static_cast<size_t>(id)];
    ElementScope scope = group_scope(id, context);
    ir::ExprRef condition;
    if (src.info->kind == "poisson") {
        const ast::Expr* rate = nullptr;
        for (size_t k = 0; k < src.decl->args.size(); ++k) {
            if (src.decl->arg_names[k] == "rate" || (src.decl->arg_names[k].empty() && k == 1)) {
                rate = src.decl->args[k].get();
            }
        }
        ir::ExprRef r = as_number(lower_expr(*rate, b, scope, {}, context));
        if (!r) return std::nullopt;
        if (rate_out) *rate_out = r;
        condition = ir::compare("<", ir::random("rand", b.next_draw++), ir::binary("*", r, ir::dt()));
    } else {
        const ast::Expr* cond = clause_expr(find_clause(src.bodies, "threshold"));
        condition = as_condition(lower_expr(*cond, b, scope, {}, context));
        if (!condition) return std::nullopt;
        if (auto it = scope.arrays.find("not_refractory"); it != scope.arrays.end()) {
            int nr = b.slot_for(it->second, context.plan.arrays[static_cast<size_t>(it->second)].name);
            condition = ir::logical("and", condition, ir::compare(">", ir::load(nr), ir::constant(0.5)));
        }
    }
    int spiked = b.slot_for(g.spiked, context.plan.arrays[static_cast<size_t>(g.spiked)].name);
    return ir::store(spiked, as_number(condition));
}

/// The threshold as a kernel of its own (when it cannot be fused into the update).
rt::KernelCall build_threshold(const GroupSource& src, int id, LowerContext& context, ir::ExprRef* rate) {
    KernelBuilder b = context.new_kernel(context.plan.groups[static_cast<size_t>(id)].name, "threshold");
    std::optional<ir::Stmt> store = threshold_statement(src, id, b, context, rate);
    if (!store) return {};
    b.kernel.body.push_back(std::move(*store));
    return context.finish(b, 0, context.plan.groups[static_cast<size_t>(id)].size);
}

/// Whether `e` has one value for every element: it reads only constants, parameters, t and dt.
bool same_for_all_elements(const ir::ExprRef& e) {
    switch (e->kind) {
    case ir::ExprKind::Load:
    case ir::ExprKind::LoopIndex:
    case ir::ExprKind::Local:
    case ir::ExprKind::Random: return false;
    default:
        return std::all_of(e->args.begin(), e->args.end(), [](const ir::ExprRef& a) { return !a || same_for_all_elements(a); });
    }
}

/// A Poisson group whose rate is one value for all its elements gets GroupPlan::spike_probability
/// (the runtime then draws which elements spike instead of one number per element). Not with a
/// clock of its own, nor in a model that trains: the tape records kernel calls only.
void add_spike_probability(int id, const ir::ExprRef& rate, LowerContext& context) {
    rt::GroupPlan& g = context.plan.groups[static_cast<size_t>(id)];
    if (!rate || !same_for_all_elements(rate) || g.every != 1 || context.model_trains()) return;
    std::string name = g.name + ".spike_probability";
    int array = context.add_array(name, 1, 0.0);
    KernelBuilder b = context.new_kernel(g.name, "spike_probability");
    // the rate reads no array, so its expression needs no slots of this kernel
    b.kernel.body.push_back(ir::store(b.slot_for(array, name), ir::binary("*", rate, ir::dt())));
    g.spike_probability_array = array;  // adding arrays and kernels leaves the groups in place
    g.spike_probability = context.finish(b, 0, 1);
}

/// Appends the threshold to the update kernel `b`, so a step passes over the group's state
/// once: the threshold reads only its own group's variables, so running it right after the
/// group's update gives Brian2's order (all updates, then all thresholds). Not for thresholds
/// that draw random numbers, which are keyed by the threshold kernel's own stream.
bool fuse_threshold(const GroupSource& src, int id, KernelBuilder& b, LowerContext& context) {
    if (context.plan.groups[static_cast<size_t>(id)].spiked < 0 || src.info->kind == "poisson" || !context.fuse_thresholds) {
        return false;
    }
    int draws = b.next_draw;
    std::optional<ir::Stmt> store = threshold_statement(src, id, b, context);
    if (!store) return true;  // reported; the model does not build
    if (b.next_draw != draws) {
        b.next_draw = draws;
        return false;
    }
    b.kernel.body.push_back(std::move(*store));
    // the threshold kernel's number is still taken, so later kernels keep their random streams
    context.kernel_name(context.plan.groups[static_cast<size_t>(id)].name + "_threshold");
    return true;
}

/// Slot → whether the kernel's array there is a parameter of the group flagged `constant`.
std::vector<bool> constant_parameter_slots(const GroupSource& src, const KernelBuilder& b,
                                           const ElementScope& scope) {
    std::vector<bool> constant(b.array_ids.size(), false);
    for (const auto& [name, var] : src.info->variables.by_name) {
        auto it = scope.arrays.find(name);
        if (!var.has_flag("constant") || it == scope.arrays.end()) continue;
        for (size_t slot = 0; slot < b.array_ids.size(); ++slot)
            constant[slot] = constant[slot] || b.array_ids[slot] == it->second;
    }
    return constant;
}

/// The state update: refractoriness first, then one integration step of all equations.
/// `fused`: the threshold became part of the update (fuse_threshold).
rt::KernelCall build_update(const GroupSource& src, int id, LowerContext& context, bool& fused) {
    const rt::GroupPlan& g = context.plan.groups[static_cast<size_t>(id)];
    ElementScope scope = group_scope(id, context);
    KernelBuilder b = context.new_kernel(g.name, "update");
    copy_prev_values(id, b, context);  // before anything changes the state
    int not_refractory = -1;
    if (auto it = scope.arrays.find("not_refractory"); it != scope.arrays.end()) {
        ir::ExprRef free = refractory_state(src, b, scope, context);
        if (!free) return {};
        not_refractory = b.slot_for(it->second, context.plan.arrays[static_cast<size_t>(it->second)].name);
        b.kernel.body.push_back(ir::store(not_refractory, as_number(free)));
    }
    equations::OdeSystem ode;
    std::vector<std::string> names;
    std::vector<bool> held;
    auto all = [](const sema::Variable&) { return true; };
    if (!build_ode(src.info->variables, all, b, scope, context, ode, names, held)) return {};
    if (ode.states.empty()) {
        if (b.kernel.body.empty()) return {};
        fused = fuse_threshold(src, id, b, context);
        return context.finish(b, 0, context.plan.groups[static_cast<size_t>(id)].size);
    }
    // a model that trains keeps its updates as written (cache_invariants.h): no split propagator
    if (!context.model_trains()) ode.constant_slot = constant_parameter_slots(src, b, scope);
    auto step = integrate_step(src.bodies, ode, names, src.info->decl, b, context);
    if (!step) return {};
    for (auto& stmt : *step) {
        // `unless refractory`: the new value only while the neuron is not refractory
        auto it = std::find(ode.states.begin(), ode.states.end(), stmt.slot);
        if (stmt.kind == ir::StmtKind::Store && not_refractory >= 0 && it != ode.states.end() &&
            held[static_cast<size_t>(it - ode.states.begin())]) {
            stmt = ir::store(stmt.slot, ir::select(ir::compare(">", ir::load(not_refractory), ir::constant(0.5)),
                                                   stmt.value, ir::load(stmt.slot)));
        }
        b.kernel.body.push_back(std::move(stmt));
    }
    fused = fuse_threshold(src, id, b, context);
    return context.finish(b, 0, context.plan.groups[static_cast<size_t>(id)].size);
}

/// The reset statements for the elements that spiked; they become refractory.
rt::KernelCall build_reset(const GroupSource& src, int id, LowerContext& context) {
    const rt::GroupPlan& g = context.plan.groups[static_cast<size_t>(id)];
    ElementScope scope = group_scope(id, context);
    KernelBuilder b = context.new_kernel(g.name, "reset");
    std::vector<ir::Stmt> body;
    if (const ast::Item* reset = find_clause(src.bodies, "reset")) {
        if (!lower_statements(reset->children, b, scope, context, body)) return {};
    }
    if (auto it = scope.arrays.find("not_refractory"); it != scope.arrays.end()) {
        body.push_back(ir::store(b.slot_for(it->second, context.plan.arrays[static_cast<size_t>(it->second)].name),
                                 ir::constant(0)));
    }
    if (body.empty()) return {};
    int spiked = b.slot_for(g.spiked, context.plan.arrays[static_cast<size_t>(g.spiked)].name);
    b.kernel.body.push_back(ir::if_then(ir::compare(">", ir::load(spiked), ir::constant(0.5)), std::move(body)));
    return context.finish(b, 0, context.plan.groups[static_cast<size_t>(id)].size);
}

/// A subgroup's own body: default values and `init:` over its slice; other clauses would
/// change the parent's dynamics for part of its elements, which the runtime cannot do yet.
void lower_subgroup_body(const GroupSource& src, int id, LowerContext& context) {
    if (src.bodies.empty()) return;
    for (const auto& item : *src.bodies.front()) {
        bool allowed = item.kind == ast::ItemKind::Assign ||
                       (item.kind == ast::ItemKind::Clause && item.key == "init");
        if (!allowed) context.unsupported(item.range, "this item in a subgroup's body");
    }
    context.plan.groups[static_cast<size_t>(id)].init = build_init(src, id, context);
}

double const_value(const ast::Expr& e, LowerContext& context) {
    ir::ExprRef c = lower_constant(e, context);
    return c ? c->value : 0.0;
}

}  // namespace

void lower_groups(LowerContext& context) {
    std::vector<GroupSource> sources = collect_sources(context);
    for (size_t k = 0; k < sources.size(); ++k) {
        const GroupSource& src = sources[k];
        rt::GroupPlan plan;
        plan.name = src.info->name;
        plan.size = static_cast<size_t>(src.info->size.value_or(0));
        if (!src.info->size && !src.info->parent && src.decl) {
            // e.g. n * rows_of(T): a table's shape is known only once the tables are loaded
            context.unsupported(src.decl->name_range, "a size of group '" + plan.name +
                                                          "' that is not a constant (such as one from a table's shape)");
        }
        if (src.info->parent) {
            plan.parent = context.group_ids.at(src.info->parent->name);
            const ast::Expr& slice = *src.decl->value->children[1];
            const rt::GroupPlan& parent = context.plan.groups[static_cast<size_t>(plan.parent)];
            double lo = 0, hi = static_cast<double>(parent.size);
            if (slice.kind != ast::ExprKind::Slice || src.decl->value->children.size() != 2) {
                context.unsupported(slice.range, "a subgroup that is not one slice 'a:b'");
                hi = 0;
            } else {
                if (slice.children[0]) lo = const_value(*slice.children[0], context);
                if (slice.children.size() > 1 && slice.children[1]) hi = const_value(*slice.children[1], context);
            }
            plan.offset = parent.offset + static_cast<size_t>(std::max(0.0, lo));
            plan.size = static_cast<size_t>(std::max(0.0, std::min(hi, static_cast<double>(parent.size)) - lo));
        }
        context.group_ids[plan.name] = static_cast<int>(context.plan.groups.size());
        if (!src.info->parent) add_arrays(src, plan, context);
        context.plan.groups.push_back(plan);
        if (!src.info->parent) add_prev_arrays(src.bodies, static_cast<int>(context.plan.groups.size() - 1), context);
    }
    for (size_t k = 0; k < sources.size(); ++k) {
        if (sources[k].info->parent) {
            lower_subgroup_body(sources[k], static_cast<int>(k), context);
            continue;
        }
        int id = static_cast<int>(k);
        context.plan.groups[k].every = group_step_multiple(sources[k].bodies, context);
        rt::GroupPlan& g = context.plan.groups[k];
        rt::KernelCall init = build_init(sources[k], id, context);
        bool fused = false;
        rt::KernelCall update = build_update(sources[k], id, context, fused);
        ir::ExprRef rate;
        rt::KernelCall threshold = g.spiked >= 0 && !fused ? build_threshold(sources[k], id, context, &rate) : rt::KernelCall{};
        rt::KernelCall reset = g.spiked >= 0 && sources[k].info->kind != "poisson" ? build_reset(sources[k], id, context) : rt::KernelCall{};
        rt::GroupPlan& same = context.plan.groups[k];
        same.init = init;
        same.update = update;
        same.threshold = threshold;
        same.reset = reset;
        if (sources[k].info->kind == "poisson") add_spike_probability(id, rate, context);
        lower_group_events(id, sources[k].bodies, context);
    }
}

}  // namespace nj::lower
