// Expression checking of operators: arithmetic, powers, comparisons, logic; folds constants.
#include "compiler/sema/expr_checker.h"

#include "compiler/units/format_dimension.h"

#include <cmath>

namespace nj::sema::detail {

using support::DiagCode;
using units::Dimension;

namespace {

std::optional<double> constant_number(const ExprType& t) {
    if (t.constant && (t.constant->kind == Value::Kind::Number ||
                       t.constant->kind == Value::Kind::Boolean)) {
        return t.constant->number;
    }
    return std::nullopt;
}

ExprType folded(ExprType t, const ExprType& a, const ExprType& b, double (*op)(double, double)) {
    auto x = constant_number(a), y = constant_number(b);
    if (x && y) t.constant = Value::quantity(op(*x, *y), t.dim);
    return t;
}

/// Dimension shared by the operands of + - comparisons; a unitless zero adopts the other's.
std::optional<Dimension> common_dimension(const ast::Expr& lhs, const ExprType& lt,
                                          const ast::Expr& rhs, const ExprType& rt) {
    if (lt.dim == rt.dim) return lt.dim;
    if (is_unitless_zero(lt, lhs)) return rt.dim;
    if (is_unitless_zero(rt, rhs)) return lt.dim;
    return std::nullopt;
}

ExprType check_power(const ast::Expr& expr, const ExprType& base, const ExprType& power,
                     const CodeContext& context) {
    const ast::Expr& exponent = *expr.children[1];
    if (!power.dim.is_dimensionless()) {
        context.diags.report(DiagCode::UnitsPower, exponent.range,
                             "an exponent must be dimensionless, but this is " +
                                 describe_type(power));
        return ExprType::poison();
    }
    if (base.dim.is_dimensionless()) {
        return folded(ExprType::number(Dimension::dimensionless()), base, power,
                      [](double a, double b) { return std::pow(a, b); });
    }
    auto p = constant_number(power);
    auto rational = p ? units::rational_from_double(*p) : std::nullopt;
    if (!rational) {
        context.diags
            .report(DiagCode::UnitsPower, exponent.range,
                    "the exponent of a quantity in " + describe_type(base) +
                        " must be a constant number")
            .help("divide by the unit first, e.g. '(v / mV)**k'");
        return ExprType::poison();
    }
    return folded(ExprType::number(base.dim.pow(*rational)), base, power,
                  [](double a, double b) { return std::pow(a, b); });
}

ExprType check_additive(const ast::Expr& expr, const ExprType& lt, const ExprType& rt,
                        const CodeContext& context) {
    const auto& lhs = *expr.children[0];
    const auto& rhs = *expr.children[1];
    auto dim = common_dimension(lhs, lt, rhs, rt);
    if (!dim) {
        const char* verb = expr.text == "+" ? "add" : expr.text == "-" ? "subtract" : "divide";
        report_mismatch(context, expr, verb, lhs, lt, rhs, rt);
        return ExprType::poison();
    }
    ExprType t = ExprType::number(*dim, lt.integer && rt.integer);
    if (expr.text == "+") return folded(t, lt, rt, [](double a, double b) { return a + b; });
    if (expr.text == "-") return folded(t, lt, rt, [](double a, double b) { return a - b; });
    if (expr.text == "%") {
        return folded(t, lt, rt, [](double a, double b) { return std::fmod(a, b); });
    }
    t = ExprType::number(Dimension::dimensionless(), true);  // floor division
    return folded(t, lt, rt, [](double a, double b) { return std::floor(a / b); });
}

ExprType check_binary(const ast::Expr& expr, const CodeContext& context) {
    ExprType lt = check_expr(*expr.children[0], context);
    ExprType rt = check_expr(*expr.children[1], context);
    if (lt.is_poison() || rt.is_poison()) return ExprType::poison();
    if (!require_number(lt, *expr.children[0], context, "an operand") ||
        !require_number(rt, *expr.children[1], context, "an operand")) {
        return ExprType::poison();
    }
    const std::string& op = expr.text;
    if (op == "**") return check_power(expr, lt, rt, context);
    if (op == "*" || op == "@") {
        return folded(ExprType::number(lt.dim * rt.dim, lt.integer && rt.integer), lt, rt,
                      [](double a, double b) { return a * b; });
    }
    if (op == "/") {
        return folded(ExprType::number(lt.dim / rt.dim), lt, rt,
                      [](double a, double b) { return a / b; });
    }
    return check_additive(expr, lt, rt, context);
}

ExprType check_compare(const ast::Expr& expr, const CodeContext& context) {
    ExprType lt = check_expr(*expr.children[0], context);
    ExprType rt = check_expr(*expr.children[1], context);
    if (lt.is_poison() || rt.is_poison()) return ExprType::poison();
    bool both_bool = lt.is_boolean() && rt.is_boolean();
    bool both_string = lt.kind == ExprType::Kind::String && rt.kind == ExprType::Kind::String;
    if (!both_bool && !both_string) {
        if (!require_number(lt, *expr.children[0], context, "a compared value") ||
            !require_number(rt, *expr.children[1], context, "a compared value")) {
            return ExprType::poison();
        }
        if (!common_dimension(*expr.children[0], lt, *expr.children[1], rt)) {
            report_mismatch(context, expr, "compare", *expr.children[0], lt, *expr.children[1],
                            rt);
            return ExprType::poison();
        }
    }
    ExprType result = ExprType::boolean();
    auto x = constant_number(lt), y = constant_number(rt);
    if (x && y) {
        const std::string& op = expr.text;
        bool v = op == "<" ? *x < *y : op == "<=" ? *x <= *y : op == ">" ? *x > *y
               : op == ">=" ? *x >= *y : op == "==" ? *x == *y : *x != *y;
        result.constant = Value::boolean(v);
    }
    return result;
}

ExprType require_condition(const ast::Expr& operand, const CodeContext& context) {
    return check_condition(operand, "an operand of 'and', 'or' and 'not'", context);
}

}  // namespace

ExprType check_operator(const ast::Expr& expr, const CodeContext& context) {
    switch (expr.kind) {
    case ast::ExprKind::Binary: return check_binary(expr, context);
    case ast::ExprKind::Compare: return check_compare(expr, context);
    case ast::ExprKind::Not: {
        ExprType t = require_condition(*expr.children[0], context);
        if (t.is_poison()) return t;
        ExprType result = ExprType::boolean();
        if (t.constant) result.constant = Value::boolean(t.constant->number == 0);
        return result;
    }
    case ast::ExprKind::Logical: {
        ExprType a = require_condition(*expr.children[0], context);
        ExprType b = require_condition(*expr.children[1], context);
        if (a.is_poison() || b.is_poison()) return ExprType::poison();
        ExprType result = ExprType::boolean();
        if (a.constant && b.constant) {
            bool x = a.constant->number != 0, y = b.constant->number != 0;
            result.constant = Value::boolean(expr.text == "and" ? x && y : x || y);
        }
        return result;
    }
    default: break;
    }
    ExprType t = check_expr(*expr.children[0], context);  // unary + or -
    if (t.is_poison() || !require_number(t, *expr.children[0], context, "an operand")) {
        return ExprType::poison();
    }
    ExprType result = ExprType::number(t.dim, t.integer);
    if (auto x = constant_number(t)) {
        result.constant = Value::quantity(expr.text == "-" ? -*x : *x, t.dim);
    }
    return result;
}

}  // namespace nj::sema::detail
