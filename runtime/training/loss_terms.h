// The reductions a loss is built from (TrainPlan::Term): their values at the end of a forward
// pass and their gradients with respect to the state.
#pragma once

#include "runtime/training/backward.h"

namespace nj::rt {

/// The value of `term` on the network's current state.
double term_value(Network& network, const TrainPlan::Term& term);

/// Adds dL/d(state) = `weight` · d term / d(state) to `adjoints` (weight = dL/d term).
void seed_term(Network& network, const TrainPlan::Term& term, double weight, Adjoints& adjoints);

}  // namespace nj::rt
