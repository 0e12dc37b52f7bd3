// Checks one expression: resolves its names, infers its dimension and folds it when constant.
//
// Requires: the scope holds every name the expression may use (parameters, variables,
//           specials, functions, instances); units are looked up when no symbol matches.
// Ensures:  every problem is reported once, at the smallest sub-expression that causes it;
//           a sub-expression with an error yields ExprType::poison(), which silences
//           follow-on errors from the same cause.
// Example:  `(El - v) / tau_m` with El, v in volt and tau_m in second → volt/second.
#pragma once

#include "compiler/parse/ast.h"
#include "compiler/sema/expr_type.h"
#include "compiler/sema/symbols.h"
#include "compiler/support/diagnostic_engine.h"

namespace nj::sema {

/// Where an expression appears: what it may refer to and what it may contain.
struct CodeContext {
    const Scope& scope;
    support::DiagnosticEngine& diags;
    const SynapsesInfo* synapses = nullptr;  ///< synapse code: `x_pre`, `x_post`, post names
    bool unbound_synapse = false;  ///< synapse type without groups: pre/post names unchecked
    bool allow_random = true;      ///< rand(), randn(), ...
    bool allow_noise = false;      ///< xi (differential equations only)
    bool allow_generator = false;  ///< `k for k in range(...)` (connect only)
    const char* place = "here";    ///< "in a threshold", used in messages
};

/// Checks `expr` in `context` and returns its type (poison after an error).
ExprType check_expr(const ast::Expr& expr, const CodeContext& context);

/// Checks `expr` and requires a number of dimension `expected`; reports units.mismatch
/// naming `what` ("the reset value of 'v'") otherwise. Zero without a unit matches any unit.
ExprType check_expr_dimension(const ast::Expr& expr, const units::Dimension& expected,
                              const std::string& what, const CodeContext& context);

/// Checks `expr` and requires a condition (a boolean); `what` names it ("the threshold").
ExprType check_condition(const ast::Expr& expr, const std::string& what,
                         const CodeContext& context);

}  // namespace nj::sema
