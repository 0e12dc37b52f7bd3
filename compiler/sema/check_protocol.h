// Checks the protocol: run, repeat, for, if, set, freeze, store/restore, analyse, apply, train.
//
// Requires: every declaration is checked and registered.
// Ensures:  durations are times, counts are numbers, loop variables are scoped to their block,
//           `set` targets are parameters or group/synapse variables with matching units,
//           freeze targets are synapses or learning operators, restores name an earlier store,
//           analyses and operations are registered built-ins with known arguments.
// Example:  `run 50 mV` → units.mismatch: the duration of a run must be in second.
#pragma once

#include "compiler/sema/model_context.h"

namespace nj::sema {

/// Checks the protocol statements of the root file, in order.
void check_protocol(const std::vector<const ast::Item*>& statements, ModelContext& context);

/// Checks the top-level settings (`schedule:`, `method:`, `seed:`, `precision:`).
void check_setting(const ast::SettingDecl& setting, ModelContext& context);

}  // namespace nj::sema
