// Lowers custom events: `event NAME: condition` and `on_event NAME: statements` of a group.
//
// Requires: the group's arrays exist (lower_groups).
// Ensures:  as Brian2 does by default, each event's condition is evaluated in the thresholds
//           slot into a flag array, and its on_event statements run in the resets slot on the
//           elements whose flag is set; an on_event without its event is reported.
// Example:  event burst: v > 10 mV; on_event burst: n_bursts += 1
//           → flag G.event_burst[i] = (v[i] > 0.01), then if flag: n_bursts[i] += 1.
#pragma once

#include "compiler/lower/lower_context.h"

#include <vector>

namespace nj::lower {

/// Adds the custom events found in `bodies` (the type's, then the group's) to group `id`.
void lower_group_events(int id, const std::vector<const std::vector<ast::Item>*>& bodies,
                        LowerContext& context);

}  // namespace nj::lower
