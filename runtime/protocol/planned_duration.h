// How much model time a protocol will simulate, estimated before it runs (for the progress
// line's ETA): run durations, times loop counts, evaluated with today's parameter values.
#pragma once

#include "runtime/monitors/recorders.h"
#include "runtime/network/network.h"

#include <optional>
#include <vector>

namespace nj::rt {

/// The sum of the `run` durations of `ops`, loops multiplied out; an `if` counts the branch its
/// condition picks now. Nothing when a value is not finite. An estimate: `set` statements and
/// loop variables may change durations while the protocol runs. Only writes the scratch arrays
/// of the value kernels, which the protocol rewrites before it reads them.
std::optional<double> planned_duration(const std::vector<ProtocolOp>& ops, Network& network);

/// planned_duration of the network's protocol; the recorders reserve room for that many steps
/// (state monitors only, within their limit), so long recordings are not copied as they grow.
std::optional<double> plan_recordings(Network& network, std::vector<Recorder>& recorders);

}  // namespace nj::rt
