// The differential equations of one neuron or synapse type, as IR: what the integrators read.
#pragma once

#include "compiler/ir/ir.h"

#include <vector>

namespace nj::equations {

/// dx_k/dt = drift[k] + noise[k] · ξ_k for each state k, where x_k is array `states[k]` at
/// element i and ξ_k is white noise of unit 1/sqrt(second), independent for every k (so the
/// Euler–Maruyama increment is noise[k] · sqrt(dt) · randn). noise[k] is null when the equation
/// has no xi; noise may also be left empty when no equation has one. drift and noise read the
/// states only as `load(states[j])` (subexpressions are inlined); locals and other arrays they read
/// are constant over a step.
struct OdeSystem {
    std::vector<int> states;
    std::vector<ir::ExprRef> drift;
    std::vector<ir::ExprRef> noise;
    /// Array slot → whether the array keeps its values over a run (a `constant` parameter of
    /// the group); empty: unknown. The exact method then keeps a constant propagator apart
    /// from a drive that changes, so the propagator can be computed once per run.
    std::vector<bool> constant_slot;
};

/// Whether any equation of `system` has a noise term.
inline bool has_noise(const OdeSystem& system) {
    for (const auto& g : system.noise) {
        if (g) return true;
    }
    return false;
}

/// `system` with one noise entry per state (null where there is none).
inline OdeSystem with_noise_slots(OdeSystem system) {
    system.noise.resize(system.states.size());
    return system;
}

}  // namespace nj::equations
