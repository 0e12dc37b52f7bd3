// Turns a written unit (`volt/second`, `1`, `boolean`) into a dimension or a boolean/integer type.
//
// Requires: nothing (units are global names).
// Ensures:  unknown units are reported once with a suggestion; the result is poison then.
// Example:  `siemens/metre**2` → metre**-4 * kilogram**-1 * second**3 * amp**2.
#pragma once

#include "compiler/parse/ast.h"
#include "compiler/sema/expr_type.h"
#include "compiler/support/diagnostic_engine.h"

namespace nj::sema {

/// The type a unit specification stands for: a number of some dimension, or a boolean
/// (`boolean`), or an integer number (`integer`).
/// With `base_units_only` (equations, as in Brian2) scaled units like `mV` are refused.
ExprType resolve_unit_spec(const ast::UnitSpec& spec, support::DiagnosticEngine& diags,
                          bool base_units_only);

}  // namespace nj::sema
