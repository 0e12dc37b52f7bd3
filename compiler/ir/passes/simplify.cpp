// Constant folding and algebraic identities, bottom-up over the expression DAG.
#include "compiler/ir/passes/simplify.h"

#include "compiler/ir/passes/with_args.h"

#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>

namespace nj::ir {

namespace {

bool is_const(const ExprRef& e, double value) {
    return e && e->kind == ExprKind::Const && e->value == value;
}

bool is_const(const ExprRef& e) { return e && e->kind == ExprKind::Const; }

bool is_negation(const ExprRef& e) { return e->kind == ExprKind::Unary && e->op == "-"; }

/// Whether a and b surely have the same value: the same node, or equal leaves (a random draw
/// is keyed by its number, so two nodes of one draw agree too).
bool same(const ExprRef& a, const ExprRef& b) {
    if (a == b) return true;
    if (a->kind != b->kind || a->slot != b->slot || a->op != b->op) return false;
    switch (a->kind) {
    case ExprKind::Const: return a->value == b->value;
    case ExprKind::Load: return !a->args[0] && !b->args[0];
    case ExprKind::Param:
    case ExprKind::LoopIndex:
    case ExprKind::Time:
    case ExprKind::Dt:
    case ExprKind::Local:
    case ExprKind::Random: return true;
    default: return false;
    }
}

/// The value of a condition built from comparisons of constants, if it has one.
std::optional<bool> truth(const ExprRef& e) {
    if (e->kind == ExprKind::Compare && is_const(e->args[0]) && is_const(e->args[1])) {
        double a = e->args[0]->value, b = e->args[1]->value;
        const std::string& op = e->op;
        if (op == "<") return a < b;
        if (op == "<=") return a <= b;
        if (op == ">") return a > b;
        if (op == ">=") return a >= b;
        if (op == "==") return a == b;
        return a != b;
    }
    if (e->kind == ExprKind::Unary && e->op == "not") {
        auto a = truth(e->args[0]);
        if (a) return !*a;
    }
    if (e->kind == ExprKind::Logical) {
        auto a = truth(e->args[0]), b = truth(e->args[1]);
        bool is_and = e->op == "and";
        if ((a && *a != is_and) || (b && *b != is_and)) return !is_and;  // false and _, true or _
        if (a && b) return is_and;
    }
    return std::nullopt;
}

double evaluate_binary(const std::string& op, double a, double b) {
    if (op == "+") return a + b;
    if (op == "-") return a - b;
    if (op == "*") return a * b;
    if (op == "/") return a / b;
    if (op == "pow") return std::pow(a, b);
    if (op == "min") return std::fmin(a, b);
    if (op == "max") return std::fmax(a, b);
    return a - b * std::floor(a / b);  // mod: floored, as the code generator emits it
}

std::optional<double> evaluate_call(const std::string& f, const std::vector<ExprRef>& args) {
    using Fn = double (*)(double);
    static const std::map<std::string, Fn> unary = {
        {"exp", std::exp},     {"log", std::log},   {"log10", std::log10}, {"expm1", std::expm1},
        {"log1p", std::log1p}, {"sqrt", std::sqrt}, {"sin", std::sin},     {"cos", std::cos},
        {"tan", std::tan},     {"sinh", std::sinh}, {"cosh", std::cosh},   {"tanh", std::tanh},
        {"asin", std::asin},   {"acos", std::acos}, {"atan", std::atan},   {"fabs", std::fabs},
        {"floor", std::floor}, {"ceil", std::ceil}, {"round", std::round}, {"trunc", std::trunc}};
    for (const auto& a : args) {
        if (!is_const(a)) return std::nullopt;
    }
    if (f == "atan2") return std::atan2(args[0]->value, args[1]->value);
    if (f == "surrogate_step") return args[0]->value > 0 ? 1.0 : 0.0;
    if (f == "detach") return args[0]->value;
    auto it = unary.find(f);
    if (it == unary.end() || args.size() != 1) return std::nullopt;
    return it->second(args[0]->value);
}

ExprRef fold_binary(const ExprRef& e) {
    const ExprRef &a = e->args[0], &b = e->args[1];
    const std::string& op = e->op;
    if (is_const(a) && is_const(b)) return constant(evaluate_binary(op, a->value, b->value));
    if (op == "+") {
        if (is_const(a, 0)) return b;
        if (is_const(b, 0)) return a;
        if (is_negation(b)) return binary("-", a, b->args[0]);
    } else if (op == "-") {
        if (is_const(b, 0)) return a;
        if (is_const(a, 0)) return is_negation(b) ? b->args[0] : unary("-", b);
        if (same(a, b)) return constant(0);
    } else if (op == "*") {
        if (is_const(a, 0) || is_const(b, 0)) return constant(0);
        if (is_const(a, 1)) return b;
        if (is_const(b, 1)) return a;
        if (is_const(a, -1)) return unary("-", b);
        if (is_const(b, -1)) return unary("-", a);
    } else if (op == "/") {
        if (is_const(b, 1)) return a;
        if (is_const(b, -1)) return unary("-", a);
        if (is_const(a, 0)) return constant(0);
    } else if (op == "pow") {
        if (is_const(b, 1)) return a;
        if (is_const(b, 0)) return constant(1);
    } else if (op == "min" || op == "max") {
        if (same(a, b)) return a;
    }
    return e;
}

ExprRef fold(const ExprRef& e) {
    switch (e->kind) {
    case ExprKind::Unary:
        if (e->op != "-") return e;
        if (is_const(e->args[0])) return constant(-e->args[0]->value);
        return is_negation(e->args[0]) ? e->args[0]->args[0] : e;
    case ExprKind::Binary: return fold_binary(e);
    case ExprKind::Call: {
        auto value = evaluate_call(e->op, e->args);
        return value ? constant(*value) : e;
    }
    case ExprKind::Select: {
        if (auto c = truth(e->args[0])) return *c ? e->args[1] : e->args[2];
        return same(e->args[1], e->args[2]) ? e->args[1] : e;
    }
    default: return e;
    }
}

class Simplifier {
public:
    ExprRef run(const ExprRef& e) {
        if (!e) return e;
        auto found = done_.find(e.get());
        if (found != done_.end()) return found->second;
        std::vector<ExprRef> args;
        args.reserve(e->args.size());
        for (const auto& a : e->args) args.push_back(run(a));
        ExprRef result = fold(with_args(e, std::move(args)));
        done_.emplace(e.get(), result);
        return result;
    }

private:
    std::unordered_map<const Expr*, ExprRef> done_;
};

}  // namespace

ExprRef simplify(const ExprRef& expr) { return Simplifier().run(expr); }

}  // namespace nj::ir
