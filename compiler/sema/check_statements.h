// Checks statements of reset, pathway, init and event code: assignment targets and units.
//
// Requires: the context's scope holds the variables the code may use.
// Ensures:  every assignment writes a state variable or parameter (never a subexpression,
//           built-in name or global constant, unless `allow_globals`), and its value has the
//           target's unit (`*=` and `/=` need a dimensionless factor).
// Example:  `reset: v = Vr` ok; `reset: v = 5 ms` → units.mismatch (volt vs second).
#pragma once

#include "compiler/parse/ast.h"
#include "compiler/sema/check_expr.h"

#include <vector>

namespace nj::sema {

/// Checks `items` (assignments and expression statements) of a clause `what` ("reset").
/// With `allow_globals` (protocol `set`), parameters may be assigned too.
void check_statements(const std::vector<ast::Item>& items, const CodeContext& context,
                      const std::string& what, bool allow_globals = false);

/// Checks one assignment; returns false after an error.
bool check_assignment(const ast::Item& item, const CodeContext& context, bool allow_globals);

}  // namespace nj::sema
