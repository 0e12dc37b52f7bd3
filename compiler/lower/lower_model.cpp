// The lowering's table of contents: parameters, functions, groups, monitors, protocol, checks.
#include "compiler/lower/lower_model.h"

#include "compiler/ir/verify_ir.h"
#include "compiler/lower/cache_invariants.h"
#include "compiler/lower/lower_calls.h"
#include "compiler/lower/lower_context.h"
#include "compiler/lower/lower_expr.h"
#include "compiler/lower/lower_clocks.h"
#include "compiler/lower/lower_groups.h"
#include "compiler/lower/lower_inputs.h"
#include "compiler/lower/lower_learning.h"
#include "compiler/lower/lower_precision.h"
#include "compiler/lower/lower_protocol.h"
#include "compiler/lower/lower_synapses.h"
#include "compiler/lower/lower_training.h"
#include "compiler/lower/lower_tables.h"
#include "compiler/support/assert.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace nj::lower {

namespace {

void lower_params(LowerContext& context) {
    for (const auto& p : context.model.params) {
        // Kernels compare strings by their codes; lists are read by the compiler, not by kernels.
        double value = p.value.kind == sema::Value::Kind::String ? string_code(p.value.text) : p.value.number;
        context.param_slots[p.name] = static_cast<int>(context.plan.params.size());
        context.plan.param_names.push_back(p.name);
        context.plan.params.push_back(value);
        if (p.name == "dt") context.plan.dt = value;
    }
    for (const auto& file : context.model.files) {
        for (const auto& item : file.items) {
            if (const auto* f = std::get_if<ast::FunctionDecl>(&item)) context.functions[f->name] = f;
        }
    }
}

double constant_of(const ast::Expr& expr, LowerContext& context) {
    ir::ExprRef c = lower_constant(expr, context);
    return c ? c->value : 0.0;
}

/// A subexpression of the monitored group, computed into an array of its own by the
/// monitor's `prepare` kernel before each recording. False when `name` is none.
bool record_subexpression(const ast::Expr& name, rt::MonitorPlan& m, KernelBuilder& prepare, LowerContext& context) {
    ElementScope scope = group_scope(m.group, context);
    auto sub = scope.subexpressions.find(name.text);
    if (sub == scope.subexpressions.end()) return false;
    size_t root = context.root_group(m.group);
    int array = context.add_array(m.name + "." + name.text, context.plan.groups[root].size, 0.0);
    ir::ExprRef value = as_number(lower_expr(*sub->second->rhs, prepare, scope, {}, context));
    if (!value) return true;
    prepare.kernel.body.push_back(ir::store(prepare.slot_for(array, m.name + "." + name.text), value));
    m.variables.emplace_back(name.text, array);
    return true;
}

void lower_monitor(const ast::InstanceDecl& decl, LowerContext& context) {
    std::string kind = decl.call_form ? decl.name : decl.value->children[0]->text;
    std::vector<const ast::Expr*> args;
    std::vector<std::string> names;
    if (decl.call_form) {
        for (size_t k = 0; k < decl.args.size(); ++k) args.push_back(decl.args[k].get());
        names = decl.arg_names;
    } else {
        for (size_t k = 1; k < decl.value->children.size(); ++k) args.push_back(decl.value->children[k].get());
        names = decl.value->arg_names;
    }
    int synapses = -1;
    for (size_t k = 0; !args.empty() && args[0]->kind == ast::ExprKind::Name && k < context.plan.synapses.size(); ++k) {
        if (context.plan.synapses[k].name == args[0]->text) synapses = static_cast<int>(k);
    }
    bool on_synapses = synapses >= 0 && (kind == "state" || kind == "weights");
    if (!on_synapses && ((kind != "spikes" && kind != "state" && kind != "rate") || args.empty() ||
                         args[0]->kind != ast::ExprKind::Name || !context.group_ids.count(args[0]->text))) {
        context.unsupported(decl.range, "this monitor");
        return;
    }
    rt::MonitorPlan m;
    m.kind = kind == "spikes" ? rt::MonitorPlan::Kind::Spikes
             : kind == "rate" ? rt::MonitorPlan::Kind::Rate : rt::MonitorPlan::Kind::State;
    m.name = decl.call_form ? kind + "_" + args[0]->text : decl.name;
    std::map<std::string, int, std::less<>> arrays;
    size_t size = 0;
    if (on_synapses) {
        m.synapses = synapses;
        for (const auto& [name, id] : context.plan.synapses[static_cast<size_t>(synapses)].variables) arrays[name] = id;
        size = std::numeric_limits<size_t>::max();  // the synapse count is known when the network is built
        if (kind == "weights") {
            bool named = false;
            for (size_t k = 1; k < args.size(); ++k) named = named || names[k] == "variable";
            if (!named && arrays.count("w")) m.variables.emplace_back("w", arrays.at("w"));
        }
    } else {
        m.group = context.group_ids.at(args[0]->text);
        size = context.plan.groups[static_cast<size_t>(m.group)].size;
        arrays = group_scope(m.group, context).arrays;
    }
    KernelBuilder prepare = context.new_kernel(m.name, "prepare");
    m.record_end = size;
    for (size_t k = 1; k < args.size(); ++k) {
        const ast::Expr& a = *args[k];
        bool variable = names[k].empty() || names[k] == "variable";
        if (variable && a.kind == ast::ExprKind::Name && arrays.count(a.text)) {
            m.variables.emplace_back(a.text, arrays.at(a.text));
        } else if (variable && a.kind == ast::ExprKind::Name && m.group >= 0 && kind == "state" &&
                   record_subexpression(a, m, prepare, context)) {
            continue;
        } else if (names[k] == "record" && a.kind == ast::ExprKind::Slice) {
            m.record_begin = a.children[0] ? static_cast<size_t>(constant_of(*a.children[0], context)) : 0;
            if (a.children.size() > 1 && a.children[1]) m.record_end = static_cast<size_t>(constant_of(*a.children[1], context));
        } else if (names[k] == "every" || names[k] == "bin") {
            m.every_steps = std::max<size_t>(1, static_cast<size_t>(std::llround(constant_of(a, context) / context.plan.dt)));
        } else if (names[k] != "when") {
            context.unsupported(a.range, "this monitor argument");
        }
    }
    m.record_end = std::min(m.record_end, size);
    m.record_begin = std::min(m.record_begin, m.record_end);
    if (!prepare.kernel.body.empty()) {
        const rt::GroupPlan& g = context.plan.groups[static_cast<size_t>(m.group)];
        m.prepare = context.finish(prepare, g.offset, g.offset + g.size);
    }
    context.plan.monitors.push_back(std::move(m));
}

/// `schedule:` names the parts of a step in order; parts it leaves out run after them in
/// Brian2's order. Monitors always record the state at the start of a step.
/// A schedule entry naming a group or synapses object: that object's own step. Ids are the
/// positions lower_groups and lower_synapses give them (the checked model's order).
std::optional<rt::ScheduleEntry> object_step(const ast::Expr& name, LowerContext& context) {
    const auto& groups = context.model.groups;
    for (size_t k = 0; k < groups.size(); ++k) {
        if (groups[k].name != name.text) continue;
        if (groups[k].parent) {
            context.unsupported(name.range, "a step of its own for the subgroup '" + name.text + "' (name its group)");
            return std::nullopt;
        }
        return rt::ScheduleEntry{rt::StepSlot::GroupStep, static_cast<int>(k)};
    }
    const auto& synapses = context.model.synapses;
    for (size_t k = 0; k < synapses.size(); ++k) {
        if (synapses[k].name == name.text) return rt::ScheduleEntry{rt::StepSlot::SynapsesStep, static_cast<int>(k)};
    }
    context.unsupported(name.range, "the schedule entry '" + name.text + "'");
    return std::nullopt;
}

void lower_schedule(LowerContext& context) {
    static const std::map<std::string, rt::StepSlot> slots = {
        {"summed", rt::StepSlot::Summed},     {"update", rt::StepSlot::Update},
        {"thresholds", rt::StepSlot::Thresholds}, {"synapses", rt::StepSlot::Synapses},
        {"inputs", rt::StepSlot::Inputs},     {"resets", rt::StepSlot::Resets},
        {"learning", rt::StepSlot::Learning}, {"synapse_updates", rt::StepSlot::SynapseUpdates}};
    for (const auto& file : context.model.files) {
        for (const auto& item : file.items) {
            const auto* setting = std::get_if<ast::SettingDecl>(&item);
            if (!setting || setting->key != "schedule") continue;
            std::vector<rt::ScheduleEntry> order;
            for (const auto& entry : setting->items) {
                const ast::Expr& name = *entry.exprs[0];
                if (name.text == "monitors") continue;
                if (auto it = slots.find(name.text); it != slots.end()) {
                    if (std::find(order.begin(), order.end(), it->second) == order.end()) order.push_back(it->second);
                } else if (auto object = object_step(name, context)) {
                    order.push_back(*object);
                }
            }
            for (const rt::ScheduleEntry& slot : rt::default_schedule()) {
                if (std::find(order.begin(), order.end(), slot.slot) == order.end()) order.push_back(slot);
            }
            context.plan.schedule = order;
        }
    }
    // a threshold may run inside its group's update only when nothing runs between the two
    const auto& order = context.plan.schedule;
    auto update = std::find(order.begin(), order.end(), rt::StepSlot::Update);
    context.fuse_thresholds = update + 1 != order.end() && update[1] == rt::StepSlot::Thresholds;
}

void lower_instances(LowerContext& context) {
    for (const auto& file : context.model.files) {
        for (const auto& item : file.items) {
            const auto* d = std::get_if<ast::InstanceDecl>(&item);
            if (!d || d->kind == "group" || d->kind == "poisson" || d->kind == "table" ||
                d->kind == "input" || d->kind == "synapses") {
                continue;
            }
            if (d->kind == "loss") continue;  // lowered by the train statements that use it
            if (d->kind == "monitor") lower_monitor(*d, context);
            else if (d->kind == "learning") lower_learning(*d, context);
            else context.unsupported(d->kind_range, "a '" + d->kind + "' declaration");
        }
    }
}

}  // namespace

