// Checks synapse types and the synapses objects that connect groups with them.
//
// Requires: groups are registered (check_group ran for every group before).
// Ensures:  each synapses object has a SynapsesInfo (pre, post, variables, pathways) and a
//           global symbol; its code is checked with the real pre- and post-synaptic variables
//           (`v_post`, unsuffixed post names); summed variables target a post/pre parameter of
//           the same unit; connect rules use known keys with the right units.
// Example:  `synapses EE = STDP(E -> E) { connect: i != j, p = 0.1 }`.
#pragma once

#include "compiler/sema/model_context.h"

namespace nj::sema {

/// Checks a synapse type without groups (pre/post names unchecked): for types never used.
void check_synapse_type(const ast::TypeDecl& type, ModelContext& context);

/// Checks a `synapses` declaration and registers it.
void check_synapses(const ast::InstanceDecl& decl, ModelContext& context);

}  // namespace nj::sema
