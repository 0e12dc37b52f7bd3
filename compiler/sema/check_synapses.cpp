// Synapse types and synapses objects: endpoints, variables, pathways, summed variables, clauses.
#include "compiler/sema/check_synapses.h"

#include "compiler/sema/check_clauses.h"
#include "compiler/sema/check_connect.h"
#include "compiler/sema/check_equations.h"
#include "compiler/sema/check_statements.h"
#include "compiler/sema/check_trainable.h"
#include "compiler/support/did_you_mean.h"
#include "compiler/units/format_dimension.h"

namespace nj::sema {

using support::DiagCode;
using units::Dimension;

namespace {

const std::vector<ClauseSpec>& synapse_clauses() {
    static const std::vector<ClauseSpec> specs = {
        {"on_pre", ClauseValue::Custom, false, {}},
        {"on_post", ClauseValue::Custom, false, {}},
        {"on_event", ClauseValue::Statements, true, {}},
        {"delay", ClauseValue::Custom, false, {}},
        {"connect", ClauseValue::Custom, false, {}},
        {"init", ClauseValue::Statements, false, {}},
        {"method", ClauseValue::Method, false, {}},
        {"storage", ClauseValue::Word, false, {"sparse", "dense"}},
        {"order", ClauseValue::Word, false, {"same_step", "next_step"}},
        {"dt", ClauseValue::Time, false, {}},
        {"trainable", ClauseValue::Custom, true, {}},
    };
    return specs;
}

/// Checks a summed variable `x_post = ... (summed)` against its target in the post group.
void check_summed(const Variable& var, const SynapsesInfo& syn, support::DiagnosticEngine& diags) {
    std::string_view name = var.name;
    const GroupInfo* group = nullptr;
    std::string_view base;
    for (auto [suffix, g] : {std::pair{std::string_view("_post"), syn.post},
                             std::pair{std::string_view("_pre"), syn.pre}}) {
        if (name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix) {
            group = g;
            base = name.substr(0, name.size() - suffix.size());
        }
    }
    if (!group) {
        diags.report(DiagCode::EquationsFlagInvalid, var.decl,
                     "a summed variable must name its target with '_post' or '_pre', e.g. '" +
                         var.name + "_post'");
        return;
    }
    const Variable* target = group->variables.find(base);
    if (!target) {
        diags.report(DiagCode::NamesUnknown, var.decl,
                     "group '" + group->name + "' has no variable '" + std::string(base) +
                         "' to sum into");
        return;
    }
    if (target->role != Variable::Role::Parameter) {
        diags.report(DiagCode::EquationsFlagInvalid, var.decl,
                     "the target of a summed variable must be a parameter of '" + group->name +
                         "' (declared as '" + std::string(base) + " : unit'), not an equation")
            .label(target->decl, "declared here");
        return;
    }
    if (!var.type.is_poison() && !target->type.is_poison() && var.type.dim != target->type.dim) {
        diags.report(DiagCode::UnitsMismatch, var.decl,
                     "'" + var.name + "' is in " + units::format_dimension(var.type.dim) +
                         ", but its target '" + std::string(base) + "' is in " +
                         units::format_dimension(target->type.dim))
            .label(target->decl, units::format_dimension(target->type.dim));
    }
}

/// Checks all code of a synapses object (type body and instance body) in one scope.
void check_synapse_code(const std::vector<const std::vector<ast::Item>*>& bodies,
                        SynapsesInfo& syn, bool unbound, const std::string& owner,
                        ModelContext& context) {
    Scope scope(&context.globals);
    define_variables(scope, syn.variables);
    define_synapse_specials(scope);
    CodeContext code{scope, context.diags, unbound ? nullptr : &syn, unbound, true, false, false,
                     "in synapse code"};
    for (const auto* body : bodies) check_equations(equations_of(*body), code);
    if (!unbound) {
        for (const auto& [name, var] : syn.variables.by_name) {
            if (var.has_flag("summed")) check_summed(var, syn, context.diags);
        }
    }
    auto custom = [&](const ast::Item& clause) {
        if (clause.key == "on_pre" || clause.key == "on_post") {
            syn.pathways.push_back(clause.key + (clause.name.empty() ? "" : " " + clause.name));
            check_statements(clause.children, code, "the " + clause.key + " pathway");
        } else if (clause.key == "delay") {
            if (const ast::Expr* e = single_expression(clause, context.diags)) {
                check_expr_dimension(*e, Dimension::second(), "a delay", code);
            }
        } else if (clause.key == "connect") {
            check_connect(clause, code);
        } else if (clause.key == "trainable") {
            check_trainable_clause(clause, syn.variables, code);
        }
    };
    for (const auto* body : bodies) check_clauses(*body, synapse_clauses(), code, owner, custom);
}

const GroupInfo* resolve_endpoint(const ast::Expr& expr, ModelContext& context) {
    CodeContext code = context.global_context("in a pathway");
    ExprType t = check_expr(expr, code);
    if (t.kind == ExprType::Kind::Object && t.object && t.object->group) return t.object->group;
    if (!t.is_poison()) {
        context.diags.report(DiagCode::TypeMismatch, expr.range,
                             "synapses connect groups, but this is " + describe_type(t));
    }
    return nullptr;
}

}  // namespace

void check_synapse_type(const ast::TypeDecl& type, ModelContext& context) {
    SynapsesInfo syn;
    syn.name = type.name;
    declare_body_equations(type.body, EquationOwner::Synapse, syn.variables, context.diags);
    check_synapse_code({&type.body}, syn, true, "synapse type '" + type.name + "'", context);
}

namespace {

/// Finds the type (if any) and the `pre -> post` argument of a synapses declaration.
const ast::Expr* parse_target(const ast::InstanceDecl& decl, const ast::TypeDecl** type,
                              ModelContext& context) {
    const std::vector<ast::ExprPtr>* args = &decl.args;
    size_t first = 0;
    if (!decl.call_form) {
        const ast::Expr& value = *decl.value;
        if (value.kind != ast::ExprKind::Call || value.children[0]->kind != ast::ExprKind::Name) {
            context.diags.report(DiagCode::TypeMismatch, value.range,
                                 "expected a synapse type and a pathway, e.g. 'STDP(E -> I)'");
            return nullptr;
        }
        const std::string& name = value.children[0]->text;
        auto it = context.types.find(name);
        if (it == context.types.end() || it->second->kind != ast::TypeDecl::Kind::Synapse) {
            std::vector<std::string> names;
            for (const auto& [n, t] : context.types) {
                if (t->kind == ast::TypeDecl::Kind::Synapse) names.push_back(n);
            }
            auto b = context.diags.report(DiagCode::NamesUnknown, value.children[0]->range,
                                          "unknown synapse type '" + name + "'");
            std::string help = support::did_you_mean_help(name, names);
            if (!help.empty()) b.help(help);
        } else {
            *type = it->second;
            if (const Symbol* s = context.globals.find(name)) s->used = true;
        }
        args = &value.children;
        first = 1;
    }
    if (args->size() != first + 1 || (*args)[first]->kind != ast::ExprKind::Pathway) {
        context.diags.report(DiagCode::CallArity, decl.range,
                             "synapses take one pathway argument, e.g. '(E -> I)'");
        return nullptr;
    }
    return (*args)[first].get();
}

}  // namespace

void check_synapses(const ast::InstanceDecl& decl, ModelContext& context) {
    const ast::TypeDecl* type = nullptr;
    const ast::Expr* pathway = parse_target(decl, &type, context);
    context.model.synapses.emplace_back();
    SynapsesInfo& syn = context.model.synapses.back();
    syn.name = decl.name;
    syn.decl = decl.name_range;
    if (pathway) {
        syn.pre = resolve_endpoint(*pathway->children[0], context);
        syn.post = resolve_endpoint(*pathway->children[1], context);
    }
    std::vector<const std::vector<ast::Item>*> bodies;
    if (type) {
        syn.type_name = type->name;
        declare_body_equations(type->body, EquationOwner::Synapse, syn.variables, context.diags);
        bodies.push_back(&type->body);
    }
    declare_body_equations(decl.body, EquationOwner::Synapse, syn.variables, context.diags);
    bodies.push_back(&decl.body);
    Symbol s;
    s.kind = SymbolKind::Synapses;
    s.name = decl.name;
    s.decl = decl.name_range;
    s.instance_kind = "synapses";
    s.synapses = &syn;
    if (const Symbol* earlier = context.globals.define(s)) {
        context.diags.report(DiagCode::NamesDuplicate, decl.name_range,
                             "'" + decl.name + "' is already defined")
            .label(earlier->decl, "first defined here");
    } else {
        context.globals.make_object(decl.name);
    }
    bool unbound = !syn.pre || !syn.post;
    check_synapse_code(bodies, syn, unbound, "synapses '" + decl.name + "'", context);
}

}  // namespace nj::sema
