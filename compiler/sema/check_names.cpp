// Expression checking of names: symbols, synapse pre/post variables, units, noise, members, indices.
#include "compiler/sema/expr_checker.h"

#include "compiler/sema/builtins.h"
#include "compiler/support/did_you_mean.h"
#include "compiler/units/unit_table.h"

#include <cmath>

namespace nj::sema::detail {

using support::DiagCode;
using units::Dimension;

namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool is_noise_name(std::string_view name) {
    return name == "xi" || (name.size() > 3 && name.substr(0, 3) == "xi_");
}

ExprType variable_type(const Variable& var) {
    ExprType t = var.type;
    t.constant.reset();
    return t;
}

/// A variable of `group`, or one of the specials every spiking neuron has (Brian2's
/// `lastspike_pre`, `not_refractory_post`).
std::optional<ExprType> group_variable(const GroupInfo& group, std::string_view name) {
    if (const Variable* var = group.variables.find(name)) return variable_type(*var);
    if (group.has_threshold && name == "lastspike") return ExprType::number(Dimension::second());
    if (group.has_threshold && name == "not_refractory") return ExprType::boolean();
    return std::nullopt;
}

/// `v_pre`, `v_post`, or an unsuffixed post-synaptic name inside synapse code.
std::optional<ExprType> resolve_synaptic(std::string_view name, const CodeContext& context) {
    if (context.unbound_synapse) {
        if (ends_with(name, "_pre") || ends_with(name, "_post")) return ExprType::poison();
        return std::nullopt;
    }
    const SynapsesInfo* syn = context.synapses;
    if (!syn) return std::nullopt;
    for (auto [suffix, group] : {std::pair{std::string_view("_pre"), syn->pre},
                                 std::pair{std::string_view("_post"), syn->post}}) {
        if (!ends_with(name, suffix) || !group) continue;
        std::string_view base = name.substr(0, name.size() - suffix.size());
        if (auto t = group_variable(*group, base)) return t;
    }
    if (syn->post) return group_variable(*syn->post, name);
    return std::nullopt;
}

void report_unknown_name(const ast::Expr& expr, const CodeContext& context) {
    std::vector<std::string> names;
    context.scope.collect_names(names);
    if (context.synapses) {
        for (auto* g : {context.synapses->pre, context.synapses->post}) {
            if (!g) continue;
            for (const auto& [n, v] : g->variables.by_name) {
                names.push_back(n + (g == context.synapses->pre ? "_pre" : "_post"));
            }
        }
    }
    auto builder = context.diags.report(DiagCode::NamesUnknown, expr.range,
                                        "unknown name '" + expr.text + "'");
    std::string help = support::did_you_mean_help(expr.text, names);
    if (help.empty()) help = support::did_you_mean_help(expr.text, units::all_unit_names());
    if (!help.empty()) builder.help(help);
}

}  // namespace

ExprType check_quantity(const ast::Expr& expr, const CodeContext& context) {
    auto unit = units::lookup_unit(expr.text);
    if (!unit) {
        auto b = context.diags.report(DiagCode::UnitsUnknown, expr.range,
                                      "unknown unit '" + expr.text + "'");
        std::string help = support::did_you_mean_help(expr.text, units::all_unit_names());
        if (!help.empty()) b.help(help);
        return ExprType::poison();
    }
    double scale = std::pow(unit->scale, expr.exponent.to_double());
    return ExprType::of_value(Value::quantity(expr.number * scale, unit->dim.pow(expr.exponent)));
}

ExprType check_name(const ast::Expr& expr, const CodeContext& context) {
    const std::string& name = expr.text;
    if (const Symbol* symbol = context.scope.find(name)) {
        symbol->used = true;
        if (symbol->kind == SymbolKind::Variable && symbol->variable) {
            return variable_type(*symbol->variable);
        }
        if (symbol->kind == SymbolKind::Function || symbol->kind == SymbolKind::UserFunction) {
            context.diags.report(DiagCode::NamesWrongKind, expr.range,
                                 describe_symbol(*symbol) + " must be called, e.g. '" + name +
                                     "(x)'");
            return ExprType::poison();
        }
        return symbol->type;
    }
    if (auto t = resolve_synaptic(name, context)) return *t;
    if (is_noise_name(name)) {
        if (!context.allow_noise) {
            context.diags.report(DiagCode::TypeMismatch, expr.range,
                                 "the noise term '" + name +
                                     "' may only appear in a differential equation");
            return ExprType::poison();
        }
        return ExprType::number(Dimension::second().pow(units::Rational(-1, 2)));
    }
    if (auto unit = units::lookup_unit(name)) {
        return ExprType::of_value(Value::quantity(unit->scale, unit->dim));
    }
    if (find_function(name)) {
        context.diags.report(DiagCode::NamesWrongKind, expr.range,
                             "built-in function '" + name + "' must be called, e.g. '" + name +
                                 "(x)'");
        return ExprType::poison();
    }
    // Synapse code without its groups (a type no synapses use, or endpoints already reported
    // as wrong) cannot tell a misspelling from an unsuffixed post-synaptic variable.
    if (context.unbound_synapse) return ExprType::poison();
    report_unknown_name(expr, context);
    return ExprType::poison();
}

