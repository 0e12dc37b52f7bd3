// `apply rebuild(seed = s)`: the network built afresh with the current parameter values and a new
// seed (connections, init, learning state), empty monitors, the clock back at 0. The compiled plan
// fixes the group sizes and subgroup slices, so a rebuild whose parameters imply other sizes is
// refused: such a sweep needs one run per size (`neurojit run --set ...`).
#pragma once

#include "runtime/monitors/recorders.h"
#include "runtime/network/network.h"

#include <string>
#include <vector>

namespace nj::rt {

/// Carries out the rebuild `op` (lowered by compiler/lower/lower_rebuild.h): recomputes the
/// derived values, checks the sizes, rebuilds `network` and empties `recorders`. Returns "" or
/// why it could not (then the network is unchanged, except for recomputed derived values).
std::string rebuild_network(const ProtocolOp& op, Network& network, std::vector<Recorder>& recorders);

}  // namespace nj::rt
