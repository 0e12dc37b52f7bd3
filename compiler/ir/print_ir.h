// Prints kernel IR as stable text, for `neurojit ir` and for tests of passes.
//
// Example:
//   kernel E_update (state_update) arrays [v, I] params [tau, El]
//     v[i] = (v[i] + (dt * ((El - v[i]) / tau)))
#pragma once

#include "compiler/ir/ir.h"

#include <string>

namespace nj::ir {

/// One expression, fully parenthesised; parameters and arrays by name when `kernel` is given.
std::string print_expr(const ExprRef& expr, const Kernel* kernel = nullptr);

/// A whole kernel, one statement per line, nested blocks indented by two spaces.
std::string print_kernel(const Kernel& kernel);

}  // namespace nj::ir
