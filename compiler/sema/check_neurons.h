// Checks neuron types and the groups built from them (typed, inline, subgroups, Poisson).
//
// Requires: evaluate_params has run; `context.types` maps type names to declarations.
// Ensures:  each neuron type's equations and clauses are checked once; each group has a
//           GroupInfo in the model (size, variables, spiking) and a global symbol; group bodies
//           (init, default values, extra equations and clauses) are checked in its scope.
// Example:  `group E = LIF(n_exc) { init: v = Vr }` → group 'E' with LIF's variables.
#pragma once

#include "compiler/sema/model_context.h"

namespace nj::sema {

/// Checks a neuron type on its own (used when no group instantiates it, and for `info`).
void check_neuron_type(const ast::TypeDecl& type, ModelContext& context);

/// Checks `group` and `poisson` declarations and registers the group.
void check_group(const ast::InstanceDecl& decl, ModelContext& context);

}  // namespace nj::sema
