// Tests of the unrolled matrix exponential: accuracy against closed forms up to ‖A‖∞ = 50, and
// constants folded at compile time.
#include "compiler/equations/matrix_exponential.h"

#include "integrator_helpers.h"

#include "compiler/ir/print_ir.h"

#include <doctest/doctest.h>

#include <array>
#include <cmath>

using namespace nj::equations;
using namespace nj::equations::testing;
using namespace nj::ir;
using Matrix2 = std::array<std::array<double, 2>, 2>;

namespace {

/// A kernel computing exp of the 2×2 matrix held in params [a00, a01, a10, a11] into four
/// one-element arrays.
struct Exponential2 {
    std::unique_ptr<nj::jit::CompiledKernels> compiled;
    nj::rt::KernelFn fn = nullptr;

    Exponential2() {
        Kernel k;
        k.name = "expm";
        k.arrays = {"e00", "e01", "e10", "e11"};
        k.params = {"a00", "a01", "a10", "a11"};
        ExprMatrix a = {{param(0), param(1)}, {param(2), param(3)}};
        StepBuilder builder(0);
        ExprMatrix e = matrix_exponential(a, builder);
        k.body = builder.finish({0, 1, 2, 3}, {e[0][0], e[0][1], e[1][0], e[1][1]}, &k.locals);
        std::string error;
        compiled = nj::jit::compile_kernels({k}, {}, {}, &error);
        INFO(error);
        REQUIRE(compiled != nullptr);
        fn = compiled->find("expm");
    }

    Matrix2 operator()(const Matrix2& a) const {
        std::array<double, 4> out{};
        std::vector<double*> arrays = {&out[0], &out[1], &out[2], &out[3]};
        std::vector<double> params = {a[0][0], a[0][1], a[1][0], a[1][1]};
        nj::rt::KernelArgs args{arrays.data(), params.data(), 0.0, 1.0, 0, 0, 0, 1};
        fn(&args);
        return {{{out[0], out[1]}, {out[2], out[3]}}};
    }
};

/// max |computed - exact| / max |exact| over the entries.
double normwise_error(const Matrix2& computed, const Matrix2& exact) {
    double err = 0, size = 0;
    for (int i = 0; i < 2; ++i) {
        for (int j = 0; j < 2; ++j) {
            err = std::max(err, std::fabs(computed[i][j] - exact[i][j]));
            size = std::max(size, std::fabs(exact[i][j]));
        }
    }
    return err / size;
}

/// exp([[a, b], [0, d]]).
Matrix2 triangular_exp(double a, double b, double d) {
    double coupling = a == d ? b * std::exp(a) : b * (std::exp(a) - std::exp(d)) / (a - d);
    return {{{std::exp(a), coupling}, {0, std::exp(d)}}};
}

}  // namespace

TEST_CASE("matrix_exponential: relative error below 1e-13 up to a norm of 50") {
    Exponential2 expm;
    struct Case {
        const char* what;
        Matrix2 a, exact;
    };
    const double w = 50;
    std::vector<Case> cases = {
        {"typical dt/tau", {{{-0.005, 0.005}, {0, -0.02}}}, triangular_exp(-0.005, 0.005, -0.02)},
        {"stiff diagonal", {{{-50, 0}, {0, -0.1}}}, {{{std::exp(-50.0), 0}, {0, std::exp(-0.1)}}}},
        {"coupled decay", {{{-25, 25}, {0, -10}}}, triangular_exp(-25, 25, -10)},
        {"reversed coupling",
         {{{-10, 0}, {40, -10}}},
         {{{std::exp(-10.0), 0}, {40 * std::exp(-10.0), std::exp(-10.0)}}}},
        {"Jordan block", {{{-20, 30}, {0, -20}}}, triangular_exp(-20, 30, -20)},
        {"growth", {{{10, 40}, {0, 5}}}, triangular_exp(10, 40, 5)},
        {"rotation",
         {{{0, w}, {-w, 0}}},
         {{{std::cos(w), std::sin(w)}, {-std::sin(w), std::cos(w)}}}},
    };
    for (const auto& c : cases) {
        double err = normwise_error(expm(c.a), c.exact);
        INFO(c.what << ": " << err);
        CHECK(err < 1e-13);
    }
}

TEST_CASE("matrix_exponential: constant matrices fold to constants, zero couplings stay zero") {
    StepBuilder builder(0);
    ExprMatrix e =
        matrix_exponential({{constant(0), constant(1)}, {constant(0), constant(0)}}, builder);
    CHECK(print_expr(e[0][0]) == "1");
    CHECK(print_expr(e[0][1]) == "1");
    CHECK(print_expr(e[1][0]) == "0");
    int used = -1;
    CHECK(builder.finish({}, {}, &used).empty());
    StepBuilder symbolic(0);
    ExprMatrix upper =
        matrix_exponential({{param(0), param(1)}, {constant(0), param(2)}}, symbolic);
    CHECK(print_expr(upper[1][0]) == "0");
}
