// The integration methods a model may name in `method:`, and their names in the language.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nj::equations {

/// An integration method (docs/language.md §6, `method:`).
enum class Method {
    Exact,             ///< exact propagator of a linear system with step-constant coefficients
    Euler,             ///< forward Euler; Euler–Maruyama for additive noise (as Brian2)
    Rk2,               ///< second-order Runge–Kutta, midpoint rule (as Brian2's rk2)
    Rk4,               ///< classic fourth-order Runge–Kutta
    Heun,              ///< Heun's method; stochastic Heun (Stratonovich) with noise
    ExponentialEuler,  ///< exact step of each equation's part linear in its own variable
    Milstein,          ///< Milstein (Stratonovich, as Brian2), with a symbolic derivative
    EulerMaruyama,     ///< Euler–Maruyama (Itô)
    Rk2Midpoint        ///< midpoint rule with random draws renewed at each stage (randn_stage)
};

/// The method called `name` in the language (`linear` is an alias of `exact`), or nothing.
std::optional<Method> method_from_name(std::string_view name);

/// The language's name of `method`, e.g. "exponential_euler".
std::string method_name(Method method);

}  // namespace nj::equations
