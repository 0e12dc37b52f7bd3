// Names of the integration methods.
#include "compiler/equations/method.h"

#include <array>
#include <utility>

namespace nj::equations {

namespace {

constexpr std::array<std::pair<Method, std::string_view>, 9> names = {{
    {Method::Exact, "exact"},
    {Method::Euler, "euler"},
    {Method::Rk2, "rk2"},
    {Method::Rk4, "rk4"},
    {Method::Heun, "heun"},
    {Method::ExponentialEuler, "exponential_euler"},
    {Method::Milstein, "milstein"},
    {Method::EulerMaruyama, "euler_maruyama"},
    {Method::Rk2Midpoint, "rk2_midpoint"},
}};

}  // namespace

std::optional<Method> method_from_name(std::string_view name) {
    if (name == "linear") return Method::Exact;
    for (const auto& [method, text] : names) {
        if (text == name) return method;
    }
    return std::nullopt;
}

std::string method_name(Method method) {
    for (const auto& [m, text] : names) {
        if (m == method) return std::string(text);
    }
    return "?";
}

}  // namespace nj::equations
