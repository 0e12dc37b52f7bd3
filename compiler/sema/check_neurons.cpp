// Neuron types, groups, subgroups and Poisson groups: variables, scopes, clauses, sizes.
#include "compiler/sema/check_neurons.h"

#include "compiler/sema/check_clauses.h"
#include "compiler/sema/check_equations.h"
#include "compiler/sema/check_trainable.h"
#include "compiler/support/did_you_mean.h"

namespace nj::sema {

using support::DiagCode;
using units::Dimension;

namespace {

const std::vector<ClauseSpec>& neuron_clauses() {
    static const std::vector<ClauseSpec> specs = {
        {"threshold", ClauseValue::Condition, false, {}},
        {"reset", ClauseValue::Statements, false, {}},
        {"refractory", ClauseValue::TimeOrCondition, false, {}},
        {"method", ClauseValue::Method, false, {}},
        {"event", ClauseValue::Condition, true, {}},
        {"on_event", ClauseValue::Statements, true, {}},
        {"dt", ClauseValue::Time, false, {}},
        {"init", ClauseValue::Statements, false, {}},
        {"trainable", ClauseValue::Custom, true, {}},
    };
    return specs;
}

bool has_clause(const std::vector<ast::Item>& body, std::string_view key) {
    for (const auto& item : body) {
        if (item.kind == ast::ItemKind::Clause && item.key == key) return true;
    }
    return false;
}

/// Checks the equations and clauses of `body` with the variables of `group` in scope.
void check_neuron_body(const std::vector<ast::Item>& body, const GroupInfo& group,
                       const std::string& owner, ModelContext& context) {
    Scope scope(&context.globals);
    define_variables(scope, group.variables);
    define_neuron_specials(scope, group.has_threshold);
    CodeContext code{scope, context.diags, nullptr, false, true, false, false, "in a neuron model"};
    check_equations(equations_of(body), code);
    auto custom = [&](const ast::Item& clause) { check_trainable_clause(clause, group.variables, code); };
    check_clauses(body, neuron_clauses(), code, owner, custom);
}

Symbol group_symbol(const GroupInfo& group) {
    Symbol s;
    s.kind = SymbolKind::Group;
    s.name = group.name;
    s.decl = group.decl;
    s.instance_kind = group.kind;
    s.group = &group;
    return s;
}

void register_group(GroupInfo info, ModelContext& context) {
    context.model.groups.push_back(std::move(info));
    GroupInfo& group = context.model.groups.back();
    Symbol s = group_symbol(group);
    s.type = ExprType::object_ref(nullptr);
    if (const Symbol* earlier = context.globals.define(s)) {
        context.diags.report(DiagCode::NamesDuplicate, group.decl,
                             "'" + group.name + "' is already defined")
            .label(earlier->decl, "first defined here");
        return;
    }
    context.globals.make_object(group.name);
}

/// The group size from a size expression; must be a dimensionless whole number.
std::optional<double> group_size(const ast::Expr& expr, ModelContext& context) {
    CodeContext code = context.global_context("in a group size");
    code.allow_random = false;
    ExprType t = check_expr(expr, code);
    if (t.is_poison()) return std::nullopt;
    if (!t.is_number() || !t.dim.is_dimensionless()) {
        context.diags.report(DiagCode::UnitsNotDimensionless, expr.range,
                             "a group size must be a dimensionless number, but this is " +
                                 describe_type(t));
        return std::nullopt;
    }
    if (!t.constant) return std::nullopt;
    double n = t.constant->number;
    if (n < 0 || n != static_cast<double>(static_cast<long long>(n))) {
        context.diags.report(DiagCode::ValueRange, expr.range,
                             "a group size must be a whole number >= 0, but it is " +
                                 format_value(*t.constant));
        return std::nullopt;
    }
    return n;
}

}  // namespace

void check_neuron_type(const ast::TypeDecl& type, ModelContext& context) {
    GroupInfo info;
    info.name = type.name;
    declare_body_equations(type.body, EquationOwner::Neuron, info.variables, context.diags);
    info.has_threshold = has_clause(type.body, "threshold");
    check_neuron_body(type.body, info, "neuron type '" + type.name + "'", context);
}

namespace {

const ast::TypeDecl* resolve_type(const ast::InstanceDecl& decl, ModelContext& context) {
    const ast::Expr& value = *decl.value;
    if (value.kind != ast::ExprKind::Call || value.children[0]->kind != ast::ExprKind::Name) {
        context.diags.report(DiagCode::TypeMismatch, value.range,
                             "expected a neuron type and a size, e.g. 'group E = LIF(100)'");
        return nullptr;
    }
    const std::string& name = value.children[0]->text;
    auto it = context.types.find(name);
    if (it != context.types.end() && it->second->kind == ast::TypeDecl::Kind::Neuron) {
        if (const Symbol* s = context.globals.find(name)) s->used = true;
        return it->second;
    }
    std::vector<std::string> names;
    for (const auto& [n, t] : context.types) {
        if (t->kind == ast::TypeDecl::Kind::Neuron) names.push_back(n);
    }
    auto b = context.diags.report(it == context.types.end() ? DiagCode::NamesUnknown
                                                             : DiagCode::NamesWrongKind,
                                  value.children[0]->range,
                                  it == context.types.end()
                                      ? "unknown neuron type '" + name + "'"
                                      : "'" + name + "' is a synapse type, not a neuron type");
    std::string help = support::did_you_mean_help(name, names);
    if (!help.empty()) b.help(help);
    return nullptr;
}

void check_subgroup(const ast::InstanceDecl& decl, const ast::Expr& value, ModelContext& context) {
    CodeContext code = context.global_context("in a subgroup");
    ExprType base = check_expr(value, code);  // a slice of a group is the group's object
    GroupInfo info;
    info.name = decl.name;
    info.kind = "group";
    info.decl = decl.name_range;
    if (base.kind == ExprType::Kind::Object && base.object && base.object->group) {
        const GroupInfo& parent = *base.object->group;
        info.parent = &parent;
        info.type_name = parent.type_name;
        info.variables = parent.variables;
        info.has_threshold = parent.has_threshold;
    } else if (!base.is_poison()) {
        context.diags.report(DiagCode::TypeMismatch, value.range,
                             "a subgroup is a slice of a group, e.g. 'E[0:800]'; this is " +
                                 describe_type(base));
    }
    register_group(std::move(info), context);
}

void check_poisson(const ast::InstanceDecl& decl, ModelContext& context) {
    GroupInfo info;
    info.name = decl.name;
    info.kind = "poisson";
    info.decl = decl.name_range;
    info.has_threshold = true;
    const ast::Expr* rate = nullptr;
    for (size_t k = 0; k < decl.args.size(); ++k) {
        const std::string& key = decl.arg_names[k];
        if (key.empty() && k == 0) info.size = group_size(*decl.args[k], context);
        else if (key == "rate" || (key.empty() && k == 1)) rate = decl.args[k].get();
        else {
            context.diags.report(DiagCode::CallUnknownArgument, decl.args[k]->range,
                                 "a Poisson group takes a size and 'rate = ...'");
        }
    }
    if (!rate) {
        context.diags.report(DiagCode::CallMissingArgument, decl.name_range,
                             "the Poisson group '" + decl.name + "' needs a 'rate = ...'");
    } else {
        Scope scope(&context.globals);
        define_neuron_specials(scope, false);
        CodeContext code{scope, context.diags, nullptr, false, true, false, false,
                         "in a Poisson rate"};
        check_expr_dimension(*rate, Dimension::hertz(), "the rate of '" + decl.name + "'", code);
    }
    if (decl.has_body) {
        context.diags.report(DiagCode::ClauseInvalid, decl.range,
                             "a Poisson group takes no body; give its rate as 'rate = ...'");
    }
    register_group(std::move(info), context);
}

}  // namespace

void check_group(const ast::InstanceDecl& decl, ModelContext& context) {
    if (decl.kind == "poisson") return check_poisson(decl, context);
    if (!decl.call_form && decl.value->kind == ast::ExprKind::Index) {
        return check_subgroup(decl, *decl.value, context);
    }
    GroupInfo info;
    info.name = decl.name;
    info.kind = "group";
    info.decl = decl.name_range;
    const ast::TypeDecl* type = nullptr;
    const std::vector<ast::ExprPtr>* args = &decl.args;
    const std::vector<std::string>* names = &decl.arg_names;
    if (!decl.call_form) {
        type = resolve_type(decl, context);
        if (!type) return register_group(std::move(info), context);
        args = &decl.value->children;  // children[0] is the type name
        names = &decl.value->arg_names;
    }
    size_t first = decl.call_form ? 0 : 1;
    if (args->size() != first + 1 || !(*names)[0].empty()) {
        context.diags.report(DiagCode::CallArity, decl.range,
                             "a group takes one argument, its size: '" + decl.name +
                                 (type ? " = " + type->name : std::string()) + "(100)'");
    } else {
        info.size = group_size(*(*args)[first], context);
    }
    if (type) {
        info.type_name = type->name;
        declare_body_equations(type->body, EquationOwner::Neuron, info.variables, context.diags);
        info.has_threshold = has_clause(type->body, "threshold");
    }
    declare_body_equations(decl.body, EquationOwner::Neuron, info.variables, context.diags);
    info.has_threshold = info.has_threshold || has_clause(decl.body, "threshold");
    register_group(std::move(info), context);
    check_neuron_body(decl.body, context.model.groups.back(), "group '" + decl.name + "'",
                      context);
}

}  // namespace nj::sema
