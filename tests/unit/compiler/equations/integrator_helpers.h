// Shared helpers for the integrator tests: JIT-compile the step of a system into a kernel, run
// it for some steps on arrays, and a counter-based normal generator standing in for the runtime's.
#pragma once

#include "compiler/equations/integrate.h"
#include "compiler/ir/print_ir.h"
#include "compiler/ir/verify_ir.h"
#include "compiler/jit/kernel_jit.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace nj::equations::testing {

inline uint64_t splitmix64(uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/// Uniform on (0, 1) as a pure function of the key.
inline double key_uniform(uint64_t seed, uint32_t stream, uint64_t step, uint32_t index,
                          uint32_t draw, uint64_t salt) {
    uint64_t h = splitmix64(seed ^ salt);
    h = splitmix64(h ^ stream);
    h = splitmix64(h ^ step);
    h = splitmix64(h ^ (static_cast<uint64_t>(index) << 32 | draw));
    return (static_cast<double>(h >> 11) + 0.5) * 0x1.0p-53;
}

/// Standard normal by Box–Muller from two keyed uniforms (the test's nj_rt_randn).
inline double test_randn(uint64_t seed, uint32_t stream, uint64_t step, uint32_t index,
                         uint32_t draw) {
    double u1 = key_uniform(seed, stream, step, index, draw, 1);
    double u2 = key_uniform(seed, stream, step, index, draw, 2);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

inline double test_rand(uint64_t seed, uint32_t stream, uint64_t step, uint32_t index,
                        uint32_t draw) {
    return key_uniform(seed, stream, step, index, draw, 3);
}

/// |x - exact| / |exact|.
inline double relative_error(double x, double exact) {
    return std::fabs(x - exact) / std::fabs(exact);
}

/// Whether `ratio` is within `tolerance` (relative) of `expected`.
inline bool near_ratio(double ratio, double expected, double tolerance = 0.15) {
    return std::fabs(ratio / expected - 1) <= tolerance;
}

/// A compiled state-update kernel and the names of its arrays and parameters.
struct Integrator {
    ir::Kernel kernel;
    std::unique_ptr<jit::CompiledKernels> compiled;
    rt::KernelFn fn = nullptr;

    /// Runs `steps` steps of size `dt` from t = 0 on `arrays` (one vector per array slot, all of
    /// the same length), as the runtime would: step n has t = n·dt.
    void run(std::vector<std::vector<double>>& arrays, const std::vector<double>& params, double dt,
             int steps, uint64_t seed = 12345) const {
        std::vector<double*> bases;
        for (auto& a : arrays) bases.push_back(a.data());
        int64_t n = static_cast<int64_t>(arrays.at(0).size());
        for (int s = 0; s < steps; ++s) {
            rt::KernelArgs args{
                bases.data(), params.data(), s * dt, dt, static_cast<uint64_t>(s), seed, 0, n};
            fn(&args);
        }
    }
};

/// Compiles one step of `method` on `system` over arrays `arrays` and parameters `params`;
/// checks that the kernel verifies.
inline Integrator compile_integrator(Method method, const OdeSystem& system,
                                     std::vector<std::string> arrays,
                                     std::vector<std::string> params) {
    Integrator integrator;
    ir::Kernel& k = integrator.kernel;
    k.name = "update";
    k.role = "state_update";
    k.arrays = std::move(arrays);
    k.params = std::move(params);
    k.stream = 4;
    k.body = integrate(method, system, 0, &k.locals);
    auto problems = ir::verify_kernel(k);
    std::string first_problem = problems.empty() ? std::string() : problems.front();
    INFO(first_problem);
    REQUIRE(problems.empty());
    std::string error;
    std::vector<jit::RuntimeSymbol> symbols = {
        {"nj_rt_rand", reinterpret_cast<void*>(&test_rand)},
        {"nj_rt_randn", reinterpret_cast<void*>(&test_randn)}};
    integrator.compiled = jit::compile_kernels({k}, symbols, {}, &error);
    INFO(error);
    REQUIRE(integrator.compiled != nullptr);
    integrator.fn = integrator.compiled->find("update");
    bool found = integrator.fn != nullptr;
    REQUIRE(found);
    return integrator;
}

/// The statements of one step of `method` on `system` as IR text (two-space indented lines).
inline std::string step_text(Method method, const OdeSystem& system,
                             std::vector<std::string> arrays, std::vector<std::string> params,
                             int first_local = 0) {
    ir::Kernel k;
    k.arrays = std::move(arrays);
    k.params = std::move(params);
    k.body = integrate(method, system, first_local, &k.locals);
    std::string text = ir::print_kernel(k);
    return text.substr(text.find('\n') + 1);
}

}  // namespace nj::equations::testing
