// Checks a `connect:` clause: Brian2's conditions, probabilities, generators and fixed degrees.
//
// Requires: the context is synapse code (i, j, N_pre, N_post and pre/post variables).
// Ensures:  each item is a condition or a known `key = value` with the right unit; generator
//           expressions appear only as the value of `j` (or `i`).
// Example:  `connect: i != j, p = 0.1` ok; `connect: p = 10 ms` → units.not_dimensionless.
#pragma once

#include "compiler/parse/ast.h"
#include "compiler/sema/check_expr.h"

namespace nj::sema {

/// Checks the items of one connect clause.
void check_connect(const ast::Item& clause, const CodeContext& context);

}  // namespace nj::sema
