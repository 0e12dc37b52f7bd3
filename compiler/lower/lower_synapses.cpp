// Synapses: per-synapse arrays, connect rules, init, delays, clock- and event-driven equations,
// pathways and summed variables.
#include "compiler/lower/lower_synapses.h"

#include "compiler/ir/passes/replace_leaves.h"
#include "compiler/lower/lower_calls.h"
#include "compiler/lower/lower_connect.h"
#include "compiler/lower/lower_equations.h"
#include "compiler/lower/lower_expr.h"
#include "compiler/lower/lower_freeze.h"
#include "compiler/lower/neuron_traces.h"

#include <algorithm>

namespace nj::lower {

namespace {

/// Everything a synapses object's kernels are built from.
struct SynapsesSource {
    const sema::SynapsesInfo* info = nullptr;
    const ast::InstanceDecl* decl = nullptr;
    Bodies bodies;
    int id = -1;
    std::vector<NeuronTrace> traces;  ///< event-driven variables kept per neuron
};

std::vector<SynapsesSource> collect_sources(LowerContext& context) {
    std::vector<SynapsesSource> out;
    for (const auto& s : context.model.synapses) {
        SynapsesSource src{&s, context.instance_decl(s.name), {}, static_cast<int>(out.size()), {}};
        if (!s.type_name.empty()) src.bodies.push_back(&context.type_decl(s.type_name)->body);
        if (src.decl) src.bodies.push_back(&src.decl->body);
        src.traces = find_neuron_traces(s, src.bodies, context);
        out.push_back(src);
    }
    return out;
}

bool is_summed(const sema::Variable& var) { return var.has_flag("summed"); }
bool is_event_driven(const sema::Variable& var) { return var.has_flag("event-driven"); }

/// The root group of the pre side (or the post side) of synapses `plan`.
const rt::GroupPlan& side_root(const rt::SynapsesPlan& plan, bool pre, const LowerContext& context) {
    return context.plan.groups[context.root_group(pre ? plan.pre_group : plan.post_group)];
}

bool kept_per_neuron(const SynapsesSource& src, const std::string& name) {
    return std::any_of(src.traces.begin(), src.traces.end(), [&](const NeuronTrace& t) { return t.name == name; });
}

/// A group's variables as synapse code sees them: `v_pre` (or `v_post` and `v`) at `at`.
void add_neuron_names(int group, const std::string& suffix, bool unsuffixed, const ElementIndex& at,
                      ElementScope& scope, LowerContext& context) {
    const rt::GroupPlan& root = context.plan.groups[context.root_group(group)];
    std::vector<std::pair<std::string, int>> arrays = root.variables;
    if (root.lastspike >= 0) arrays.emplace_back("lastspike", root.lastspike);
    for (const auto& [name, array] : arrays) {
        scope.indirect[name + suffix] = IndirectArray{array, at};
        if (unsuffixed && !scope.arrays.count(name)) scope.indirect.emplace(name, IndirectArray{array, at});
    }
}

/// The names a neuron's own subexpressions see (its variables and subexpressions), read from
/// synapse code through `at`.
std::shared_ptr<const ElementScope> neuron_scope(int group, const ElementIndex& at, LowerContext& context) {
    auto scope = std::make_shared<ElementScope>();
    add_neuron_names(group, "", false, at, *scope, context);
    const rt::GroupPlan& g = context.plan.groups[static_cast<size_t>(group)];
    scope->indices["i"] = IndexName{at, static_cast<double>(g.offset)};
    scope->constants["N"] = static_cast<double>(g.size);
    for (const auto& [name, var] : context.model.groups[static_cast<size_t>(group)].variables.by_name) {
        if (var.role == sema::Variable::Role::Subexpression && var.equation) scope->subexpressions[name] = var.equation;
    }
    return scope;
}

/// A neuron's subexpressions as `name_pre` / `name_post` (and unsuffixed for post) in synapse code.
void add_neuron_subexpressions(int group, const std::string& suffix, bool unsuffixed, const ElementIndex& at,
                               ElementScope& scope, LowerContext& context) {
    auto neuron = neuron_scope(group, at, context);
    for (const auto& [name, equation] : neuron->subexpressions) {
        scope.foreign_subexpressions[name + suffix] = {equation, neuron};
        if (unsuffixed && !scope.arrays.count(name) && !scope.subexpressions.count(name)) {
            scope.foreign_subexpressions.emplace(name, std::pair{equation, neuron});
        }
    }
}

/// The scope of code that runs per synapse: own variables, pre and post neurons, i and j.
ElementScope synapse_scope(const SynapsesSource& src, LowerContext& context) {
    const rt::SynapsesPlan& plan = context.plan.synapses[static_cast<size_t>(src.id)];
    const rt::GroupPlan& pre = context.plan.groups[static_cast<size_t>(plan.pre_group)];
    const rt::GroupPlan& post = context.plan.groups[static_cast<size_t>(plan.post_group)];
    ElementScope scope;
    for (const auto& [name, array] : plan.variables) scope.arrays[name] = array;
    for (const auto& [name, var] : src.info->variables.by_name) {
        if (var.role == sema::Variable::Role::Subexpression && !is_summed(var)) scope.subexpressions[name] = var.equation;
    }
    ElementIndex at_pre{plan.pre_index, nullptr}, at_post{plan.post_index, nullptr};
    add_neuron_names(plan.pre_group, "_pre", false, at_pre, scope, context);
    add_neuron_names(plan.post_group, "_post", true, at_post, scope, context);
    add_neuron_subexpressions(plan.pre_group, "_pre", false, at_pre, scope, context);
    add_neuron_subexpressions(plan.post_group, "_post", true, at_post, scope, context);
    for (const auto& t : src.traces) scope.indirect[t.name] = IndirectArray{t.array, t.pre ? at_pre : at_post};
    scope.indices["i"] = IndexName{at_pre, static_cast<double>(pre.offset)};
    scope.indices["j"] = IndexName{at_post, static_cast<double>(post.offset)};
    scope.indirect["N_incoming"] = IndirectArray{plan.incoming, at_post};
    scope.indirect["N_outgoing"] = IndirectArray{plan.outgoing, at_pre};
    scope.constants["N_pre"] = static_cast<double>(pre.size);
    scope.constants["N_post"] = static_cast<double>(post.size);
    scope.params["N"] = plan.count_param;
    return scope;
}

int add_synapse_array(const std::string& name, int id, LowerContext& context) {
    int array = context.add_array(name, 0, 0.0);
    context.plan.arrays[static_cast<size_t>(array)].synapses = id;
    return array;
}

void add_arrays(SynapsesSource& src, rt::SynapsesPlan& plan, LowerContext& context) {
    for (auto& t : src.traces) t.array = context.add_array(plan.name + "." + t.name, side_root(plan, t.pre, context).size, 0.0);
    for (const auto& [name, var] : src.info->variables.by_name) {
        if (var.role == sema::Variable::Role::Subexpression || kept_per_neuron(src, name)) continue;
        plan.variables.emplace_back(name, add_synapse_array(plan.name + "." + name, src.id, context));
    }
    bool event_driven = std::any_of(src.info->variables.by_name.begin(), src.info->variables.by_name.end(),
                                    [&](const auto& v) { return is_event_driven(v.second) && !kept_per_neuron(src, v.first); });
    if (event_driven) plan.variables.emplace_back("lastupdate", add_synapse_array(plan.name + ".lastupdate", src.id, context));
    if (find_clause(src.bodies, "delay")) {
        plan.variables.emplace_back("delay", add_synapse_array(plan.name + ".delay", src.id, context));
    }
    plan.pre_index = add_synapse_array(plan.name + ".pre", src.id, context);
    plan.post_index = add_synapse_array(plan.name + ".post", src.id, context);
    plan.incoming = context.add_array(plan.name + ".N_incoming", side_root(plan, false, context).size, 0.0);
    plan.outgoing = context.add_array(plan.name + ".N_outgoing", side_root(plan, true, context).size, 0.0);
}

/// Defaults (`w = 1` in the type, then in the instance), then the `init:` statements.
rt::KernelCall build_init(const SynapsesSource& src, const ElementScope& scope, LowerContext& context) {
    KernelBuilder b = context.new_kernel(src.info->name, "init");
    lower_init_statements(src.bodies, b, scope, context);
    if (b.kernel.body.empty()) return {};
    return context.finish(b, 0, 0);
}

/// `delay = expr` per synapse; the on_pre pathways read it.
rt::KernelCall build_delays(const SynapsesSource& src, const ElementScope& scope, LowerContext& context) {
    const ast::Expr* delay = clause_expr(find_clause(src.bodies, "delay"));
    if (!delay) return {};
    KernelBuilder b = context.new_kernel(src.info->name, "delays");
    ir::ExprRef value = as_number(lower_expr(*delay, b, scope, {}, context));
    if (!value) return {};
    int array = scope.arrays.at("delay");
    b.kernel.body.push_back(ir::store(b.slot_for(array, context.plan.arrays[static_cast<size_t>(array)].name), value));
    return context.finish(b, 0, 0);
}

/// One step of the clock-driven equations, with the groups' state updates.
rt::KernelCall build_update(const SynapsesSource& src, const ElementScope& scope, LowerContext& context) {
    KernelBuilder b = context.new_kernel(src.info->name, "update");
    equations::OdeSystem ode;
    std::vector<std::string> names;
    std::vector<bool> held;
    auto clock_driven = [](const sema::Variable& v) { return !is_event_driven(v); };
    if (!build_ode(src.info->variables, clock_driven, b, scope, context, ode, names, held)) return {};
    if (ode.states.empty()) return {};
    auto step = integrate_step(src.bodies, ode, names, src.info->decl, b, context);
    if (!step) return {};
    b.kernel.body = std::move(*step);
    return context.finish(b, 0, 0);
}

ir::Stmt with_interval(const ir::Stmt& s, const ir::ExprRef& interval) {
    auto rewrite = [&](const ir::ExprRef& leaf) -> ir::ExprRef {
        return leaf->kind == ir::ExprKind::Dt ? interval : nullptr;
    };
    ir::Stmt out = s;
    if (out.value) out.value = ir::replace_leaves(out.value, rewrite);
    if (out.index) out.index = ir::replace_leaves(out.index, rewrite);
    for (auto& t : out.then_body) t = with_interval(t, interval);
    for (auto& t : out.else_body) t = with_interval(t, interval);
    return out;
}

/// The event-driven variables advanced exactly from `lastupdate` to t, then lastupdate = t.
/// Appends to `out` the advance; returns the store of lastupdate (or nothing without it).
bool advance_event_driven(const SynapsesSource& src, KernelBuilder& b, const ElementScope& scope,
                          LowerContext& context, std::vector<ir::Stmt>& out) {
    equations::OdeSystem ode;
    std::vector<std::string> names;
    std::vector<bool> held;
    auto per_synapse = [&](const sema::Variable& v) { return is_event_driven(v) && !kept_per_neuron(src, v.name); };
    if (!build_ode(src.info->variables, per_synapse, b, scope, context, ode, names, held)) return false;
    if (ode.states.empty()) return true;
    std::optional<std::vector<ir::Stmt>> step = exact_event_step(ode, names, src.info->decl, b, context);
    if (!step) return false;
    int last = scope.arrays.at("lastupdate");
    int slot = b.slot_for(last, context.plan.arrays[static_cast<size_t>(last)].name);
    ir::ExprRef interval = ir::binary("-", ir::time(), ir::load(slot));
    for (const auto& s : *step) out.push_back(with_interval(s, interval));
    return true;
}

/// The kernel of one pathway: runs on the synapses a spike reaches.
std::optional<rt::PathwayPlan> build_pathway(const SynapsesSource& src, const ast::Item& clause,
                                             const ElementScope& scope, LowerContext& context) {
    rt::PathwayPlan p;
    p.name = clause.key + (clause.name.empty() ? "" : " " + clause.name);
    p.from_pre = clause.key == "on_pre";
    KernelBuilder b = context.new_kernel(src.info->name, clause.key + (clause.name.empty() ? "" : "_" + clause.name));
    b.kernel.indexed = true;
    b.kernel.serial = true;
    if (!advance_event_driven(src, b, scope, context, b.kernel.body)) return std::nullopt;
    for (const auto& statement : clause.children) {
        if (assigned_trace(statement, src.traces)) continue;  // once per spike, in source_traces
        if (!lower_statement(statement, b, scope, context, b.kernel.body)) return std::nullopt;
    }
    context.guard_refractory_writes(b);
    if (auto it = scope.arrays.find("lastupdate"); it != scope.arrays.end()) {
        int slot = b.slot_for(it->second, context.plan.arrays[static_cast<size_t>(it->second)].name);
        b.kernel.body.push_back(ir::store(slot, ir::time()));
    }
    if (p.from_pre) {
        if (auto it = scope.arrays.find("delay"); it != scope.arrays.end()) p.delay_array = it->second;
    }
    // the same code over a range of synapses, for sources whose synapses are contiguous
    KernelBuilder ranges = b;
    ranges.kernel.name = b.kernel.name + "_ranges";  // unique, as the indexed kernel's name is
    ranges.kernel.indexed = false;
    p.kernel = context.finish(b, 0, 0);
    p.ranges = context.finish(ranges, 0, 0);
    size_t source_size = side_root(context.plan.synapses[static_cast<size_t>(src.id)], p.from_pre, context).size;
    p.source_traces = build_trace_writes(clause, p.from_pre, src.traces, src.info->name, source_size, context);
    return p;
}

void collect_factors(const ir::ExprRef& e, std::vector<ir::ExprRef>& out) {
    if (e->kind == ir::ExprKind::Binary && e->op == "*") {
        collect_factors(e->args[0], out);
        collect_factors(e->args[1], out);
    } else {
        out.push_back(e);
    }
}

/// Whether `e` reads only the pre neuron (through `pre_slot`), parameters and constants.
bool pre_side(const ir::ExprRef& e, int pre_slot) {
    switch (e->kind) {
    case ir::ExprKind::Load:
        if (!e->args[0]) return e->slot == pre_slot;
        return e->args[0]->kind == ir::ExprKind::Load && !e->args[0]->args[0] && e->args[0]->slot == pre_slot;
    case ir::ExprKind::LoopIndex:
    case ir::ExprKind::Random:
    case ir::ExprKind::Local: return false;
    default:
        for (const auto& a : e->args) {
            if (!pre_side(a, pre_slot)) return false;
        }
        return true;
    }
}

/// A pre-side expression rewritten for a kernel over the pre neurons: x[pre[i]] → x[i], pre[i] → i.
ir::ExprRef at_pre_element(const ir::ExprRef& e, int pre_slot) {
    return ir::replace_leaves(e, [&](const ir::ExprRef& leaf) -> ir::ExprRef {
        if (leaf->kind != ir::ExprKind::Load) return nullptr;
        if (!leaf->args[0] && leaf->slot == pre_slot) return ir::loop_index();
        if (leaf->args[0] && leaf->args[0]->kind == ir::ExprKind::LoopIndex) return ir::load(leaf->slot);
        return nullptr;
    });
}

/// When the summed value is w * f(pre) for one synapse variable w, the sum over a complete
/// projection is the matrix-vector product W f: `factor` computes f over the pre neurons and the
/// runtime multiplies with Eigen when the connections turn out to be all pairs.
void add_dense_form(const KernelBuilder& add, const ir::ExprRef& value, const rt::SynapsesPlan& plan,
                    rt::SummedPlan& summed, LowerContext& context) {
    std::vector<ir::ExprRef> factors;
    collect_factors(value, factors);
    int pre_slot = -1, weight = -1;
    for (size_t slot = 0; slot < add.array_ids.size(); ++slot) {
        if (add.array_ids[slot] == plan.pre_index) pre_slot = static_cast<int>(slot);
    }
    ir::ExprRef f = ir::constant(1);
    for (const auto& factor : factors) {
        bool own = factor->kind == ir::ExprKind::Load && !factor->args[0] &&
                   add.array_ids[static_cast<size_t>(factor->slot)] != plan.pre_index;
        if (own && weight < 0) {
            weight = add.array_ids[static_cast<size_t>(factor->slot)];
        } else if (pre_side(factor, pre_slot)) {
            f = ir::binary("*", f, factor);
        } else {
            return;
        }
    }
    if (weight < 0) return;
    size_t root = context.root_group(plan.pre_group);
    const rt::GroupPlan& pre = context.plan.groups[static_cast<size_t>(plan.pre_group)];
    KernelBuilder b = add;
    b.kernel.name = context.kernel_name(plan.name + "_factor");
    b.kernel.role = "summed_factor";
    b.kernel.serial = false;
    b.kernel.body.clear();
    summed.factor_array = context.add_array(plan.name + ".factor", context.plan.groups[root].size, 0.0);
    int slot = b.slot_for(summed.factor_array, plan.name + ".factor");
    b.kernel.body.push_back(ir::store(slot, at_pre_element(f, pre_slot)));
    summed.factor = context.finish(b, pre.offset, pre.offset + pre.size);
    summed.weight_array = weight;
    summed.target_array = add.array_ids[static_cast<size_t>(add.kernel.body.back().slot)];
}

/// `x_post = expr (summed)`: the target cleared on its group, then each synapse's value added.
std::optional<rt::SummedPlan> build_summed(const SynapsesSource& src, const sema::Variable& var,
                                           const ElementScope& scope, LowerContext& context) {
    const rt::SynapsesPlan& plan = context.plan.synapses[static_cast<size_t>(src.id)];
    bool to_post = var.name.size() > 5 && var.name.substr(var.name.size() - 5) == "_post";
    int group = to_post ? plan.post_group : plan.pre_group;
    const IndirectArray& target = scope.indirect.at(var.name);
    const rt::GroupPlan& g = context.plan.groups[static_cast<size_t>(group)];
    rt::SummedPlan summed;
    KernelBuilder clear = context.new_kernel(src.info->name, "clear_" + var.name);
    int slot = clear.slot_for(target.array, context.plan.arrays[static_cast<size_t>(target.array)].name);
    clear.kernel.body.push_back(ir::store(slot, ir::constant(0)));
    summed.clear = context.finish(clear, g.offset, g.offset + g.size);

    KernelBuilder add = context.new_kernel(src.info->name, "sum_" + var.name);
    add.kernel.serial = true;
    ir::ExprRef value = as_number(lower_expr(*var.equation->rhs, add, scope, {}, context));
    if (!value) return std::nullopt;
    int target_slot = add.slot_for(target.array, context.plan.arrays[static_cast<size_t>(target.array)].name);
    int index_slot = add.slot_for(target.at.index_array, context.plan.arrays[static_cast<size_t>(target.at.index_array)].name);
    ir::ExprRef index = ir::load(index_slot);
    add.kernel.body.push_back(ir::store_at(target_slot, index, ir::binary("+", ir::load(target_slot, index), value)));
    if (to_post) add_dense_form(add, value, plan, summed, context);
    summed.add = context.finish(add, 0, 0);
    return summed;
}

}  // namespace

ElementScope synapses_scope(int id, LowerContext& context) {
    SynapsesSource src{&context.model.synapses[static_cast<size_t>(id)], nullptr, {}, id, {}};
    return synapse_scope(src, context);
}

void lower_synapses(LowerContext& context) {
    std::vector<SynapsesSource> sources = collect_sources(context);
    for (auto& src : sources) {
        rt::SynapsesPlan plan;
        plan.name = src.info->name;
        plan.pre_group = context.group_ids.at(src.info->pre->name);
        plan.post_group = context.group_ids.at(src.info->post->name);
        context.plan.param_names.push_back("N:" + plan.name);  // the synapse count, set when connected
        context.plan.params.push_back(0.0);
        plan.count_param = static_cast<int>(context.plan.params.size() - 1);
        context.plan.synapses.push_back(plan);
        add_arrays(src, context.plan.synapses.back(), context);
    }
    for (const auto& src : sources) {
        ElementScope scope = synapse_scope(src, context);
        lower_connect(src.id, src.bodies, context);
        rt::KernelCall init = build_init(src, scope, context);
        rt::KernelCall delays = build_delays(src, scope, context);
        rt::KernelCall update = build_update(src, scope, context);
        std::vector<rt::PathwayPlan> pathways;
        bool next_step = false;
        for (const auto* body : src.bodies) {
            for (const auto& item : *body) {
                if (item.kind != ast::ItemKind::Clause) continue;
                if (item.key == "on_pre" || item.key == "on_post") {
                    if (auto p = build_pathway(src, item, scope, context)) pathways.push_back(std::move(*p));
                } else if (item.key == "on_event" || item.key == "dt") {
                    context.unsupported(item.key_range, "the synapse clause '" + item.key + "'");
                } else if (item.key == "delay" && !item.name.empty()) {
                    // one `delay:` serves every on_pre pathway; per-pathway delays are not carried out
                    context.unsupported(item.name_range, "a delay of one named pathway ('delay " + item.name + ":')");
                } else if (item.key == "order") {
                    // same_step (Brian2's): delivered in the step that produced the spike;
                    // next_step: one step later, so post-synaptic code sees the previous step's
                    const ast::Expr* order = clause_expr(&item);
                    next_step = order && order->text == "next_step";
                }
            }
        }
        for (auto& p : pathways) p.extra_steps = next_step ? 1 : 0;
        // Brian2's order: the pre pathways before the post pathways
        std::stable_partition(pathways.begin(), pathways.end(), [](const auto& p) { return p.from_pre; });
        std::vector<rt::SummedPlan> summed;
        for (const auto& [name, var] : src.info->variables.by_name) {
            if (!is_summed(var)) continue;
            if (auto s = build_summed(src, var, scope, context)) summed.push_back(std::move(*s));
        }
        rt::SynapsesPlan& plan = context.plan.synapses[static_cast<size_t>(src.id)];
        plan.init = init;
        plan.delays = delays;
        plan.update = update;
        plan.pathways = std::move(pathways);
        plan.summed = std::move(summed);
        for (bool pre : {true, false}) {
            auto step = build_trace_step(*src.info, pre, src.traces, side_root(plan, pre, context).size, context);
            if (step && step->valid()) plan.trace_steps.push_back(*step);
        }
        make_freezable(src.id, context);
    }
}

}  // namespace nj::lower
