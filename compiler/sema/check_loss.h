// Checks the expression of `loss NAME = expr`: numbers, parameters and math functions around
// reductions `sum(G.v)`, `mean(G.v)` and `cross_entropy(G.z, G.target[, G.trial])` of a group's
// or synapses object's variables at the end of a forward pass (lower_training.h lowers the same
// shapes).
#pragma once

#include "compiler/sema/check_expr.h"

namespace nj::sema {

/// The loss's type (a number in the unit its terms give), or poison after a reported error.
ExprType check_loss_expr(const ast::Expr& expr, const CodeContext& context);

}  // namespace nj::sema
