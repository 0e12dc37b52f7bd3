// The optimiser settings of a trainable variable: `trainable w { bounds: 0 .. 1; lr: 1e-4 }`.
#pragma once

#include "compiler/sema/check_expr.h"
#include "compiler/sema/symbols.h"

namespace nj::sema {

/// Checks a `trainable NAME { bounds: low .. high; lr: rate }` clause of a neuron type, group or
/// synapses body: NAME is one of `variables` flagged `(trainable)`, the bounds are a range in its
/// unit and the learning rate is a dimensionless number.
void check_trainable_clause(const ast::Item& clause, const VariableTable& variables,
                            const CodeContext& code);

}  // namespace nj::sema
