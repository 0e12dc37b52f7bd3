// Learning operators that are not per-synapse code: `learning NAME = rls(S, target = "f",
// input = "r", alpha = a, every = dt, active = cond, error = "e", weight = "w")` becomes an
// rt::LearningPlan run in the schedule's `learning` slot.
//
// Requires: groups and synapses lowered (their arrays exist).
// Ensures:  scalar kernels for alpha and active (parameters, t), and kernels that compute a
//           target or input that is a subexpression into an array of its own before each update.
// Example:  learning F = rls(S, target = "f", input = "r", alpha = 0.25, active = t > 1 s)
//           → LearningPlan{op "rls", synapses S, input Net.r, target F.f (prepared), weight S.w}
#pragma once

#include "compiler/lower/lower_context.h"

namespace nj::lower {

/// Lowers one `learning` declaration into context.plan.learning (or reports why it cannot run).
void lower_learning(const ast::InstanceDecl& decl, LowerContext& context);

}  // namespace nj::lower
