// Equation blocks: variable declaration, flag rules, unit consistency, subexpression cycles.
#include "compiler/sema/check_equations.h"

#include "compiler/sema/resolve_unit_spec.h"
#include "compiler/support/did_you_mean.h"
#include "compiler/units/format_dimension.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace nj::sema {

using support::DiagCode;
using units::Dimension;
using Kind = ast::Equation::Kind;

namespace {

const std::vector<std::string>& known_flags() {
    static const std::vector<std::string> flags = {
        "unless refractory", "constant", "shared", "constant over dt", "linked",
        "summed", "event-driven", "clock-driven", "trainable"};
    return flags;
}

bool flag_allowed(const std::string& flag, Kind kind, EquationOwner owner) {
    bool synapse = owner == EquationOwner::Synapse;
    switch (kind) {
    case Kind::Differential:
        return flag == "unless refractory" ? !synapse
               : (flag == "event-driven" || flag == "clock-driven") ? synapse
                                                                     : false;
    case Kind::Subexpression:
        return flag == "shared" || flag == "constant over dt" || (flag == "summed" && synapse);
    case Kind::Parameter:
        return flag == "constant" || flag == "shared" || flag == "linked" || flag == "trainable";
    }
    return false;
}

const char* kind_words(Kind kind) {
    switch (kind) {
    case Kind::Differential: return "a differential equation";
    case Kind::Subexpression: return "a subexpression";
    case Kind::Parameter: return "a parameter";
    }
    return "";
}

std::vector<std::string> check_flags(const ast::Equation& eq, EquationOwner owner,
                                     support::DiagnosticEngine& diags) {
    std::vector<std::string> accepted;
    for (const auto& flag : eq.flags) {
        const auto& known = known_flags();
        if (std::find(known.begin(), known.end(), flag.text) == known.end()) {
            auto b = diags.report(DiagCode::EquationsFlagUnknown, flag.range,
                                  "unknown flag '" + flag.text + "'");
            std::string help = support::did_you_mean_help(flag.text, known);
            if (!help.empty()) b.help(help);
            continue;
        }
        if (!flag_allowed(flag.text, eq.kind, owner)) {
            diags.report(DiagCode::EquationsFlagInvalid, flag.range,
                         "the flag '" + flag.text + "' is not allowed on " + kind_words(eq.kind) +
                             (owner == EquationOwner::Synapse ? " of synapses" : " of neurons"));
            continue;
        }
        if (std::find(accepted.begin(), accepted.end(), flag.text) != accepted.end()) {
            diags.report(DiagCode::EquationsFlagConflict, flag.range,
                         "the flag '" + flag.text + "' is given twice");
            continue;
        }
        accepted.push_back(flag.text);
    }
    auto has = [&](const char* f) {
        return std::find(accepted.begin(), accepted.end(), f) != accepted.end();
    };
    if (has("event-driven") && has("clock-driven")) {
        diags.report(DiagCode::EquationsFlagConflict, eq.range,
                     "an equation cannot be both event-driven and clock-driven");
    }
    return accepted;
}

bool is_reserved(const std::string& name) {
    static const std::set<std::string> reserved = {
        "t", "dt", "i", "j", "N", "xi", "lastspike", "not_refractory", "N_pre", "N_post",
        "N_incoming", "N_outgoing", "lastupdate"};
    return reserved.count(name) > 0 || name.rfind("xi_", 0) == 0;
}

}  // namespace

void declare_equations(const std::vector<ast::Equation>& equations, EquationOwner owner,
                       VariableTable& vars, support::DiagnosticEngine& diags) {
    for (const auto& eq : equations) {
        if (is_reserved(eq.name)) {
            diags.report(DiagCode::NamesReserved, eq.name_range,
                         "'" + eq.name + "' is a built-in name and cannot be a variable");
            continue;
        }
        if (const Variable* earlier = vars.find(eq.name)) {
            diags.report(DiagCode::EquationsDuplicateVariable, eq.name_range,
                         "the variable '" + eq.name + "' is defined twice")
                .label(earlier->decl, "first defined here");
            continue;
        }
        Variable var;
        var.name = eq.name;
        var.decl = eq.name_range;
        var.equation = &eq;
        var.role = eq.kind == Kind::Differential   ? Variable::Role::State
                   : eq.kind == Kind::Subexpression ? Variable::Role::Subexpression
                                                    : Variable::Role::Parameter;
        var.type = resolve_unit_spec(eq.unit, diags, true);
        if (eq.kind == Kind::Differential && var.type.is_boolean()) {
            diags.report(DiagCode::TypeMismatch, eq.unit.range,
                         "a differential equation cannot have the unit 'boolean'");
            var.type = ExprType::poison();
        }
        var.flags = check_flags(eq, owner, diags);
        vars.by_name.emplace(eq.name, std::move(var));
    }
}

