// Event-driven synapse traces kept once per neuron: which qualify, and their kernels.
#include "compiler/lower/neuron_traces.h"

#include "compiler/lower/lower_expr.h"
#include "compiler/units/unit_table.h"

#include <set>
#include <string_view>

namespace nj::lower {

namespace {

/// Functions whose value depends only on their arguments (no draws, no state, no time).
bool pure_math(std::string_view name) {
    static const std::set<std::string_view> names{"exp",  "log",   "log10", "sqrt", "abs",  "min",  "max",
                                                  "clip", "where", "tanh",  "sin",  "cos",  "floor", "ceil",
                                                  "sign", "expm1", "log1p", "relu", "sigmoid"};
    return names.count(name) > 0;
}

/// Whether `name` is `x_pre` (or `x_post`) for a variable x of the group on that side.
bool neuron_variable(std::string_view name, std::string_view suffix, const sema::GroupInfo& group) {
    if (name.size() <= suffix.size() || name.substr(name.size() - suffix.size()) != suffix) return false;
    std::string_view stem = name.substr(0, name.size() - suffix.size());
    return stem == "lastspike" || group.variables.find(stem) != nullptr;
}

/// What a trace's equation and increments may read: the same value in every synapse of a neuron.
struct NeuronLevel {
    const std::string& self;
    const sema::SynapsesInfo& synapses;
    const LowerContext& context;

    bool name(const std::string& n) const {
        if (n == self) return true;
        // synapse variables and the post neuron's (unsuffixed in synapse code) differ per synapse
        if (synapses.variables.find(n) || synapses.post->variables.find(n)) return false;
        if (neuron_variable(n, "_pre", *synapses.pre) || neuron_variable(n, "_post", *synapses.post)) return false;
        if (n == "dt" || n == "pi" || context.param_slots.count(n)) return true;
        return units::lookup_unit(n).has_value();
    }

    bool expr(const ast::Expr& e) const {
        switch (e.kind) {
        case ast::ExprKind::Number:
        case ast::ExprKind::Quantity:
        case ast::ExprKind::Bool: return true;
        case ast::ExprKind::Name: return name(e.text);
        case ast::ExprKind::Call: {
            const ast::Expr& callee = *e.children[0];
            if (callee.kind != ast::ExprKind::Name || !pure_math(callee.text) || context.functions.count(callee.text)) {
                return false;
            }
            return children(e, 1);
        }
        case ast::ExprKind::Unary:
        case ast::ExprKind::Binary:
        case ast::ExprKind::Compare:
        case ast::ExprKind::Logical:
        case ast::ExprKind::Not: return children(e, 0);
        default: return false;
        }
    }

