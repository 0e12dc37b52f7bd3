// The shapes a loss may take (see check_loss.h).
#include "compiler/sema/check_loss.h"

#include "compiler/ir/ir.h"

#include <algorithm>

namespace nj::sema {

namespace {

using support::DiagCode;

bool is_reduction(const ast::Expr& e) {
    return e.kind == ast::ExprKind::Call && !e.children.empty() && e.children[0]->kind == ast::ExprKind::Name &&
           (e.children[0]->text == "sum" || e.children[0]->text == "mean" || e.children[0]->text == "batch_mean" ||
            e.children[0]->text == "cross_entropy");
}

bool contains_reduction(const ast::Expr& e) {
    return is_reduction(e) ||
           std::any_of(e.children.begin(), e.children.end(), [](const auto& c) { return c && contains_reduction(*c); });
}

/// One argument of a reduction: a numeric variable `G.v`.
ExprType reduced_variable(const ast::Expr& call, const ast::Expr* arg, const CodeContext& context) {
    const std::string& name = call.children[0]->text;
    if (!arg || arg->kind != ast::ExprKind::Member) {
        context.diags.report(DiagCode::TypeMismatch, arg ? arg->range : call.range,
                             "in a loss, '" + name + "' takes variables 'G.v' of a group or synapses object");
        return ExprType::poison();
    }
    ExprType t = check_expr(*arg, context);
    if (t.is_poison()) return t;
    if (!t.is_number()) {
        context.diags.report(DiagCode::TypeMismatch, arg->range,
                             "'" + name + "' needs a numeric variable, not " + describe_type(t));
        return ExprType::poison();
    }
    return t;
}

/// sum(G.v), mean(G.v) and batch_mean(G.v) in v's unit; cross_entropy(G.z, G.target[, G.trial]),
/// dimensionless.
ExprType reduction(const ast::Expr& call, const CodeContext& context) {
    const std::string& name = call.children[0]->text;
    size_t given = call.children.size() - 1;
    bool cross_entropy = name == "cross_entropy";
    if (given < (cross_entropy ? 2u : 1u) || given > (cross_entropy ? 3u : 1u)) {
        context.diags.report(DiagCode::TypeMismatch, call.range,
                             cross_entropy ? "'cross_entropy' takes the logits, the targets and optionally the "
                                             "trial of each element: cross_entropy(G.z, G.target, G.trial)"
                                           : "in a loss, '" + name + "' takes one variable 'G.v'");
        return ExprType::poison();
    }
    ExprType first = reduced_variable(call, call.children[1].get(), context);
    if (first.is_poison() || !cross_entropy) return first.is_poison() ? first : ExprType::number(first.dim);
    for (size_t k = 1; k <= given; ++k) {
        ExprType t = k == 1 ? first : reduced_variable(call, call.children[k].get(), context);
        if (t.is_poison()) return t;
        if (!t.dim.is_dimensionless()) {
            context.diags.report(DiagCode::UnitsMismatch, call.children[k]->range,
                                 "the arguments of 'cross_entropy' are dimensionless, but this is " + in_unit(t));
            return ExprType::poison();
        }
    }
    return ExprType::number(units::Dimension::dimensionless());
}

ExprType require_dimensionless(const ast::Expr& e, ExprType t, const std::string& what, const CodeContext& context) {
    if (t.is_poison() || t.dim.is_dimensionless()) return t;
    context.diags.report(DiagCode::UnitsMismatch, e.range, what + " must be dimensionless, but it is " + in_unit(t));
    return ExprType::poison();
}

}  // namespace

ExprType check_loss_expr(const ast::Expr& e, const CodeContext& context) {
    if (!contains_reduction(e)) return check_expr(e, context);
    if (is_reduction(e)) return reduction(e, context);
    if (e.kind == ast::ExprKind::Unary) return check_loss_expr(*e.children[0], context);
    if (e.kind == ast::ExprKind::Binary && (e.text == "+" || e.text == "-" || e.text == "*" || e.text == "/")) {
        ExprType a = check_loss_expr(*e.children[0], context);
        ExprType b = check_loss_expr(*e.children[1], context);
        if (a.is_poison() || b.is_poison()) return ExprType::poison();
        if (e.text == "*") return ExprType::number(a.dim * b.dim);
        if (e.text == "/") return ExprType::number(a.dim / b.dim);
        if (a.dim != b.dim) {
            context.diags.report(DiagCode::UnitsMismatch, e.range,
                                 "the terms of '" + e.text + "' in a loss must have one unit, but they are " +
                                     in_unit(a) + " and " + in_unit(b));
            return ExprType::poison();
        }
        return ExprType::number(a.dim);
    }
    if (e.kind == ast::ExprKind::Binary && e.text == "**") {
        ExprType base = check_loss_expr(*e.children[0], context);
        ExprType power = check_expr(*e.children[1], context);
        if (base.is_poison() || power.is_poison()) return ExprType::poison();
        if (!base.dim.is_dimensionless() && !(power.constant && power.constant->number == static_cast<int>(power.constant->number))) {
            context.diags.report(DiagCode::UnitsMismatch, e.children[1]->range,
                                 "a quantity with a unit needs a constant whole power");
            return ExprType::poison();
        }
        int p = power.constant ? static_cast<int>(power.constant->number) : 1;
        return ExprType::number(base.dim.pow(units::Rational(p)));
    }
    if (e.kind == ast::ExprKind::Call && e.children[0]->kind == ast::ExprKind::Name &&
        ir::call_arity(e.children[0]->text) == static_cast<int>(e.children.size() - 1)) {
        for (size_t k = 1; k < e.children.size(); ++k) {
            ExprType a = check_loss_expr(*e.children[k], context);
            if (require_dimensionless(*e.children[k], a, "the argument of '" + e.children[0]->text + "'", context)
                    .is_poison()) {
                return ExprType::poison();
            }
        }
        return ExprType::number(units::Dimension::dimensionless());
    }
    context.diags.report(DiagCode::TypeMismatch, e.range,
                         "a loss combines sum(G.v), mean(G.v), batch_mean(G.v) and cross_entropy(G.z, G.target) with + - * "
                         "/ ** and math "
                         "functions; a " +
                             std::string(ast::describe(e.kind)) + " around them is not supported");
    return ExprType::poison();
}

}  // namespace nj::sema
