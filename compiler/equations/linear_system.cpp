// Linearity analysis by symbolic differentiation, plus a search for jumps the derivative hides.
#include "compiler/equations/linear_system.h"

#include "compiler/ir/passes/depends_on.h"
#include "compiler/ir/passes/differentiate.h"
#include "compiler/ir/passes/simplify.h"
#include "compiler/ir/passes/substitute.h"

#include <functional>
#include <map>
#include <unordered_set>

namespace nj::equations {

namespace {

using ir::ExprKind;
using ir::ExprRef;

/// Whether some node of `expr` satisfies `test`.
bool any_node(const ExprRef& expr, const std::function<bool(const ir::Expr&)>& test) {
    std::unordered_set<const ir::Expr*> seen;
    std::vector<const ir::Expr*> pending = {expr.get()};
    while (!pending.empty()) {
        const ir::Expr* e = pending.back();
        pending.pop_back();
        if (!e || !seen.insert(e).second) continue;
        if (test(*e)) return true;
        for (const auto& a : e->args) pending.push_back(a.get());
    }
    return false;
}

/// Whether `expr` changes discontinuously with array `slot`: a comparison, a rounding or a
/// step of it.
bool jumps_in(const ExprRef& expr, int slot) {
    return any_node(expr, [slot](const ir::Expr& e) {
        bool rounding = e.kind == ExprKind::Call &&
                        (e.op == "floor" || e.op == "ceil" || e.op == "round" || e.op == "trunc" ||
                         e.op == "surrogate_step");
        bool jumpy = e.kind == ExprKind::Compare || rounding ||
                     (e.kind == ExprKind::Binary && e.op == "mod");
        if (!jumpy) return false;
        for (const auto& a : e.args) {
            if (ir::depends_on(a, slot)) return true;
        }
        return false;
    });
}

bool has_kind(const ExprRef& expr, ExprKind kind) {
    return any_node(expr, [kind](const ir::Expr& e) { return e.kind == kind; });
}

/// The obstacle to drift_k being affine in x_j with a coefficient free of the states in
/// `free_of` (indices into system.states).
Nonlinearity check_variable(const OdeSystem& system, int k, int j,
                            const std::vector<int>& free_of) {
    const ExprRef& f = system.drift[k];
    int slot = system.states[j];
    if (jumps_in(f, slot)) return {Nonlinearity::Kind::Jump, k, j, -1};
    ExprRef coefficient = ir::differentiate(f, slot);
    if (!coefficient) return {Nonlinearity::Kind::NoDerivative, k, j, -1};
    for (int l : free_of) {
        if (ir::depends_on(coefficient, system.states[l])) {
            return {Nonlinearity::Kind::Coefficient, k, j, l};
        }
    }
    return {};
}

}  // namespace

Nonlinearity find_nonlinearity(const OdeSystem& system, Linearity scope) {
    int n = static_cast<int>(system.states.size());
    std::vector<int> all_states;
    for (int l = 0; l < n; ++l) all_states.push_back(l);
    for (int k = 0; k < n; ++k) {
        if (scope == Linearity::OwnVariable) {
            Nonlinearity found = check_variable(system, k, k, {k});
            if (found.kind != Nonlinearity::Kind::None) return found;
            continue;
        }
        if (has_kind(system.drift[k], ExprKind::Time)) return {Nonlinearity::Kind::Time, k};
        if (has_kind(system.drift[k], ExprKind::Random)) return {Nonlinearity::Kind::Random, k};
        // x_j first, so that "not linear in 'v'" names v when its own coefficient is the cause
        for (int j = 0; j < n; ++j) {
            std::vector<int> order = {j};
            for (int l : all_states) {
                if (l != j) order.push_back(l);
            }
            Nonlinearity found = check_variable(system, k, j, order);
            if (found.kind != Nonlinearity::Kind::None) return found;
        }
    }
    return {};
}

LinearSystem linear_system(const OdeSystem& system) {
    size_t n = system.states.size();
    std::map<int, ExprRef> zero;
    for (int slot : system.states) zero[slot] = ir::constant(0);
    LinearSystem linear;
    for (size_t k = 0; k < n; ++k) {
        std::vector<ExprRef> row;
        for (size_t j = 0; j < n; ++j)
            row.push_back(ir::differentiate(system.drift[k], system.states[j]));
        linear.matrix.push_back(std::move(row));
        linear.offset.push_back(ir::simplify(ir::substitute(system.drift[k], zero)));
    }
    return linear;
}

}  // namespace nj::equations