namespace {

const VariableTable* variables_of(const Symbol& symbol) {
    if (symbol.group) return &symbol.group->variables;
    if (symbol.synapses) return &symbol.synapses->variables;
    return nullptr;
}

}  // namespace

ExprType check_member(const ast::Expr& expr, const CodeContext& context) {
    ExprType base = check_expr(*expr.children[0], context);
    if (base.is_poison()) return base;
    if (base.kind != ExprType::Kind::Object || !base.object) {
        context.diags.report(DiagCode::TypeMismatch, expr.range,
                             "a " + describe_type(base) + " has no member '" + expr.text + "'");
        return ExprType::poison();
    }
    const Symbol& object = *base.object;
    const VariableTable* vars = variables_of(object);
    if (!vars) return ExprType::poison();  // monitors, tables, ...: members checked at run time
    if (expr.text == "N") return ExprType::number(Dimension::dimensionless(), true);
    if (const Variable* var = vars->find(expr.text)) return variable_type(*var);
    std::vector<std::string> names;
    for (const auto& [n, v] : vars->by_name) names.push_back(n);
    auto b = context.diags.report(DiagCode::NamesUnknown, expr.range,
                                  describe_symbol(object) + " has no variable '" + expr.text +
                                      "'");
    std::string help = support::did_you_mean_help(expr.text, names);
    if (!help.empty()) b.help(help);
    return ExprType::poison();
}

namespace {

bool check_index_item(const ast::Expr& item, const CodeContext& context) {
    if (item.kind == ast::ExprKind::Slice) {
        bool ok = true;
        for (const auto& bound : item.children) {
            if (bound) ok = check_index_item(*bound, context) && ok;
        }
        return ok;
    }
    ExprType t = check_expr(item, context);
    if (t.is_poison()) return false;
    if ((t.is_number() && t.dim.is_dimensionless()) || t.kind == ExprType::Kind::List) {
        return true;
    }
    context.diags.report(DiagCode::UnitsNotDimensionless, item.range,
                         "an index must be a dimensionless number, not " + describe_type(t));
    return false;
}

/// `values[k]`: the element's unit, and its value when both list and index are constant.
ExprType list_element(const ast::Expr& expr, const ExprType& list, const CodeContext& context) {
    ExprType element = ExprType::number(list.dim);
    if (expr.children.size() != 2 || expr.children[1]->kind == ast::ExprKind::Slice) {
        return expr.children.size() == 2 ? list : element;
    }
    ExprType index = check_expr(*expr.children[1], context);
    if (!list.constant || !index.constant) return element;
    const auto& items = list.constant->items;
    double k = index.constant->number;
    if (k < 0) k += static_cast<double>(items.size());  // Python's negative indices
    if (k < 0 || k >= static_cast<double>(items.size()) || k != static_cast<long long>(k)) {
        context.diags.report(DiagCode::ValueRange, expr.children[1]->range,
                             "index " + format_value(*index.constant) + " is outside the list of " +
                                 std::to_string(items.size()) + " elements");
        return ExprType::poison();
    }
    return ExprType::of_value(items[static_cast<size_t>(k)]);
}

}  // namespace

ExprType check_index(const ast::Expr& expr, const CodeContext& context) {
    ExprType base = check_expr(*expr.children[0], context);
    bool items_ok = true;
    for (size_t k = 1; k < expr.children.size(); ++k) {
        items_ok = check_index_item(*expr.children[k], context) && items_ok;
    }
    if (base.is_poison() || !items_ok) return ExprType::poison();
    switch (base.kind) {
    case ExprType::Kind::List: return list_element(expr, base, context);
    case ExprType::Kind::Number: {
        ExprType t = base;
        t.constant.reset();
        return t;
    }
    case ExprType::Kind::Object:
        if (base.object && base.object->kind == SymbolKind::Instance) {
            return ExprType::number(base.object->result_dim);
        }
        return base;  // a slice of a group is a subgroup
    default: break;
    }
    context.diags.report(DiagCode::TypeMismatch, expr.range,
                         "a " + describe_type(base) + " cannot be indexed");
    return ExprType::poison();
}

}  // namespace nj::sema::detail
