// Evaluates parameters and derived values in file order and checks user functions.
//
// Requires: load_model and resolve_modes have run.
// Ensures:  each param/let is a global symbol with a constant value (mode and --set applied,
//           units checked against the declaration); each user function is a symbol with the
//           units of its arguments and result; overrides of unknown names are reported.
// Example:  `param tau = 20 ms` with --set tau=10ms → tau = 0.01 second, origin "--set".
#pragma once

#include "compiler/sema/model_context.h"
#include "compiler/sema/resolve_modes.h"

namespace nj::sema {

/// Defines every parameter, derived value and user function in the global scope.
void evaluate_params(ModelContext& context, const ParamAssignments& assignments);

}  // namespace nj::sema
