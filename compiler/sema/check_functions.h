// Checks user functions lazily, at their first call, so bodies may use anything declared.
//
// Requires: the function's symbol holds its declaration and argument units.
// Ensures:  the body is checked with its arguments in scope and its declared result unit
//           verified; a call with constant arguments is folded to a constant (so parameters
//           may be computed by functions); recursion is reported.
// Example:  `function sq(x) = x * x` then `let a = sq(3)` → a = 9.
#pragma once

#include "compiler/sema/check_expr.h"
#include "compiler/sema/model_context.h"

#include <vector>

namespace nj::sema {

/// The type of calling `fn` with arguments of `args` types (constant when all are).
ExprType call_user_function(const Symbol& fn, const std::vector<ExprType>& args,
                            SourceRange call_range, const CodeContext& context);

/// Checks the bodies of functions that were never called.
void check_uncalled_functions(ModelContext& context);

}  // namespace nj::sema
