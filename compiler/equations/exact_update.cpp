// Exact integration of linear systems: closed form when uncoupled, matrix propagator otherwise.
#include "compiler/equations/exact_update.h"

#include "compiler/equations/exponential_euler.h"
#include "compiler/equations/linear_system.h"
#include "compiler/equations/matrix_exponential.h"

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

}  // namespace

std::vector<ir::ExprRef> exact_update(const OdeSystem& system, StepBuilder& builder) {
    LinearSystem linear = linear_system(system);
    if (is_diagonal(linear)) return exponential_euler(system, builder);
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
