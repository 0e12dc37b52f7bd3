// Scaling and squaring with a Taylor polynomial, unrolled into IR.
#include "compiler/equations/matrix_exponential.h"

#include <cmath>

namespace nj::equations {

namespace {

constexpr int max_squarings = 7;
constexpr int taylor_degree = 13;
/// The largest ‖A / 2^s‖∞ the Taylor polynomial is used on: 50 / 2^7.
constexpr double taylor_radius = 50.0 / 128;

/// builder.keep of (x · y) · factor, plus the identity when `add_identity`.
ExprMatrix product(const ExprMatrix& x, const ExprMatrix& y, double factor, bool add_identity,
                   StepBuilder& builder) {
    size_t n = x.size();
    ExprMatrix out(n, std::vector<ir::ExprRef>(n));
    for (size_t i = 0; i < n; ++i) {
        for (size_t j = 0; j < n; ++j) {
            ir::ExprRef sum = ir::constant(0);
            for (size_t l = 0; l < n; ++l)
                sum = ir::binary("+", sum, ir::binary("*", x[i][l], y[l][j]));
            if (factor != 1) sum = ir::binary("*", sum, ir::constant(factor));
            if (add_identity && i == j) sum = ir::binary("+", sum, ir::constant(1));
            out[i][j] = builder.keep(sum);
        }
    }
    return out;
}

ExprMatrix identity(size_t n) {
    ExprMatrix id(n, std::vector<ir::ExprRef>(n));
    for (size_t i = 0; i < n; ++i) {
        for (size_t j = 0; j < n; ++j) id[i][j] = ir::constant(i == j ? 1 : 0);
    }
    return id;
}

/// The number of squarings s ∈ [0, 7] that brings ‖a‖∞ / 2^s within the Taylor radius.
ir::ExprRef squarings_needed(const ExprMatrix& a, StepBuilder& builder) {
    ir::ExprRef norm;
    for (const auto& row : a) {
        ir::ExprRef sum = ir::constant(0);
        for (const auto& entry : row) sum = ir::binary("+", sum, ir::call("fabs", {entry}));
        norm = norm ? ir::binary("max", norm, sum) : sum;
    }
    // ceil(log2(norm / radius)); a zero norm gives -inf, clamped to 0. The count only trades
    // rounding error (the exponential itself is smooth), so it is detached: gradient training
    // neither differentiates nor refuses the choice.
    ir::ExprRef log2 =
        ir::binary("/", ir::call("log", {ir::binary("/", norm, ir::constant(taylor_radius))}),
                   ir::constant(std::log(2.0)));
    ir::ExprRef s = ir::binary("max", ir::constant(0), ir::call("ceil", {log2}));
    return builder.keep(ir::call("detach", {ir::binary("min", ir::constant(max_squarings), s)}));
}

}  // namespace

ExprMatrix matrix_exponential(const ExprMatrix& a, StepBuilder& builder) {
    size_t n = a.size();
    ir::ExprRef squarings = squarings_needed(a, builder);
    ir::ExprRef scale = builder.keep(ir::binary("pow", ir::constant(2), ir::unary("-", squarings)));
    ExprMatrix scaled(n, std::vector<ir::ExprRef>(n));
    for (size_t i = 0; i < n; ++i) {
        for (size_t j = 0; j < n; ++j) scaled[i][j] = builder.keep(ir::binary("*", a[i][j], scale));
    }
    // Horner: P = I + S/m, then P = I + S·P/k for k = m-1 .. 1 gives Σ_{k≤m} S^k / k!
    ExprMatrix p = product(scaled, identity(n), 1.0 / taylor_degree, true, builder);
    for (int k = taylor_degree - 1; k >= 1; --k) p = product(scaled, p, 1.0 / k, true, builder);
    for (int j = 0; j < max_squarings; ++j) {
        ExprMatrix squared = product(p, p, 1.0, false, builder);
        ir::ExprRef apply = ir::compare(">", squarings, ir::constant(j));
        for (size_t r = 0; r < n; ++r) {
            for (size_t c = 0; c < n; ++c)
                p[r][c] = builder.keep(ir::select(apply, squared[r][c], p[r][c]));
        }
    }
    return p;
}

}  // namespace nj::equations
