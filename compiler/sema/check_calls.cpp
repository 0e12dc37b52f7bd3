// Expression checking of calls: built-in functions, user functions, tables and derivatives phi'(x).
#include "compiler/sema/expr_checker.h"

#include "compiler/sema/builtins.h"
#include "compiler/sema/check_functions.h"
#include "compiler/support/did_you_mean.h"
#include "compiler/units/format_dimension.h"

#include <algorithm>

namespace nj::sema::detail {

using support::DiagCode;
using units::Dimension;

namespace {

struct CallArgs {
    std::vector<const ast::Expr*> exprs;
    std::vector<ExprType> types;
    bool ok = true;
};

/// Checks the arguments (not the callee). Keywords other than `allowed` are reported.
CallArgs check_args(const ast::Expr& call, const std::string& callee,
                    const std::vector<std::string>& allowed, const CodeContext& context) {
    CallArgs args;
    for (size_t k = 1; k < call.children.size(); ++k) {
        const ast::Expr& arg = *call.children[k];
        const std::string& keyword = call.arg_names[k - 1];
        if (!keyword.empty() && std::find(allowed.begin(), allowed.end(), keyword) == allowed.end()) {
            auto b = context.diags.report(DiagCode::CallUnknownArgument, arg.range,
                                          "'" + callee + "' has no argument named '" + keyword + "'");
            std::string help = support::did_you_mean_help(keyword, allowed);
            if (!help.empty()) b.help(help);
            args.ok = false;
        }
        ExprType t = check_expr(arg, context);
        if (t.is_poison()) args.ok = false;
        args.exprs.push_back(&arg);
        args.types.push_back(t);
    }
    return args;
}

bool check_arity(const ast::Expr& call, const std::string& name, size_t count, int lo, int hi,
                 const CodeContext& context) {
    if (static_cast<int>(count) >= lo && static_cast<int>(count) <= hi) return true;
    std::string expected = lo == hi ? std::to_string(lo)
                                    : std::to_string(lo) + " to " + std::to_string(hi);
    context.diags.report(DiagCode::CallArity, call.range,
                         "'" + name + "' takes " + expected + " argument" +
                             (hi == 1 ? "" : "s") + ", but " + std::to_string(count) +
                             (count == 1 ? " was" : " were") + " given");
    return false;
}

bool require_dimensionless(const CallArgs& args, const std::string& name,
                           const CodeContext& context) {
    for (size_t k = 0; k < args.types.size(); ++k) {
        const ExprType& t = args.types[k];
        if (!require_number(t, *args.exprs[k], context, "an argument")) return false;
        if (!t.dim.is_dimensionless()) {
            context.diags
                .report(DiagCode::UnitsNotDimensionless, args.exprs[k]->range,
                        "the argument of '" + name + "' must be dimensionless, but it is " +
                            describe_type(t))
                .label(args.exprs[k]->range, describe_type(t))
                .help("divide by a unit or a scale, e.g. '" + name + "(v / mV)'");
            return false;
        }
    }
    return true;
}

/// All arguments in `from..` share one dimension (unitless zeros adapt); returns it.
std::optional<Dimension> require_same(const CallArgs& args, size_t from, const std::string& name,
                                      const ast::Expr& call, const CodeContext& context) {
    std::optional<Dimension> dim;
    size_t first = from;
    for (size_t k = from; k < args.types.size(); ++k) {
        const ExprType& t = args.types[k];
        if (!require_number(t, *args.exprs[k], context, "an argument")) return std::nullopt;
        if (is_unitless_zero(t, *args.exprs[k])) continue;
        if (!dim) {
            dim = t.dim;
            first = k;
        } else if (*dim != t.dim) {
            report_mismatch(context, call, ("mix in '" + name + "'").c_str(), *args.exprs[first],
                            args.types[first], *args.exprs[k], t);
            return std::nullopt;
        }
    }
    return dim.value_or(Dimension::dimensionless());
}

ExprType fold(ExprType result, const std::string& name, const CallArgs& args) {
    std::vector<double> values;
    for (const auto& t : args.types) {
        // booleans fold as 0 and 1, as in int(flag)
        if (!t.constant || (t.constant->kind != Value::Kind::Number && t.constant->kind != Value::Kind::Boolean)) {
            return result;
        }
        values.push_back(t.constant->number);
    }
    if (auto v = fold_function(name, values)) result.constant = Value::quantity(*v, result.dim);
    return result;
}

ExprType check_where(const ast::Expr& call, const CallArgs& args, const CodeContext& context) {
    const ExprType& cond = args.types[0];
    if (!cond.is_boolean() && !(cond.is_number() && cond.dim.is_dimensionless())) {
        context.diags.report(DiagCode::TypeMismatch, args.exprs[0]->range,
                             "the first argument of 'where' must be a condition, but it is " +
                                 describe_type(cond));
        return ExprType::poison();
    }
    const ExprType& a = args.types[1];
    const ExprType& b = args.types[2];
    if (a.is_boolean() && b.is_boolean()) {
        ExprType result = ExprType::boolean();
        if (cond.constant) result.constant = cond.constant->number != 0 ? a.constant : b.constant;
        return result;
    }
    auto dim = require_same(args, 1, "where", call, context);
    if (!dim) return ExprType::poison();
    ExprType result = ExprType::number(*dim, a.integer && b.integer);
    if (cond.constant) {
        const auto& chosen = cond.constant->number != 0 ? a.constant : b.constant;
        if (chosen) result.constant = Value::quantity(chosen->number, *dim);
    }
    return result;
}

ExprType check_list_function(const BuiltinFunction& fn, const CallArgs& args,
                             const CodeContext& context) {
    const ExprType& list = args.types[0];
    if (list.kind != ExprType::Kind::List) {
        context.diags.report(DiagCode::TypeMismatch, args.exprs[0]->range,
                             "'" + fn.name + "' takes a list, not " + describe_type(list));
        return ExprType::poison();
    }
    bool length = fn.rule == DimRule::Length;
    ExprType result = length ? ExprType::number(Dimension::dimensionless(), true)
                             : ExprType::number(list.dim);
    if (list.constant) {
        double total = 0;
        for (const auto& item : list.constant->items) total += item.number;
        double n = static_cast<double>(list.constant->items.size());
        result.constant = Value::quantity(length ? n : total, result.dim);
    }
    return result;
}

ExprType apply_rule(const ast::Expr& call, const BuiltinFunction& fn, const CallArgs& args,
                    const CodeContext& context) {
    switch (fn.rule) {
    case DimRule::Dimensionless:
        if (!require_dimensionless(args, fn.name, context)) return ExprType::poison();
        return fold(ExprType::number(Dimension::dimensionless()), fn.name, args);
    case DimRule::Random:
        if (!context.allow_random) {
            context.diags.report(DiagCode::TypeMismatch, call.range,
                                 "random numbers ('" + fn.name + "') are not allowed " +
                                     context.place);
            return ExprType::poison();
        }
        return ExprType::number(Dimension::dimensionless());
    case DimRule::Sqrt:
        if (!require_number(args.types[0], *args.exprs[0], context, "an argument")) break;
        return fold(ExprType::number(args.types[0].dim.sqrt()), fn.name, args);
    case DimRule::First:
        if (!require_number(args.types[0], *args.exprs[0], context, "an argument")) break;
        return fold(ExprType::number(args.types[0].dim), fn.name, args);
    case DimRule::Unitless:
    case DimRule::Power:
        return fold(ExprType::number(Dimension::dimensionless()), fn.name, args);
    case DimRule::Same:
    case DimRule::Bool: {
        auto dim = require_same(args, 0, fn.name, call, context);
        if (!dim) break;
        if (fn.rule == DimRule::Bool) return ExprType::boolean();
        if (fn.name == "uniform" || fn.name == "normal") return ExprType::number(*dim);
        return fold(ExprType::number(*dim), fn.name, args);
    }
    case DimRule::Where: return check_where(call, args, context);
    case DimRule::Length:
    case DimRule::Sum: return check_list_function(fn, args, context);
    }
    return ExprType::poison();
}

/// rows_of(T), cols_of(T) or max_of(T) of a table whose shape the driver loaded already.
std::optional<double> known_table_shape(const BuiltinFunction& fn, const CallArgs& args) {
    if (fn.name != "rows_of" && fn.name != "cols_of" && fn.name != "max_of") return std::nullopt;
    const Symbol* table = args.types.size() == 1 ? args.types[0].object : nullptr;
    if (!table || !table->table_shape) return std::nullopt;
    const TableShape& shape = *table->table_shape;
    return fn.name == "rows_of" ? shape.rows : fn.name == "cols_of" ? shape.cols : shape.max;
}

ExprType check_builtin(const ast::Expr& call, const BuiltinFunction& fn,
                       const CodeContext& context) {
    static const std::vector<std::string> sample_keywords = {"p", "size"};
    const auto& allowed = fn.name == "sample" ? sample_keywords : std::vector<std::string>{};
    CallArgs args = check_args(call, fn.name, allowed, context);
    if (!check_arity(call, fn.name, args.exprs.size(), fn.min_args, fn.max_args, context) ||
        !args.ok) {
        return ExprType::poison();
    }
    if ((fn.name == "range" || fn.name == "sample") && !context.allow_generator) {
        context.diags.report(DiagCode::TypeMismatch, call.range,
                             "'" + fn.name + "' may only be used in a connect clause");
        return ExprType::poison();
    }
    ExprType result = apply_rule(call, fn, args, context);
    if (auto shape = known_table_shape(fn, args); shape && !result.is_poison()) {
        result.constant = Value::quantity(*shape, result.dim);
        result.integer = fn.name != "max_of";
    }
    if (!result.is_poison() && !result.constant) {
        std::vector<Value> values;
        for (const auto& t : args.types) {
            if (!t.constant) return result;
            values.push_back(*t.constant);
        }
        if (auto v = fold_list_function(fn.name, values)) {
            result.constant = Value::quantity(*v, result.dim);
        }
    }
    return result;
}

ExprType check_user_function(const ast::Expr& call, const Symbol& fn, const CodeContext& context) {
    CallArgs args = check_args(call, fn.name, {}, context);
    const auto& formals = fn.function->formals;
    int n = static_cast<int>(formals.size());
    if (!check_arity(call, fn.name, args.exprs.size(), n, n, context) || !args.ok) {
        return ExprType::poison();
    }
    for (size_t k = 0; k < formals.size(); ++k) {
        const ExprType& t = args.types[k];
        if (!require_number(t, *args.exprs[k], context, "an argument")) return ExprType::poison();
        const Dimension& want = fn.formal_dims[k];
        if (t.dim != want && !is_unitless_zero(t, *args.exprs[k])) {
            context.diags
                .report(DiagCode::UnitsArgument, args.exprs[k]->range,
                        "argument '" + formals[k].name + "' of '" + fn.name + "' must be in " +
                            units::format_dimension(want) + ", but this is " + describe_type(t))
                .label(formals[k].range, "declared here");
            return ExprType::poison();
        }
    }
    return call_user_function(fn, args.types, call.range, context);
}

}  // namespace

ExprType check_call(const ast::Expr& expr, const CodeContext& context) {
    const ast::Expr* callee = expr.children[0].get();
    bool derivative = expr.kind == ast::ExprKind::Prime;
    if (derivative) {
        context.diags.report(DiagCode::TypeMismatch, expr.range,
                             "a derivative like \"f'\" must be called, e.g. \"f'(x)\"");
        return ExprType::poison();
    }
    if (callee->kind == ast::ExprKind::Prime) {
        derivative = true;
        callee = callee->children[0].get();
    }
    if (callee->kind != ast::ExprKind::Name) {
        context.diags.report(DiagCode::TypeMismatch, callee->range,
                             "only functions can be called; this is a " +
                                 std::string(ast::describe(callee->kind)));
        return ExprType::poison();
    }
    const std::string& name = callee->text;
    const Symbol* symbol = context.scope.find(name);
    if (symbol) symbol->used = true;
    if (symbol && symbol->kind == SymbolKind::UserFunction) {
        ExprType t = check_user_function(expr, *symbol, context);
        if (derivative && !t.is_poison()) t = ExprType::number(Dimension::dimensionless());
        return t;
    }
    if (symbol && symbol->kind == SymbolKind::Instance && symbol->instance_kind == "table") {
        CallArgs args = check_args(expr, name, {}, context);
        return args.ok ? ExprType::number(symbol->result_dim) : ExprType::poison();
    }
    if (!symbol || symbol->kind == SymbolKind::Function) {
        if (const BuiltinFunction* fn = find_function(name)) {
            ExprType t = check_builtin(expr, *fn, context);
            if (derivative && !t.is_poison() && fn->rule != DimRule::Dimensionless &&
                fn->rule != DimRule::First) {
                context.diags.report(DiagCode::TypeMismatch, expr.range,
                                     "'" + name + "' has no derivative");
                return ExprType::poison();
            }
            // f'(x) of a unit-preserving or dimensionless function is dimensionless
            return derivative && !t.is_poison() ? ExprType::number(Dimension::dimensionless()) : t;
        }
    }
    if (symbol) {
        context.diags.report(DiagCode::NamesWrongKind, callee->range,
                             describe_symbol(*symbol) + " is not a function");
        return ExprType::poison();
    }
    std::vector<std::string> names = function_names();
    context.scope.collect_names(names);
    auto b = context.diags.report(DiagCode::NamesUnknown, callee->range,
                                  "unknown function '" + name + "'");
    std::string help = support::did_you_mean_help(name, names);
    if (!help.empty()) b.help(help);
    return ExprType::poison();
}

}  // namespace nj::sema::detail
