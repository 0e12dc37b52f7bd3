// Expression checking: dispatch by node kind, literals, lists, ranges, generators and helpers.
#include "compiler/sema/check_expr.h"

#include "compiler/sema/expr_checker.h"
#include "compiler/units/format_dimension.h"

namespace nj::sema {

using support::DiagCode;
using units::Dimension;

namespace detail {

bool is_unitless_zero(const ExprType& type, const ast::Expr& expr) {
    (void)expr;
    return type.is_number() && type.dim.is_dimensionless() && type.constant &&
           type.constant->kind == Value::Kind::Number && type.constant->number == 0.0;
}

namespace {

/// The operator between two operands (`+` in `a + b`), so the caret points at it; the whole
/// expression when the operands are not side by side (function arguments).
support::SourceRange operator_range(const ast::Expr& whole, const ast::Expr& lhs,
                                    const ast::Expr& rhs, const CodeContext& context) {
    support::SourceRange r{whole.range.file, lhs.range.end, rhs.range.begin};
    if (lhs.range.file != whole.range.file || rhs.range.file != whole.range.file ||
        r.begin >= r.end || whole.kind == ast::ExprKind::Call) {
        return whole.range;
    }
    std::string_view text = context.diags.sources().slice(r);
    size_t first = text.find_first_not_of(" \t\r\n");
    size_t last = text.find_last_not_of(" \t\r\n");
    if (first == std::string_view::npos) return whole.range;
    return {r.file, r.begin + static_cast<uint32_t>(first),
            r.begin + static_cast<uint32_t>(last) + 1};
}

}  // namespace

void report_mismatch(const CodeContext& context, const ast::Expr& whole, const char* verb,
                     const ast::Expr& lhs, const ExprType& lt, const ast::Expr& rhs,
                     const ExprType& rt) {
    std::string left = describe_type(lt), right = describe_type(rt);
    context.diags
        .report(std::string_view(verb) == "compare" ? DiagCode::UnitsComparison
                                                    : DiagCode::UnitsMismatch,
                operator_range(whole, lhs, rhs, context), std::string("cannot ") + verb + " " + left + " and " + right)
        .label(lhs.range, left)
        .label(rhs.range, right)
        .help("both sides must have the same unit");
}

bool require_number(const ExprType& type, const ast::Expr& expr, const CodeContext& context,
                    const char* role) {
    if (type.is_poison() || type.is_number() || type.is_boolean()) return !type.is_poison();
    context.diags.report(DiagCode::TypeMismatch, expr.range,
                         std::string(role) + " must be a number, not a " + describe_type(type));
    return false;
}

}  // namespace detail

namespace {

ExprType check_list(const ast::Expr& expr, const CodeContext& context) {
    std::vector<ExprType> types;
    for (const auto& item : expr.children) {
        types.push_back(check_expr(*item, context));
        if (types.back().is_poison()) return ExprType::poison();
    }
    // The first element that is not a unitless zero sets the kind and unit; zeros adapt to it.
    size_t lead = 0;
    while (lead + 1 < types.size() && detail::is_unitless_zero(types[lead], *expr.children[lead])) {
        ++lead;
    }
    std::vector<Value> values;
    bool all_constant = true;
    for (size_t k = 0; k < types.size(); ++k) {
        const ExprType& t = types[k];
        const ExprType& first = types[lead];
        bool zero = detail::is_unitless_zero(t, *expr.children[k]);
        if (t.kind != first.kind || (t.is_number() && t.dim != first.dim && !zero)) {
            context.diags
                .report(DiagCode::UnitsMismatch, expr.children[k]->range,
                        "list elements must share one unit: this one is " + describe_type(t) +
                            ", the first is " + describe_type(first))
                .label(expr.children[lead]->range, describe_type(first));
            return ExprType::poison();
        }
        if (!t.constant) {
            all_constant = false;
            continue;
        }
        values.push_back(*t.constant);
        if (zero) values.back().dim = first.dim;
    }
    ExprType result =
        ExprType::list(types.empty() ? Dimension::dimensionless() : types[lead].dim);
    if (all_constant) result.constant = Value::list(std::move(values));
    return result;
}

ExprType check_range(const ast::Expr& expr, const CodeContext& context) {
    ExprType lo = check_expr(*expr.children[0], context);
    ExprType hi = check_expr(*expr.children[1], context);
    if (lo.is_poison() || hi.is_poison()) return ExprType::poison();
    if (!detail::require_number(lo, *expr.children[0], context, "the start of a range") ||
        !detail::require_number(hi, *expr.children[1], context, "the end of a range")) {
        return ExprType::poison();
    }
    if (lo.dim != hi.dim && !detail::is_unitless_zero(lo, *expr.children[0])) {
        detail::report_mismatch(context, expr, "make a range from", *expr.children[0], lo,
                                *expr.children[1], hi);
        return ExprType::poison();
    }
    ExprType result = ExprType::list(hi.dim);
    if (lo.constant && hi.constant) {
        result.constant = Value::list({*lo.constant, *hi.constant});
    }
    return result;
}

ExprType check_generator(const ast::Expr& expr, const CodeContext& context) {
    if (!context.allow_generator) {
        context.diags.report(DiagCode::TypeMismatch, expr.range,
                             "a generator expression ('... for k in ...') is only allowed in "
                             "a connect clause");
        return ExprType::poison();
    }
    ExprType iterable = check_expr(*expr.children[1], context);
    Scope loop_scope(&context.scope);
    Symbol var;
    var.kind = SymbolKind::LoopVariable;
    var.name = expr.text;
    var.decl = expr.range;
    var.type = ExprType::number(Dimension::dimensionless(), true);
    var.used = true;
    loop_scope.define(var);
    CodeContext body{loop_scope, context.diags, context.synapses, context.unbound_synapse,
                     context.allow_random, false, false, context.place};
    if (expr.children.size() > 2 && expr.children[2]) {
        check_condition(*expr.children[2], "the condition of a generator", body);
    }
    ExprType element = check_expr(*expr.children[0], body);
    if (iterable.is_poison() || element.is_poison()) return ExprType::poison();
    return ExprType::list(element.dim);
}

}  // namespace

ExprType check_expr(const ast::Expr& expr, const CodeContext& context) {
    switch (expr.kind) {
    case ast::ExprKind::Number:
        return ExprType::of_value(Value::quantity(expr.number, Dimension::dimensionless()));
    case ast::ExprKind::Quantity: return detail::check_quantity(expr, context);
    case ast::ExprKind::String: return ExprType::of_value(Value::string(expr.text));
    case ast::ExprKind::Bool: return ExprType::of_value(Value::boolean(expr.number != 0));
    case ast::ExprKind::Name: return detail::check_name(expr, context);
    case ast::ExprKind::Call:
    case ast::ExprKind::Prime: return detail::check_call(expr, context);
    case ast::ExprKind::Index: return detail::check_index(expr, context);
    case ast::ExprKind::Member: return detail::check_member(expr, context);
    case ast::ExprKind::Unary:
    case ast::ExprKind::Binary:
    case ast::ExprKind::Compare:
    case ast::ExprKind::Logical:
    case ast::ExprKind::Not: return detail::check_operator(expr, context);
    case ast::ExprKind::List: return check_list(expr, context);
    case ast::ExprKind::Range: return check_range(expr, context);
    case ast::ExprKind::Generator: return check_generator(expr, context);
    case ast::ExprKind::Slice:
    case ast::ExprKind::Pathway: break;
    }
    context.diags.report(DiagCode::TypeMismatch, expr.range,
                         std::string("a ") + ast::describe(expr.kind) +
                             " is not allowed " + context.place);
    return ExprType::poison();
}

ExprType check_expr_dimension(const ast::Expr& expr, const Dimension& expected,
                              const std::string& what, const CodeContext& context) {
    ExprType t = check_expr(expr, context);
    if (t.is_poison()) return t;
    if (!detail::require_number(t, expr, context, what.c_str())) return ExprType::poison();
    if (t.dim != expected && !detail::is_unitless_zero(t, expr)) {
        std::string got = describe_type(t);
        context.diags
            .report(DiagCode::UnitsMismatch, expr.range,
                    what + " must be " + in_unit(expected) + ", but this is " + got)
            .label(expr.range, got);
        return ExprType::poison();
    }
    return t;
}

ExprType check_condition(const ast::Expr& expr, const std::string& what,
                         const CodeContext& context) {
    ExprType t = check_expr(expr, context);
    if (t.is_poison() || t.is_boolean()) return t;
    context.diags
        .report(DiagCode::TypeMismatch, expr.range,
                what + " must be a condition (true or false), but this is " + describe_type(t))
        .help("write a comparison, e.g. 'v > v_th'");
    return ExprType::poison();
}

}  // namespace nj::sema
