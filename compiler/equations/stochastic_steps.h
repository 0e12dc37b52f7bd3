// The stochastic integration schemes, for systems with noise terms (xi).
//
// dW_k = sqrt(dt) · randn (draw xi_draw(k)) is one Wiener increment per noisy state and step,
// shared by all stages of a scheme. Following Brian2, heun and milstein read the equations in
// the Stratonovich sense and accept multiplicative noise; euler_maruyama is the Itô scheme.
// For additive noise (noise free of the states) the two senses agree. With several noisy
// states whose noise terms depend on each other's variables, the schemes ignore the mixed
// (Lévy area) terms, as Brian2 does: strong order 1 of heun and milstein needs each noise term
// to depend on its own variable only.
//
// Requires: the noise terms are differentiable in their own variable (cannot_integrate.h
// checks this for milstein).
#pragma once

#include "compiler/equations/ode_system.h"
#include "compiler/equations/step_builder.h"

#include <vector>

namespace nj::equations {

/// x' = x + dt f(x, t) + g(x, t) dW.
std::vector<ir::ExprRef> euler_maruyama(const OdeSystem& system, StepBuilder& builder);

/// Brian2's stochastic Heun: x̃ = x + g(x, t) dW; k1 = dt f(x, t) + g(x, t) dW;
/// k2 = dt f(x + k1, t + dt) + g(x̃, t + dt) dW; x' = x + (k1 + k2) / 2.
std::vector<ir::ExprRef> stochastic_heun(const OdeSystem& system, StepBuilder& builder);

/// Milstein (Stratonovich): x' = x + dt f + g dW + ½ g ∂g/∂x dW², with f, g at (x, t) and the
/// derivative symbolic. Brian2 uses a derivative-free form, (g(x̃) - g) / sqrt(dt) with
/// x̃ = x + dt f + sqrt(dt) g in place of g ∂g/∂x; read in the Stratonovich sense (dW² without
/// - dt) its error terms ½ f g' sqrt(dt) dW² and ¼ g'' g² sqrt(dt) dW² have non-zero means, which
/// add up to an error of order sqrt(dt) (measured: strong order ½ on geometric Brownian motion).
/// The symbolic derivative avoids both. Only ∂g_k/∂x_k enters (diagonal noise, as Brian2).
std::vector<ir::ExprRef> milstein(const OdeSystem& system, StepBuilder& builder);

}  // namespace nj::equations
