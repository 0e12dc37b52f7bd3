// Checks declarations of inputs, tables, monitors, learning operators, readouts and losses.
//
// Requires: groups and synapses are registered.
// Ensures:  the declaration kind and its constructor are known (with suggestions otherwise);
//           arguments match the registered signature; the instance is a global symbol.
// Example:  `monitor v = state(E, v, record = 0:10)`; `monitor spikes(E)` is named 'spikes_E'.
#pragma once

#include "compiler/sema/model_context.h"

namespace nj::sema {

/// Checks one instance declaration whose kind is not group, poisson or synapses.
void check_instance(const ast::InstanceDecl& decl, ModelContext& context);

/// True for the kinds check_group and check_synapses handle.
bool is_network_kind(const std::string& kind);

}  // namespace nj::sema
