// Declares the variables of Brian2 equation blocks and checks each equation's units and flags.
//
// Requires: parameters and functions are in the global scope.
// Ensures:  each variable appears once with a known unit; flags are known and allowed for
//           the kind of equation and owner; `dx/dt` has the unit of x per second; subexpressions
//           have their declared unit and do not depend on themselves.
// Example:  `dv/dt = (El - v)/tau : volt` with tau in second: ok.
//           `dv/dt = (El - v) : volt` → units.equation: the right side is volt, not volt/second.
#pragma once

#include "compiler/parse/ast.h"
#include "compiler/sema/check_expr.h"
#include "compiler/sema/symbols.h"

#include <vector>

namespace nj::sema {

/// Whether equations belong to a neuron type/group or to synapses (flags differ).
enum class EquationOwner { Neuron, Synapse };

/// Adds the variables that `equations` declare to `vars`. Reports duplicates, reserved names,
/// unknown units and flags.
void declare_equations(const std::vector<ast::Equation>& equations, EquationOwner owner,
                       VariableTable& vars, support::DiagnosticEngine& diags);

/// Checks the right-hand sides of `equations` in `context` (whose scope holds the variables)
/// and reports cycles among subexpressions.
void check_equations(const std::vector<const ast::Equation*>& equations,
                     const CodeContext& context);

/// Declares the equations of every `equations { }` block of a body (see declare_equations).
void declare_body_equations(const std::vector<ast::Item>& body, EquationOwner owner,
                            VariableTable& vars, support::DiagnosticEngine& diags);

/// Every equation of every `equations { }` block of a body, in order.
std::vector<const ast::Equation*> equations_of(const std::vector<ast::Item>& body);

/// Makes every variable of `vars` a symbol of `scope`.
void define_variables(Scope& scope, const VariableTable& vars);

/// Defines t, dt, i, N and, when the group spikes, lastspike and not_refractory.
void define_neuron_specials(Scope& scope, bool spiking);

/// Defines t, dt, i, j, N_pre, N_post, N_incoming, N_outgoing, N, lastupdate.
void define_synapse_specials(Scope& scope);

}  // namespace nj::sema