namespace {

void collect_names(const ast::Expr& expr, std::set<std::string>& names) {
    if (expr.kind == ast::ExprKind::Name) names.insert(expr.text);
    for (const auto& child : expr.children) {
        if (child) collect_names(*child, names);
    }
}

void check_rhs(const ast::Equation& eq, const Variable* var, const CodeContext& context) {
    CodeContext code = context;
    code.allow_noise = eq.kind == Kind::Differential;
    code.place = "in an equation";
    ExprType rhs = check_expr(*eq.rhs, code);
    if (rhs.is_poison() || !var || var->type.is_poison()) return;
    if (var->type.is_boolean()) {
        if (!rhs.is_boolean()) {
            context.diags.report(DiagCode::UnitsEquation, eq.rhs->range,
                                 "'" + eq.name + "' is declared boolean, but its expression is " +
                                     describe_type(rhs));
        }
        return;
    }
    Dimension want = eq.kind == Kind::Differential ? var->type.dim / Dimension::second()
                                                   : var->type.dim;
    if (rhs.is_number() && (rhs.dim == want || (rhs.constant && rhs.constant->number == 0 &&
                                                 rhs.dim.is_dimensionless()))) {
        return;
    }
    std::string want_text = units::format_dimension(want);
    std::string what = eq.kind == Kind::Differential
                           ? "the right side of 'd" + eq.name + "/dt' must be in " + want_text +
                                 " (the unit of '" + eq.name + "' per second)"
                           : "'" + eq.name + "' is declared in " + want_text;
    context.diags
        .report(DiagCode::UnitsEquation, eq.rhs->range, what + ", but it is " + describe_type(rhs))
        .label(eq.rhs->range, describe_type(rhs))
        .label(eq.unit.range, units::format_dimension(var->type.dim));
}

void report_cycles(const std::vector<const ast::Equation*>& equations,
                   const CodeContext& context) {
    std::map<std::string, const ast::Equation*> subexpressions;
    for (const auto* eq : equations) {
        if (eq->kind == Kind::Subexpression) subexpressions[eq->name] = eq;
    }
    std::map<std::string, int> state;  // 0 new, 1 on stack, 2 done
    std::vector<std::string> stack;
    std::function<void(const std::string&)> visit = [&](const std::string& name) {
        state[name] = 1;
        stack.push_back(name);
        std::set<std::string> deps;
        collect_names(*subexpressions[name]->rhs, deps);
        for (const auto& dep : deps) {
            if (!subexpressions.count(dep)) continue;
            if (state[dep] == 1) {
                std::string path;
                auto it = std::find(stack.begin(), stack.end(), dep);
                for (; it != stack.end(); ++it) path += "'" + *it + "' → ";
                context.diags.report(DiagCode::EquationsCycle, subexpressions[dep]->range,
                                     "subexpressions depend on each other: " + path + "'" + dep +
                                         "'");
            } else if (state[dep] == 0) {
                visit(dep);
            }
        }
        stack.pop_back();
        state[name] = 2;
    };
    for (const auto& [name, eq] : subexpressions) {
        if (state[name] == 0) visit(name);
    }
}

}  // namespace

void check_equations(const std::vector<const ast::Equation*>& equations,
                     const CodeContext& context) {
    for (const auto* eq : equations) {
        if (!eq->rhs) continue;
        const Symbol* symbol = context.scope.find(eq->name);
        const Variable* var = symbol ? symbol->variable : nullptr;
        check_rhs(*eq, var, context);
    }
    report_cycles(equations, context);
}

void declare_body_equations(const std::vector<ast::Item>& body, EquationOwner owner,
                            VariableTable& vars, support::DiagnosticEngine& diags) {
    for (const auto& item : body) {
        if (item.kind == ast::ItemKind::Equations) declare_equations(item.equations, owner, vars, diags);
    }
}

std::vector<const ast::Equation*> equations_of(const std::vector<ast::Item>& body) {
    std::vector<const ast::Equation*> eqs;
    for (const auto& item : body) {
        if (item.kind != ast::ItemKind::Equations) continue;
        for (const auto& eq : item.equations) eqs.push_back(&eq);
    }
    return eqs;
}

void define_variables(Scope& scope, const VariableTable& vars) {
    for (const auto& [name, var] : vars.by_name) {
        Symbol s;
        s.kind = SymbolKind::Variable;
        s.name = name;
        s.decl = var.decl;
        s.type = var.type;
        s.variable = &var;
        s.used = true;
        scope.redefine(s);
    }
}

namespace {

void define_special(Scope& scope, const char* name, ExprType type) {
    Symbol s;
    s.kind = SymbolKind::Special;
    s.name = name;
    s.type = type;
    s.used = true;
    scope.redefine(s);
}

}  // namespace

void define_neuron_specials(Scope& scope, bool spiking) {
    define_special(scope, "t", ExprType::number(Dimension::second()));
    define_special(scope, "dt", ExprType::number(Dimension::second()));
    define_special(scope, "i", ExprType::number(Dimension::dimensionless(), true));
    define_special(scope, "N", ExprType::number(Dimension::dimensionless(), true));
    if (spiking) {
        define_special(scope, "lastspike", ExprType::number(Dimension::second()));
        define_special(scope, "not_refractory", ExprType::boolean());
    }
}

void define_synapse_specials(Scope& scope) {
    define_special(scope, "t", ExprType::number(Dimension::second()));
    define_special(scope, "dt", ExprType::number(Dimension::second()));
    define_special(scope, "lastupdate", ExprType::number(Dimension::second()));
    for (const char* name : {"i", "j", "N", "N_pre", "N_post", "N_incoming", "N_outgoing"}) {
        define_special(scope, name, ExprType::number(Dimension::dimensionless(), true));
    }
}

}  // namespace nj::sema
