// What groups and synapses share when their code is lowered: clauses of their bodies, the
// integration method, and their differential equations as an OdeSystem.
//
// Requires: the model checked without errors.
// Example:  find_clause(bodies, "method") → the last `method:` clause of the type or instance.
#pragma once

#include "compiler/equations/method.h"
#include "compiler/equations/ode_system.h"
#include "compiler/lower/lower_context.h"

#include <functional>
#include <optional>
#include <string_view>

namespace nj::lower {

/// The bodies a group or synapses object is built from: its type's body, then its own.
using Bodies = std::vector<const std::vector<ast::Item>*>;

/// The last clause `key` of `bodies` (an instance's clause overrides its type's), or null.
const ast::Item* find_clause(const Bodies& bodies, std::string_view key);
/// The single expression of a clause such as `threshold: v > 1`, or null.
const ast::Expr* clause_expr(const ast::Item* clause);
/// The `method:` clause, else the model's `method:` setting, else the method chosen for `ode`.
std::optional<equations::Method> method_of(const Bodies& bodies, const equations::OdeSystem& ode,
                                           LowerContext& context);

/// dx/dt of each differential equation of `variables` that `include` accepts, as drift + noise·xi
/// (equations are linear in their noise, as Brian2 requires). `names` gets each state's name and
/// `held` whether it is `unless refractory`. Subexpressions flagged `constant over dt` are
/// computed first into locals of `b` (statements appended to its body) and read as constants.
/// False after an unsupported construct (reported).
bool build_ode(const sema::VariableTable& variables,
               const std::function<bool(const sema::Variable&)>& include, KernelBuilder& b,
               const ElementScope& scope, LowerContext& context, equations::OdeSystem& ode,
               std::vector<std::string>& names, std::vector<bool>& held);

/// Default values (`tau = 10 ms` in the type, then in the instance), then the `init:`
/// statements of `bodies`, appended to `b`'s body.
void lower_init_statements(const Bodies& bodies, KernelBuilder& b, const ElementScope& scope, LowerContext& context);

/// The exact solution of `ode` over one step (dt; callers may substitute another interval):
/// event-driven equations, per synapse or kept per neuron, are solved exactly. Empty with the
/// reason reported at `where` when `ode` has no exact solution.
std::optional<std::vector<ir::Stmt>> exact_event_step(const equations::OdeSystem& ode, const std::vector<std::string>& names,
                                                      support::SourceRange where, KernelBuilder& b, LowerContext& context);

/// The integration step of `ode` by `method`, or empty with the reason reported at `where`.
std::optional<std::vector<ir::Stmt>> integrate_step(const Bodies& bodies, const equations::OdeSystem& ode,
                                                    const std::vector<std::string>& names,
                                                    support::SourceRange where, KernelBuilder& b,
                                                    LowerContext& context);

}  // namespace nj::lower
