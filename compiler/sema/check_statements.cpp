// Statement checking: writable targets, units of assigned values.
#include "compiler/sema/check_statements.h"

#include "compiler/sema/expr_checker.h"
#include "compiler/units/format_dimension.h"

namespace nj::sema {

using support::DiagCode;

namespace {

/// The type of an assignment target, or poison after reporting why it cannot be written.
ExprType check_target(const ast::Expr& target, const CodeContext& context, bool allow_globals) {
    if (target.kind == ast::ExprKind::Name) {
        if (const Symbol* s = context.scope.find(target.text)) {
            bool writable_variable = s->kind == SymbolKind::Variable && s->variable &&
                                     s->variable->role != Variable::Role::Subexpression;
            bool writable_global = allow_globals && s->kind == SymbolKind::Param;
            if (s->kind == SymbolKind::Variable && s->variable &&
                s->variable->role == Variable::Role::Subexpression) {
                context.diags.report(DiagCode::NamesWrongKind, target.range,
                                     "cannot assign to '" + target.text +
                                         "': it is a subexpression, computed from its equation");
                return ExprType::poison();
            }
            if (!writable_variable && !writable_global) {
                auto b = context.diags.report(DiagCode::NamesWrongKind, target.range,
                                              "cannot assign to " + describe_symbol(*s) + " " +
                                                  context.place);
                if (s->kind == SymbolKind::Param) {
                    b.help("change parameters in the protocol with 'set " + target.text + " = ...'");
                }
                return ExprType::poison();
            }
            s->used = true;
            return s->type.is_number() || s->type.is_boolean() ? s->type : s->type;
        }
    } else if (target.kind != ast::ExprKind::Member && target.kind != ast::ExprKind::Index) {
        context.diags.report(DiagCode::TypeMismatch, target.range,
                             "cannot assign to a " + std::string(ast::describe(target.kind)));
        return ExprType::poison();
    }
    ExprType t = check_expr(target, context);  // x_pre / x_post / G.v / S.w[k]
    t.constant.reset();
    return t;
}

}  // namespace

bool check_assignment(const ast::Item& item, const CodeContext& context, bool allow_globals) {
    const ast::Expr& target = *item.exprs[0];
    const ast::Expr& value = *item.exprs[1];
    ExprType tt = check_target(target, context, allow_globals);
    ExprType vt = check_expr(value, context);
    if (tt.is_poison() || vt.is_poison()) return false;
    std::string name(context.diags.sources().slice(target.range));
    if (item.op == ast::AssignOp::Mul || item.op == ast::AssignOp::Div) {
        if (!detail::require_number(vt, value, context, "a factor")) return false;
        if (!vt.dim.is_dimensionless()) {
            context.diags.report(DiagCode::UnitsMismatch, value.range,
                                 std::string("the factor after '") + ast::spelling(item.op) +
                                     "' must be dimensionless, but it is " + describe_type(vt));
            return false;
        }
        return true;
    }
    if (tt.is_boolean() || vt.is_boolean()) {
        if (tt.kind == vt.kind && item.op == ast::AssignOp::Set) return true;
        if (tt.is_number() && vt.is_boolean()) return true;  // true/false count as 1/0
    }
    if (tt.kind == vt.kind && tt.kind != ExprType::Kind::Number) return true;  // strings, lists
    if (!detail::require_number(vt, value, context, "the assigned value")) return false;
    if (tt.is_number() && tt.dim != vt.dim && !detail::is_unitless_zero(vt, value)) {
        std::string want = units::format_dimension(tt.dim);  // label under the target
        context.diags
            .report(DiagCode::UnitsMismatch, value.range,
                    "cannot assign " + value_phrase(vt) + " to '" + name +
                        "', which is " + in_unit(tt.dim))
            .label(target.range, want)
            .label(value.range, describe_type(vt));
        return false;
    }
    return true;
}

void check_statements(const std::vector<ast::Item>& items, const CodeContext& context,
                      const std::string& what, bool allow_globals) {
    for (const auto& item : items) {
        switch (item.kind) {
        case ast::ItemKind::Assign: check_assignment(item, context, allow_globals); break;
        case ast::ItemKind::ExprStmt: check_expr(*item.exprs[0], context); break;
        default:
            context.diags.report(DiagCode::ClauseInvalid, item.range,
                                 std::string("a ") + ast::describe(item.kind) +
                                     " cannot appear in " + what);
            break;
        }
    }
}

}  // namespace nj::sema
