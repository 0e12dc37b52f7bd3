// Applicability of each integration method, as data plus the checks the data names.
#include "compiler/equations/cannot_integrate.h"

#include "compiler/equations/linear_system.h"
#include "compiler/ir/passes/depends_on.h"
#include "compiler/ir/passes/differentiate.h"
#include "compiler/support/assert.h"

#include <optional>

namespace nj::equations {

namespace {

enum class Noise { None, Additive, Any };

/// What each method accepts, and what to suggest instead when the linearity it needs fails.
struct Applicability {
    Method method;
    Noise noise;
    std::optional<Linearity> linearity;
    std::vector<Method> instead;
    bool noise_slope = false;  ///< needs ∂noise_k/∂x_k (Milstein's correction)
};

const std::vector<Applicability>& table() {
    using M = Method;
    static const std::vector<Applicability> rows = {
        {M::Exact, Noise::None, Linearity::Full, {M::Euler, M::Rk4, M::ExponentialEuler}},
        {M::Euler, Noise::Additive, std::nullopt, {}},
        {M::Rk2, Noise::None, std::nullopt, {}},
        {M::Rk4, Noise::None, std::nullopt, {}},
        {M::Heun, Noise::Any, std::nullopt, {}},
        {M::ExponentialEuler, Noise::None, Linearity::OwnVariable, {M::Euler, M::Rk2, M::Rk4}},
        {M::Milstein, Noise::Any, std::nullopt, {}, true},
        {M::EulerMaruyama, Noise::Any, std::nullopt, {}},
        {M::Rk2Midpoint, Noise::None, std::nullopt, {}},
    };
    return rows;
}

const Applicability& row_of(Method method) {
    for (const auto& row : table()) {
        if (row.method == method) return row;
    }
    NJ_UNREACHABLE("an integration method without an applicability row");
}

std::string quoted(const std::string& s) { return "'" + s + "'"; }

/// "'a'", "'a' or 'b'", "'a', 'b' or 'c'".
std::string one_of(const std::vector<std::string>& options) {
    std::string out;
    for (size_t k = 0; k < options.size(); ++k) {
        if (k > 0) out += k + 1 == options.size() ? " or " : ", ";
        out += quoted(options[k]);
    }
    return out;
}

class Checker {
public:
    Checker(const OdeSystem& system, const std::vector<std::string>& names)
        : system_(with_noise_slots(system)), names_(names) {
        for (size_t k = names_.size(); k < system_.states.size(); ++k)
            names_.push_back("x" + std::to_string(k));
    }

    std::string reason(Method method) const {
        const Applicability& row = row_of(method);
        std::string so = ", so " + quoted(method_name(method)) + " cannot integrate ";
        for (size_t k = 0; k < system_.states.size(); ++k) {
            if (!system_.noise[k]) continue;
            if (row.noise == Noise::None) {
                return derivative(k) + " has a noise term (xi)" + so +
                       "it; use 'euler_maruyama', 'heun' or 'milstein'";
            }
            if (row.noise_slope &&
                !ir::differentiate(system_.noise[k], system_.states[k])) {
                return "the noise term of " + derivative(k) + " uses a function of " +
                       quoted(names_[k]) + " without a known derivative" + so + "it; use 'heun'";
            }
            int culprit = noise_dependence(k);
            if (row.noise == Noise::Additive && culprit >= 0) {
                return "the noise term of " + derivative(k) + " depends on " +
                       quoted(names_[culprit]) + " (multiplicative noise)" + so +
                       "it; use 'heun' or 'milstein' (Stratonovich) or 'euler_maruyama' (Itô)";
            }
        }
        if (!row.linearity) return "";
        Nonlinearity found = find_nonlinearity(system_, *row.linearity);
        if (found.kind == Nonlinearity::Kind::None) return "";
        return describe(found) + so + "them; use " + alternatives(row.instead);
    }

private:
    std::string derivative(size_t k) const { return "d" + names_[k] + "/dt"; }

    /// The first state the noise term of equation k depends on, or -1.
    int noise_dependence(size_t k) const {
        for (size_t l = 0; l < system_.states.size(); ++l) {
            if (ir::depends_on(system_.noise[k], system_.states[l])) return static_cast<int>(l);
        }
        return -1;
    }

    std::string describe(const Nonlinearity& found) const {
        std::string in = derivative(static_cast<size_t>(found.equation));
        if (found.kind == Nonlinearity::Kind::Time)
            return "the equations depend on the time 't' (in " + in + ")";
        if (found.kind == Nonlinearity::Kind::Random)
            return "the equations draw random numbers (in " + in + ")";
        std::string var = quoted(names_[found.variable]);
        std::string why;
        switch (found.kind) {
        case Nonlinearity::Kind::Jump: why = in + " has a condition or rounding of " + var; break;
        case Nonlinearity::Kind::NoDerivative:
            why = in + " uses a function of " + var + " without a known derivative";
            break;
        default:
            why = "the coefficient of " + var + " in " + in + " depends on " +
                  quoted(names_[found.culprit]);
        }
        return "the equations are not linear in " + var + " (" + why + ")";
    }

    /// The suggested methods that do apply.
    std::string alternatives(const std::vector<Method>& instead) const {
        std::vector<std::string> options;
        for (Method m : instead) {
            if (reason(m).empty()) options.push_back(method_name(m));
        }
        return one_of(options);
    }

    OdeSystem system_;
    std::vector<std::string> names_;
};

}  // namespace

std::string cannot_integrate(Method method, const OdeSystem& system,
                             const std::vector<std::string>& names) {
    return Checker(system, names).reason(method);
}

}  // namespace nj::equations
