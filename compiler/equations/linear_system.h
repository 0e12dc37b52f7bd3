// Reads equations as a linear system dx/dt = M x + c: decides whether the exact and the
// exponential Euler methods apply, and gives the exact method its coefficients.
//
// A drift is linear in x_j when its derivative by x_j is free of the states and it has no jump
// in x_j (a condition or a rounding function of x_j: their derivative is 0 almost everywhere,
// which alone would make floor(v) look constant).
#pragma once

#include "compiler/equations/ode_system.h"

#include <vector>

namespace nj::equations {

/// The first obstacle found to linearity, for the user's error message.
struct Nonlinearity {
    enum class Kind {
        None,          ///< linear
        Time,          ///< drift of `equation` depends on t
        Random,        ///< drift of `equation` draws random numbers
        Jump,          ///< drift of `equation` has a condition or rounding of `variable`
        NoDerivative,  ///< drift of `equation` uses a function of `variable` with no derivative
        Coefficient    ///< coefficient of `variable` in `equation` depends on state `culprit`
    };
    Kind kind = Kind::None;
    int equation = -1;  ///< index k of dx_k/dt in the system
    int variable = -1;  ///< index j of the variable the drift is not linear in
    int culprit = -1;   ///< index l of the state a coefficient depends on (Coefficient only)
};

/// Which linearity a method needs.
enum class Linearity {
    Full,        ///< every drift affine in all states, coefficients constant over a step (exact)
    OwnVariable  ///< each drift affine in its own variable (exponential Euler)
};

/// The first obstacle to `scope` linearity of `system`, in equation then variable order;
/// kind None when there is none.
Nonlinearity find_nonlinearity(const OdeSystem& system, Linearity scope);

/// drift = matrix · x + offset, with entries simplified (constant 0 where a state is absent).
struct LinearSystem {
    std::vector<std::vector<ir::ExprRef>> matrix;  ///< matrix[k][j] = ∂drift_k / ∂x_j
    std::vector<ir::ExprRef> offset;               ///< drift_k at x = 0
};

/// The coefficients of `system`. Requires: find_nonlinearity(system, Full) found none.
LinearSystem linear_system(const OdeSystem& system);

}  // namespace nj::equations
