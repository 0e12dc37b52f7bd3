// Internal interface between the files that check expressions (names, operators, calls).
#pragma once

#include "compiler/sema/check_expr.h"

namespace nj::sema::detail {

/// A quantity literal such as `20 ms`.
ExprType check_quantity(const ast::Expr& expr, const CodeContext& context);
/// A name used as a value: parameters, variables, specials, units, noise.
ExprType check_name(const ast::Expr& expr, const CodeContext& context);
/// `a + b`, `a * b`, `a ** b`, comparisons, logic, unary minus.
ExprType check_operator(const ast::Expr& expr, const CodeContext& context);
/// `f(args)`: built-ins, user functions, tables, derivatives `phi'(x)`.
ExprType check_call(const ast::Expr& expr, const CodeContext& context);
/// `obj.member` and `x[index]`.
ExprType check_member(const ast::Expr& expr, const CodeContext& context);
ExprType check_index(const ast::Expr& expr, const CodeContext& context);

/// True for a plain zero without a unit, which is allowed where any unit is expected.
bool is_unitless_zero(const ExprType& type, const ast::Expr& expr);

/// Reports that two operands disagree in dimension, with a label under each side.
void report_mismatch(const CodeContext& context, const ast::Expr& whole, const char* verb,
                     const ast::Expr& lhs, const ExprType& lt, const ast::Expr& rhs,
                     const ExprType& rt);

/// Requires a number (booleans count as 0/1); reports type.mismatch otherwise.
bool require_number(const ExprType& type, const ast::Expr& expr, const CodeContext& context,
                    const char* role);

}  // namespace nj::sema::detail