bool lower_model(const sema::CheckedModel& model, support::DiagnosticEngine& diags,
                 LoweredModel& out, const std::string& precision) {
    LowerContext context{model, diags, out.plan, out.kernels, {}, {}, {}, 0, false, {}, true, {}, {}, {}, {}};
    // 1. Parameters become runtime values, so --set never changes a kernel.
    lower_params(context);
    // 1b. Tables (csv files are loaded by the driver; timed arrays are in the plan now).
    lower_tables(context);
    // 2. Groups: arrays and their init, update, threshold and reset kernels (the schedule
    //    decides whether thresholds may run inside the updates).
    lower_schedule(context);
    context.single_precision = wants_single_precision(context, precision);
    lower_groups(context);
    // 3. Synapses, monitors and Poisson inputs.
    lower_synapses(context);
    lower_instances(context);
    lower_inputs(context);
    apply_group_clocks(context);
    // 4. The protocol, with one-element kernels for the values it computes.
    lower_protocol(context);
    // 4a. Per-element values no step changes are computed once per run, not in every update.
    cache_element_invariants(context);
    // 4b. Train statements: the adjoints of the kernels a forward pass runs.
    attach_adjoints(context);
    // 4c. Single precision: the state variables only kernels touch are stored as float.
    if (context.single_precision) store_state_in_single(context);
    // 5. Every kernel must satisfy the IR's rules; a violation is a compiler bug.
    for (auto& kernel : out.kernels) {
        kernel.params = out.plan.param_names;
        auto problems = ir::verify_kernel(kernel);
        NJ_ASSERT(problems.empty(), "invalid kernel " + kernel.name + ": " + (problems.empty() ? "" : problems[0]));
    }
    return !context.failed;
}

bool lower_tables_only(const sema::CheckedModel& model, support::DiagnosticEngine& diags,
                       LoweredModel& out) {
    LowerContext context{model, diags, out.plan, out.kernels, {}, {}, {}, 0, false, {}, true, {}, {}, {}, {}};
    lower_params(context);
    lower_tables(context);
    return !context.failed;
}

}  // namespace nj::lower
