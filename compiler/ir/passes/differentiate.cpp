// Forward symbolic differentiation over the expression DAG, memoised per node.
#include "compiler/ir/passes/differentiate.h"

#include "compiler/ir/passes/depends_on.h"
#include "compiler/ir/passes/simplify.h"

#include <cmath>
#include <unordered_map>

namespace nj::ir {

namespace {

ExprRef num(double v) { return constant(v); }
ExprRef add(ExprRef a, ExprRef b) { return binary("+", std::move(a), std::move(b)); }
ExprRef sub(ExprRef a, ExprRef b) { return binary("-", std::move(a), std::move(b)); }
ExprRef mul(ExprRef a, ExprRef b) { return binary("*", std::move(a), std::move(b)); }
ExprRef div(ExprRef a, ExprRef b) { return binary("/", std::move(a), std::move(b)); }
ExprRef fn(const char* name, ExprRef a) { return call(name, {std::move(a)}); }
ExprRef neg(ExprRef a) { return unary("-", std::move(a)); }

class Differentiator {
public:
    Differentiator(int slot, StepDerivative steps) : slot_(slot), steps_(steps) {}

    /// The derivative of `e`, or null when it has none we know.
    ExprRef d(const ExprRef& e) {
        auto found = done_.find(e.get());
        if (found != done_.end()) return found->second;
        ExprRef result = e->type == Type::F64 ? derive(e) : num(0);
        done_.emplace(e.get(), result);
        return result;
    }

private:
    ExprRef derive(const ExprRef& e) {
        switch (e->kind) {
        case ExprKind::Load: return num(!e->args[0] && e->slot == slot_ ? 1 : 0);
        case ExprKind::Unary: {
            ExprRef du = d(e->args[0]);
            return du ? neg(du) : nullptr;
        }
        case ExprKind::Binary: return derive_binary(e);
        case ExprKind::Select: {
            ExprRef da = d(e->args[1]), db = d(e->args[2]);
            return da && db ? select(e->args[0], da, db) : nullptr;
        }
        case ExprKind::Call: return derive_call(e);
        default: return num(0);  // constants within one evaluation: params, t, dt, locals, draws
        }
    }

    ExprRef derive_binary(const ExprRef& e) {
        const ExprRef &u = e->args[0], &v = e->args[1];
        ExprRef du = d(u), dv = d(v);
        if (!du || !dv) return nullptr;
        const std::string& op = e->op;
        if (op == "+") return add(du, dv);
        if (op == "-") return sub(du, dv);
        if (op == "*") return add(mul(du, v), mul(u, dv));
        if (op == "/") return sub(div(du, v), div(mul(u, dv), mul(v, v)));
        if (op == "min") return select(compare("<=", u, v), du, dv);
        if (op == "max") return select(compare(">=", u, v), du, dv);
        if (op == "mod") return sub(du, mul(dv, fn("floor", div(u, v))));
        return derive_pow(e, du, dv);
    }

    ExprRef derive_pow(const ExprRef& e, const ExprRef& du, const ExprRef& dv) {
        const ExprRef &u = e->args[0], &v = e->args[1];
        // d(u^v) = v u^(v-1) u' + u^v log(u) v'; the log term only where v varies, so that
        // negative bases with constant exponents stay well defined.
        ExprRef base_term = mul(mul(v, binary("pow", u, sub(v, num(1)))), du);
        if (!depends_on(v, slot_)) return base_term;
        return add(base_term, mul(mul(e, fn("log", u)), dv));
    }

    ExprRef derive_call(const ExprRef& e) {
        const std::string& f = e->op;
        if (f == "atan2") return derive_atan2(e);
        if (f == "surrogate_step") return derive_step(e);
        if (f.starts_with("keyed_")) return num(0);  // functions of integer keys: piecewise constant
        if (f == "detach") return num(0);            // a value the gradient must not pass through
        ExprRef u = e->args.size() == 1 ? e->args[0] : nullptr;
        ExprRef du = u ? d(u) : nullptr;
        if (!du) return nullptr;
        ExprRef outer = outer_derivative(f, e, u);
        return outer ? mul(outer, du) : nullptr;
    }

    /// f'(u) for f(u) = e.
    static ExprRef outer_derivative(const std::string& f, const ExprRef& e, const ExprRef& u) {
        if (f == "exp") return e;
        if (f == "expm1") return fn("exp", u);
        if (f == "log") return div(num(1), u);
        if (f == "log10") return div(num(1), mul(u, num(std::log(10.0))));
        if (f == "log1p") return div(num(1), add(num(1), u));
        if (f == "sqrt") return div(num(0.5), e);
        if (f == "sin") return fn("cos", u);
        if (f == "cos") return neg(fn("sin", u));
        if (f == "tan") return add(num(1), mul(e, e));
        if (f == "sinh") return fn("cosh", u);
        if (f == "cosh") return fn("sinh", u);
        if (f == "tanh") return sub(num(1), mul(e, e));
        if (f == "asin") return div(num(1), fn("sqrt", sub(num(1), mul(u, u))));
        if (f == "acos") return neg(div(num(1), fn("sqrt", sub(num(1), mul(u, u)))));
        if (f == "atan") return div(num(1), add(num(1), mul(u, u)));
        if (f == "fabs") return select(compare("<", u, num(0)), num(-1), num(1));
        if (f == "floor" || f == "ceil" || f == "round" || f == "trunc") return num(0);
        return nullptr;
    }

    ExprRef derive_atan2(const ExprRef& e) {
        const ExprRef &y = e->args[0], &x = e->args[1];
        ExprRef dy = d(y), dx = d(x);
        if (!dy || !dx) return nullptr;
        return div(sub(mul(x, dy), mul(y, dx)), add(mul(x, x), mul(y, y)));
    }

    /// surrogate_step(x, beta)' = beta / (1 + beta |x|)^2 x', or 0 (see the header).
    ExprRef derive_step(const ExprRef& e) {
        if (steps_ == StepDerivative::Zero) return num(0);
        const ExprRef &x = e->args[0], &beta = e->args[1];
        ExprRef dx = d(x);
        if (!dx) return nullptr;
        ExprRef spread = add(num(1), mul(beta, fn("fabs", x)));
        return mul(div(beta, mul(spread, spread)), dx);
    }

    int slot_;
    StepDerivative steps_;
    std::unordered_map<const Expr*, ExprRef> done_;
};

}  // namespace

ExprRef differentiate(const ExprRef& expr, int slot, StepDerivative steps) {
    ExprRef derivative = Differentiator(slot, steps).d(expr);
    return derivative ? simplify(derivative) : nullptr;
}

}  // namespace nj::ir
