// Exact integration of linear systems: closed form when uncoupled, matrix propagator otherwise.
#include "compiler/equations/exact_update.h"

#include "compiler/equations/exponential_euler.h"
#include "compiler/equations/linear_system.h"
#include "compiler/equations/matrix_exponential.h"
#include "compiler/ir/passes/element_invariants.h"

#include <algorithm>

namespace nj::equations {

namespace {

bool is_zero(const ir::ExprRef& e) { return e->kind == ir::ExprKind::Const && e->value == 0; }

bool is_diagonal(const LinearSystem& linear) {
    for (size_t k = 0; k < linear.matrix.size(); ++k) {
        for (size_t j = 0; j < linear.matrix.size(); ++j) {
            if (j != k && !is_zero(linear.matrix[k][j])) return false;
        }
    }
    return true;
}

bool all_run_constant(const std::vector<ir::ExprRef>& entries, const std::vector<bool>& constant_slot) {
    return std::all_of(entries.begin(), entries.end(),
                       [&](const ir::ExprRef& e) { return ir::is_run_constant(e, constant_slot); });
}

/// A matrix that is constant over the run with a drive that is not: x' = E x + F c with
/// exp([[M dt, I dt], [0, 0]]) = [[E, F]], F = phi1(M dt) dt. E and F then depend only on
/// constants, so they can be computed once per run (element_invariants.h); the step is 2 n^2
/// products.
std::vector<ir::ExprRef> split_drive_update(const LinearSystem& linear, const OdeSystem& system,
                                            StepBuilder& builder) {
    size_t n = system.states.size();
    ExprMatrix augmented(2 * n, std::vector<ir::ExprRef>(2 * n, ir::constant(0)));
    for (size_t k = 0; k < n; ++k) {
        for (size_t j = 0; j < n; ++j)
            augmented[k][j] = ir::binary("*", linear.matrix[k][j], ir::dt());
        augmented[k][n + k] = ir::dt();
    }
    ExprMatrix propagator = matrix_exponential(augmented, builder);
    std::vector<ir::ExprRef> next;
    for (size_t k = 0; k < n; ++k) {
        ir::ExprRef value = ir::constant(0);
        for (size_t j = 0; j < n; ++j) {
            value = ir::binary("+", value, ir::binary("*", propagator[k][j], ir::load(system.states[j])));
            if (!is_zero(linear.offset[j]))
                value = ir::binary("+", value, ir::binary("*", propagator[k][n + j], linear.offset[j]));
        }
        next.push_back(value);
    }
    return next;
}

}  // namespace

std::vector<ir::ExprRef> exact_update(const OdeSystem& system, StepBuilder& builder) {
    LinearSystem linear = linear_system(system);
    if (is_diagonal(linear)) return exponential_euler(system, builder);
    if (!system.constant_slot.empty()) {
        std::vector<ir::ExprRef> entries;
        for (const auto& row : linear.matrix) entries.insert(entries.end(), row.begin(), row.end());
        if (all_run_constant(entries, system.constant_slot) &&
            !all_run_constant(linear.offset, system.constant_slot)) {
            return split_drive_update(linear, system, builder);
        }
    }
    size_t n = system.states.size();
    ExprMatrix augmented(n + 1, std::vector<ir::ExprRef>(n + 1, ir::constant(0)));
    for (size_t k = 0; k < n; ++k) {
        for (size_t j = 0; j < n; ++j)
            augmented[k][j] = ir::binary("*", linear.matrix[k][j], ir::dt());
        augmented[k][n] = ir::binary("*", linear.offset[k], ir::dt());
    }
    ExprMatrix propagator = matrix_exponential(augmented, builder);
    std::vector<ir::ExprRef> next;
    for (size_t k = 0; k < n; ++k) {
        ir::ExprRef value = propagator[k][n];
        for (size_t j = 0; j < n; ++j) {
            value = ir::binary("+", value,
                               ir::binary("*", propagator[k][j], ir::load(system.states[j])));
        }
        next.push_back(value);
    }
    return next;
}

}  // namespace nj::equations
