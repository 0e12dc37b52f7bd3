// The `train` statement: forward pass, loss, backward pass and an Adam step, epochs × batches times.
//
// Each forward pass starts from the state the statement found (fresh noise each time, as after a
// `restore`), with the current trained values in place; the statement's body runs it (its `run`
// steps are taped, runtime/training/call_tape.h). The loss's terms are reduced from the state at
// the end of the body; backward.h carries dL/d(that state) back to the start, giving dL/dp for
// the trainable parameters and dL/d(initial values) for the trainable variables. Afterwards the
// network is back at the starting state with the trained values, so later statements evaluate them.
#pragma once

#include "runtime/network/network.h"

#include <functional>
#include <string>
#include <vector>

namespace nj::rt {

/// What a `train` statement did.
struct TrainingReport {
    std::vector<double> losses;          ///< per optimiser step, before it
    std::vector<double> gradient_norms;  ///< per step, before clipping
    size_t tape_bytes = 0;               ///< largest trajectory stored for one backward pass
    double forward_s = 0.0;              ///< wall time of the forward passes (taping included)
    double backward_s = 0.0;             ///< wall time of the loss gradients and backward passes
    /// wall time of the untaped passes that find the batch-level terms (batch_mean) first
    double batch_forward_s = 0.0;
    /// dL/d(value) at the first step: the trainable parameters, then every element of every
    /// trainable variable (TrainPlan order); for checks against finite differences
    std::vector<double> first_gradient;
    std::string error;                   ///< why training stopped; empty when it ran or was interrupted
    bool interrupted = false;
};

/// Runs `plan`; `forward` runs the body once (false: interrupted or failed, training stops).
TrainingReport run_training(Network& network, const TrainPlan& plan, const std::function<bool()>& forward);

}  // namespace nj::rt
