// Checks the clauses of a body (`threshold: ...`, `on_pre { ... }`) against a table of what
// the owner accepts, and the body's default-value assignments.
//
// Requires: the context's scope holds the owner's variables and specials.
// Ensures:  unknown and repeated clauses are reported (with a suggestion); each clause value
//           has the expected form and unit; `NAME = expr` items assign variables.
// Example:  in a neuron type, `treshold: v > 1` → clause.unknown, did you mean 'threshold'?
#pragma once

#include "compiler/parse/ast.h"
#include "compiler/sema/check_expr.h"

#include <functional>
#include <string>
#include <vector>

namespace nj::sema {

/// The form a clause's value must have.
enum class ClauseValue {
    Condition,        ///< one boolean expression
    Statements,       ///< assignments / calls
    TimeOrCondition,  ///< one time or one boolean expression (refractory)
    Time,             ///< one expression in seconds
    Method,           ///< an integration method name
    Word,             ///< one of `words`
    Custom,           ///< checked by the caller's handler
};

/// One accepted clause.
struct ClauseSpec {
    std::string key;
    ClauseValue value = ClauseValue::Statements;
    bool named = false;  ///< takes a name: `event burst:`, `on_pre slow:`
    std::vector<std::string> words;
};

/// Called for ClauseValue::Custom clauses.
using CustomClauseHandler = std::function<void(const ast::Item& clause)>;

/// Checks every item of `body`. `owner` names the owner in messages ("neuron type 'LIF'").
void check_clauses(const std::vector<ast::Item>& body, const std::vector<ClauseSpec>& specs,
                   const CodeContext& context, const std::string& owner,
                   const CustomClauseHandler& custom = {});

/// The integration methods a `method:` clause may name.
const std::vector<std::string>& known_methods();

/// The single expression of a one-item clause, or null after reporting clause.invalid.
const ast::Expr* single_expression(const ast::Item& clause, support::DiagnosticEngine& diags);

}  // namespace nj::sema