    bool children(const ast::Expr& e, size_t first) const {
        for (size_t k = first; k < e.children.size(); ++k) {
            if (!e.children[k] || !expr(*e.children[k])) return false;
        }
        return true;
    }
};

bool mentions(const ast::Expr& e, const std::string& name) {
    if (e.kind == ast::ExprKind::Name && e.text == name) return true;
    for (const auto& c : e.children) {
        if (c && mentions(*c, name)) return true;
    }
    return false;
}

bool item_mentions(const ast::Item& item, const std::string& name) {
    for (const auto& e : item.exprs) {
        if (e && mentions(*e, name)) return true;
    }
    for (const auto* block : {&item.children, &item.else_children}) {
        for (const auto& child : *block) {
            if (item_mentions(child, name)) return true;
        }
    }
    for (const auto& eq : item.equations) {
        if (eq.rhs && mentions(*eq.rhs, name)) return true;
    }
    return false;
}

bool assigns(const ast::Item& item, const std::string& name) {
    return item.kind == ast::ItemKind::Assign && item.exprs[0]->kind == ast::ExprKind::Name && item.exprs[0]->text == name;
}

/// How the bodies of one synapses declaration use one event-driven variable.
struct Usage {
    bool by_pre = false;   ///< written in an on_pre clause
    bool by_post = false;  ///< written in an on_post clause
    bool allowed = true;   ///< nothing seen that needs a value per synapse
};

void scan_clause(const ast::Item& clause, const NeuronLevel& level, Usage& usage) {
    bool written = false;
    for (const auto& statement : clause.children) {
        if (assigns(statement, level.self)) {
            (clause.key == "on_pre" ? usage.by_pre : usage.by_post) = true;
            usage.allowed = usage.allowed && level.expr(*statement.exprs[1]);
            written = true;
        } else if (written && item_mentions(statement, level.self)) {
            usage.allowed = false;  // its synapses would read the value before the write
        }
    }
}

Usage usage_in(const Bodies& bodies, const NeuronLevel& level) {
    Usage usage;
    for (const auto* body : bodies) {
        for (const auto& item : *body) {
            if (assigns(item, level.self)) usage.allowed = false;  // a default value
            if (item.kind != ast::ItemKind::Clause) continue;
            if (item.key == "on_pre" || item.key == "on_post") {
                scan_clause(item, level, usage);
            } else if (item_mentions(item, level.self)) {
                usage.allowed = false;  // set by init:, or read by another clause
            }
        }
    }
    return usage;
}

/// Whether arguments args[first..] give both the object and its variable, as `state(S, x)` or
/// `snapshot(S, variable = x)` do.
bool gives_both(const std::vector<ast::ExprPtr>& args, size_t first, const std::string& object, const std::string& var) {
    bool has_object = false, has_var = false;
    for (size_t k = first; k < args.size(); ++k) {
        if (!args[k]) continue;
        const ast::Expr& a = *args[k];
        has_object = has_object || (a.kind == ast::ExprKind::Name && a.text == object);
        has_var = has_var || ((a.kind == ast::ExprKind::Name || a.kind == ast::ExprKind::String) && a.text == var);
    }
    return has_object && has_var;
}

/// Whether `e` names variable `var` of object `object`: `S.x`, or a call given both.
bool names_variable(const ast::Expr& e, const std::string& object, const std::string& var) {
    if (e.kind == ast::ExprKind::Member && e.text == var && e.children[0]->kind == ast::ExprKind::Name &&
        e.children[0]->text == object) {
        return true;
    }
    if (e.kind == ast::ExprKind::Call && gives_both(e.children, 1, object, var)) return true;
    for (const auto& c : e.children) {
        if (c && names_variable(*c, object, var)) return true;
    }
    return false;
}

bool item_names(const ast::Item& item, const std::string& object, const std::string& var) {
    for (const auto& e : item.exprs) {
        if (e && names_variable(*e, object, var)) return true;
    }
    for (const auto* block : {&item.children, &item.else_children}) {
        for (const auto& child : *block) {
            if (item_names(child, object, var)) return true;
        }
    }
    return false;
}

bool items_name(const std::vector<ast::Item>& items, const std::string& object, const std::string& var) {
    return std::any_of(items.begin(), items.end(), [&](const ast::Item& i) { return item_names(i, object, var); });
}

/// Whether anything outside the declaration of `synapses` names its variable `var`.
bool named_outside(const sema::SynapsesInfo& synapses, const std::string& var, const LowerContext& context) {
    const std::string& object = synapses.name;
    for (const auto& file : context.model.files) {
        for (const auto& top : file.items) {
            if (const auto* d = std::get_if<ast::InstanceDecl>(&top)) {
                if (d->name == object) continue;
                if (d->value && names_variable(*d->value, object, var)) return true;
                if (gives_both(d->args, 0, object, var)) return true;  // `monitor state(S, x)`
                for (const auto& a : d->args) {
                    if (a && names_variable(*a, object, var)) return true;
                }
                if (items_name(d->body, object, var)) return true;
            } else if (const auto* item = std::get_if<ast::Item>(&top)) {
                if (item_names(*item, object, var)) return true;
            } else if (const auto* s = std::get_if<ast::SettingDecl>(&top)) {
                if (items_name(s->items, object, var)) return true;
            } else if (const auto* f = std::get_if<ast::FunctionDecl>(&top)) {
                if (f->body && names_variable(*f->body, object, var)) return true;
            }
        }
    }
    return false;
}

bool delivered_next_step(const Bodies& bodies) {
    const ast::Expr* order = clause_expr(find_clause(bodies, "order"));
    return order && order->text == "next_step";
}

}  // namespace

std::vector<NeuronTrace> find_neuron_traces(const sema::SynapsesInfo& synapses, const Bodies& bodies,
                                            const LowerContext& context) {
    std::vector<NeuronTrace> out;
    if (context.model_trains() || delivered_next_step(bodies)) return out;
    bool delayed = find_clause(bodies, "delay") != nullptr;
    for (const auto& [name, var] : synapses.variables.by_name) {
        if (!var.has_flag("event-driven") || !var.equation || !var.equation->rhs) continue;
        NeuronLevel level{name, synapses, context};
        if (!level.expr(*var.equation->rhs)) continue;
        bool read_elsewhere = false;
        for (const auto& [other, v] : synapses.variables.by_name) {
            read_elsewhere = read_elsewhere || (other != name && v.equation && v.equation->rhs && mentions(*v.equation->rhs, name));
        }
        Usage usage = usage_in(bodies, level);
        if (read_elsewhere || !usage.allowed || usage.by_pre == usage.by_post) continue;
        if ((usage.by_pre && delayed) || named_outside(synapses, name, context)) continue;
        out.push_back({name, usage.by_pre, -1});
    }
    return out;
}

const NeuronTrace* assigned_trace(const ast::Item& statement, const std::vector<NeuronTrace>& traces) {
    for (const auto& t : traces) {
        if (assigns(statement, t.name)) return &t;
    }
    return nullptr;
}

rt::KernelCall build_trace_writes(const ast::Item& clause, bool from_pre, const std::vector<NeuronTrace>& traces,
                                  const std::string& owner, size_t root_size, LowerContext& context) {
    ElementScope scope;
    for (const auto& t : traces) {
        if (t.pre == from_pre) scope.arrays[t.name] = t.array;
    }
    if (scope.arrays.empty()) return {};
    KernelBuilder b = context.new_kernel(owner, clause.key + (clause.name.empty() ? "" : "_" + clause.name) + "_traces");
    for (const auto& statement : clause.children) {
        const NeuronTrace* t = assigned_trace(statement, traces);
        if (t && t->pre == from_pre) lower_statement(statement, b, scope, context, b.kernel.body);
    }
    if (b.kernel.body.empty()) return {};
    return context.finish(b, 0, root_size);
}

std::optional<rt::KernelCall> build_trace_step(const sema::SynapsesInfo& synapses, bool pre,
                                               const std::vector<NeuronTrace>& traces, size_t root_size,
                                               LowerContext& context) {
    sema::VariableTable table;
    ElementScope scope;
    for (const auto& t : traces) {
        if (t.pre != pre) continue;
        table.by_name.emplace(t.name, *synapses.variables.find(t.name));
        scope.arrays[t.name] = t.array;
    }
    if (table.by_name.empty()) return rt::KernelCall{};
    KernelBuilder b = context.new_kernel(synapses.name, pre ? "pre_traces" : "post_traces");
    equations::OdeSystem ode;
    std::vector<std::string> names;
    std::vector<bool> held;
    if (!build_ode(table, [](const sema::Variable&) { return true; }, b, scope, context, ode, names, held)) {
        return std::nullopt;
    }
    std::optional<std::vector<ir::Stmt>> step = exact_event_step(ode, names, synapses.decl, b, context);
    if (!step) return std::nullopt;
    b.kernel.body.insert(b.kernel.body.end(), step->begin(), step->end());
    return context.finish(b, 0, root_size);
}

}  // namespace nj::lower
