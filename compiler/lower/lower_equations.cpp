// Clauses, methods and differential equations shared by groups and synapses.
#include "compiler/lower/lower_equations.h"

#include "compiler/equations/cannot_integrate.h"
#include "compiler/equations/choose_method.h"
#include "compiler/equations/integrate.h"
#include "compiler/ir/passes/depends_on.h"
#include "compiler/ir/passes/differentiate.h"
#include "compiler/ir/passes/simplify.h"
#include "compiler/ir/passes/substitute.h"
#include "compiler/lower/lower_expr.h"

#include <set>

namespace nj::lower {

const ast::Item* find_clause(const Bodies& bodies, std::string_view key) {
    const ast::Item* found = nullptr;
    for (const auto* body : bodies) {
        for (const auto& item : *body) {
            if (item.kind == ast::ItemKind::Clause && item.key == key) found = &item;
        }
    }
    return found;
}

const ast::Expr* clause_expr(const ast::Item* clause) {
    if (!clause || clause->children.size() != 1 || clause->children[0].kind != ast::ItemKind::ExprStmt) {
        return nullptr;
    }
    return clause->children[0].exprs[0].get();
}

std::optional<equations::Method> method_of(const Bodies& bodies, const equations::OdeSystem& ode,
                                           LowerContext& context) {
    const ast::Expr* m = clause_expr(find_clause(bodies, "method"));
    if (!m) {
        for (const auto& file : context.model.files) {
            for (const auto& item : file.items) {
                const auto* s = std::get_if<ast::SettingDecl>(&item);
                if (s && s->key == "method" && !s->items.empty()) m = s->items[0].exprs[0].get();
            }
        }
    }
    if (!m) return equations::choose_method(ode);
    return equations::method_from_name(m->text);
}

namespace {

/// The array slot xi reads while an equation is split into drift and noise; never a real slot.
constexpr int kNoisePlaceholder = 1 << 30;

void collect_names(const ast::Expr& e, std::set<std::string>& out) {
    if (e.kind == ast::ExprKind::Name) out.insert(e.text);
    for (const auto& c : e.children) {
        if (c) collect_names(*c, out);
    }
}

}  // namespace

bool build_ode(const sema::VariableTable& variables,
               const std::function<bool(const sema::Variable&)>& include, KernelBuilder& b,
               const ElementScope& scope, LowerContext& context, equations::OdeSystem& ode,
               std::vector<std::string>& names, std::vector<bool>& held) {
    // Subexpressions `(constant over dt)` are evaluated once, on the state at the start of the
    // step, into locals: the integrator sees them as constants (so `exact` may still apply).
    Bindings held_values;
    for (const auto& [name, var] : variables.by_name) {
        if (var.role != sema::Variable::Role::Subexpression || !var.equation || !var.has_flag("constant over dt")) continue;
        ir::ExprRef value = as_number(lower_expr(*var.equation->rhs, b, scope, {}, context));
        if (!value) return false;
        int slot = b.kernel.locals++;
        b.kernel.body.push_back(ir::set_local(slot, value));
        held_values[name] = ir::local(slot);
    }
    for (const auto& [name, var] : variables.by_name) {
        if (var.role != sema::Variable::Role::State || !var.equation || !include(var)) continue;
        int array = scope.arrays.at(name);
        std::set<std::string> used;
        collect_names(*var.equation->rhs, used);
        // Every xi of the equation reads a placeholder array; the equation is linear in it, so
        // its derivative is the noise term and the equation at xi = 0 the drift. Taking the
        // derivative (rather than rhs(1) - rhs(0)) keeps `-x/tau + s*xi` additive: s, not an
        // expression that still mentions x.
        Bindings noise_names;
        for (const auto& u : used) {
            if (u == "xi" || u.rfind("xi_", 0) == 0) noise_names[u] = ir::load(kNoisePlaceholder);
        }
        Bindings bound = held_values;
        bound.insert(noise_names.begin(), noise_names.end());
        ir::ExprRef rhs = as_number(lower_expr(*var.equation->rhs, b, scope, bound, context));
        if (!rhs) return false;
        ir::ExprRef drift = noise_names.empty() ? rhs : ir::simplify(ir::substitute(rhs, {{kNoisePlaceholder, ir::constant(0)}}));
        ir::ExprRef noise = noise_names.empty() ? nullptr : ir::differentiate(rhs, kNoisePlaceholder);
        if (noise_names.size() && (!noise || ir::depends_on(noise, kNoisePlaceholder))) {
            context.unsupported(var.equation->rhs->range, "noise that does not enter the equation linearly");
            return false;
        }
        ode.states.push_back(b.slot_for(array, context.plan.arrays[static_cast<size_t>(array)].name));
        ode.drift.push_back(drift);
        ode.noise.push_back(noise);
        names.push_back(name);
        held.push_back(var.has_flag("unless refractory"));
    }
    return true;
}

void lower_init_statements(const Bodies& bodies, KernelBuilder& b, const ElementScope& scope, LowerContext& context) {
    for (const auto* body : bodies) {
        for (const auto& item : *body) {
            if (item.kind == ast::ItemKind::Assign) lower_statement(item, b, scope, context, b.kernel.body);
        }
    }
    for (const auto* body : bodies) {
        for (const auto& item : *body) {
            if (item.kind == ast::ItemKind::Clause && item.key == "init") {
                lower_statements(item.children, b, scope, context, b.kernel.body);
            }
        }
    }
}

std::optional<std::vector<ir::Stmt>> exact_event_step(const equations::OdeSystem& ode, const std::vector<std::string>& names,
                                                      support::SourceRange where, KernelBuilder& b, LowerContext& context) {
    // exact over any interval: Brian2 solves event-driven equations the same way
    std::string why = equations::cannot_integrate(equations::Method::Exact, ode, names);
    if (!why.empty()) {
        context.diags.report(support::DiagCode::MethodUnsupported, where,
                             "event-driven equations are solved exactly at each event, but " + why);
        context.failed = true;
        return std::nullopt;
    }
    int used = 0;
    std::vector<ir::Stmt> step = equations::integrate(equations::Method::Exact, ode, b.kernel.locals, &used);
    b.kernel.locals += used;
    return step;
}

std::optional<std::vector<ir::Stmt>> integrate_step(const Bodies& bodies, const equations::OdeSystem& ode,
                                                    const std::vector<std::string>& names,
                                                    support::SourceRange where, KernelBuilder& b,
                                                    LowerContext& context) {
    auto method = method_of(bodies, ode, context);
    std::string why = method ? equations::cannot_integrate(*method, ode, names) : "unknown method";
    if (!why.empty()) {
        const ast::Item* clause = find_clause(bodies, "method");
        context.diags.report(support::DiagCode::MethodUnsupported, clause ? clause->range : where, why);
        context.failed = true;
        return std::nullopt;
    }
    int used = 0;
    std::vector<ir::Stmt> step = equations::integrate(*method, ode, b.kernel.locals, &used);
    b.kernel.locals += used;
    return step;
}

}  // namespace nj::lower
