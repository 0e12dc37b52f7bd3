// Lowers checked expressions and statements to kernel IR.
//
// Requires: the model checked without errors (every name resolves, every unit agrees).
// Ensures:  quantities become SI constants, parameters runtime loads, group variables array
//           loads, subexpressions and user functions are inlined, random calls get distinct
//           draw numbers; constructs the runtime cannot run yet are reported (run.unsupported)
//           and yield null.
// Example:  `(El - v) / tau_m` in group E → ((El - E.v[i]) / tau_m).
#pragma once

#include "compiler/lower/lower_context.h"

namespace nj::lower {

/// Lowers `expr` (F64, or Bool for conditions); null after an unsupported construct.
ir::ExprRef lower_expr(const ast::Expr& expr, KernelBuilder& builder, const ElementScope& scope,
                       const Bindings& bindings, LowerContext& context);

/// A condition as Bool (numbers compare != 0).
ir::ExprRef as_condition(ir::ExprRef e);
/// A value as F64 (booleans become 1 or 0).
ir::ExprRef as_number(ir::ExprRef e);

/// Lowers one assignment or expression statement into `out`; false after an unsupported one.
bool lower_statement(const ast::Item& item, KernelBuilder& builder, const ElementScope& scope,
                     LowerContext& context, std::vector<ir::Stmt>& out);

/// Lowers every statement of `items` into `out`; false after an unsupported one.
bool lower_statements(const std::vector<ast::Item>& items, KernelBuilder& builder,
                      const ElementScope& scope, LowerContext& context, std::vector<ir::Stmt>& out);

}  // namespace nj::lower
