// Collects the statements of one integration step: intermediate values go into fresh locals,
// and the new state values are stored only once all of them are computed.
#pragma once

#include "compiler/ir/ir.h"

#include <vector>

namespace nj::equations {

/// Statements of one step under construction, with their locals numbered from `first_local`.
class StepBuilder {
public:
    explicit StepBuilder(int first_local) : first_local_(first_local), next_local_(first_local) {}

    /// `value` simplified and, unless it is a leaf (constant, parameter, t, dt or local),
    /// computed once into a fresh local; returns what later expressions should read.
    ir::ExprRef keep(const ir::ExprRef& value);

    /// Ends the step: every new value is computed into a local first, then stored into its
    /// array, so all states advance together from the values at the start of the step. A new
    /// value that is the old one (`load(states[k])`) is not stored. Returns the statements and
    /// sets `*locals_used` (when given) to the number of locals they use.
    std::vector<ir::Stmt> finish(const std::vector<int>& states,
                                 const std::vector<ir::ExprRef>& new_values, int* locals_used);

private:
    int first_local_;
    int next_local_;
    std::vector<ir::Stmt> body_;
};

}  // namespace nj::equations
