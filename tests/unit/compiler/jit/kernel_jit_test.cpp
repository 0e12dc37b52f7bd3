// Tests of JIT compilation: kernels built from IR run on arrays and match direct C++.
#include "compiler/ir/fingerprint_ir.h"
#include "compiler/jit/kernel_jit.h"
#include "runtime/rng/rng_symbols.h"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using namespace nj;
using namespace nj::ir;

namespace {

/// Stand-in for the runtime's generator: a readable function of its key, so tests can
/// predict every value the kernel draws.
double test_rand(uint64_t seed, uint32_t stream, uint64_t step, uint32_t index,
                            uint32_t draw) {
    return static_cast<double>(seed * 1000000 + stream * 10000 + step * 100 + index + draw * 0.5);
}

std::unique_ptr<jit::CompiledKernels> compile(const std::vector<Kernel>& kernels) {
    std::string error;
    std::vector<jit::RuntimeSymbol> symbols = {{"nj_rt_rand", reinterpret_cast<void*>(&test_rand)},
                                               {"nj_rt_randn", reinterpret_cast<void*>(&test_rand)}};
    auto compiled = jit::compile_kernels(kernels, symbols, {}, &error);
    INFO(error);
    REQUIRE(compiled != nullptr);
    return compiled;
}

rt::KernelArgs args_for(std::vector<double*>& arrays, const std::vector<double>& params,
                        int64_t begin, int64_t end) {
    return rt::KernelArgs{arrays.data(), params.data(), 0.25, 1e-4, 7, 3, begin, end};
}

/// Kernels compiled without the object cache, linked to the runtime's random-number symbols.
std::unique_ptr<jit::CompiledKernels> compile_with_runtime_rng(const std::vector<Kernel>& kernels) {
    std::string error;
    std::vector<jit::RuntimeSymbol> table;
    for (const auto& symbol : rt::rng_runtime_symbols()) table.push_back({symbol.name, symbol.address});
    jit::JitOptions options;
    options.use_cache = false;
    auto compiled = jit::compile_kernels(kernels, table, options, &error);
    INFO(error);
    REQUIRE(compiled != nullptr);
    return compiled;
}

/// Kernels compiled without the object cache, keeping their optimised LLVM IR.
std::unique_ptr<jit::CompiledKernels> compile_keeping_ir(const std::vector<Kernel>& kernels) {
    std::string error;
    jit::JitOptions options;
    options.use_cache = false;
    options.keep_llvm_ir = true;
    auto compiled = jit::compile_kernels(kernels, {}, options, &error);
    INFO(error);
    REQUIRE(compiled != nullptr);
    return compiled;
}

}  // namespace

TEST_CASE("CompiledKernels: an exponential decay matches std::exp to the last bits") {
    Kernel k;
    k.name = "decay";
    k.arrays = {"v"};
    k.params = {"tau"};
    k.body.push_back(store(0, binary("*", load(0), call("exp", {binary("/", unary("-", dt()), param(0))}))));
    auto compiled = compile({k});
    std::vector<double> v(1003);
    for (size_t i = 0; i < v.size(); ++i) v[i] = 0.001 * static_cast<double>(i) - 0.5;
    std::vector<double> expected = v;
    std::vector<double*> arrays = {v.data()};
    std::vector<double> params = {0.02};
    auto args = args_for(arrays, params, 0, static_cast<int64_t>(v.size()));
    compiled->find("decay")(&args);
    for (size_t i = 0; i < v.size(); ++i) {
        CHECK(v[i] == doctest::Approx(expected[i] * std::exp(-1e-4 / 0.02)).epsilon(1e-15));
    }
}

TEST_CASE("CompiledKernels: float slots are widened when loaded and rounded when stored") {
    // y = x / 3 into a double array and a float array, with x a float array; y also reads back
    // its own float value: (x / 3) rounded to float, then widened
    Kernel k;
    k.name = "third";
    k.arrays = {"x", "exact", "rounded", "again"};
    k.single_arrays = {true, false, true, false};
    k.body.push_back(store(1, binary("/", load(0), constant(3))));
    k.body.push_back(store(2, binary("/", load(0), constant(3))));
    k.body.push_back(store(3, load(2)));
    auto compiled = compile({k});
    std::vector<float> x = {1.0f, 2.0f, 0.1f, 16777217.0f};
    std::vector<double> exact(4), again(4);
    std::vector<float> rounded(4);
    std::vector<double*> arrays = {reinterpret_cast<double*>(x.data()), exact.data(),
                                   reinterpret_cast<double*>(rounded.data()), again.data()};
    std::vector<double> params;
    auto args = args_for(arrays, params, 0, 4);
    compiled->find("third")(&args);
    for (size_t i = 0; i < 4; ++i) {
        INFO("element ", i);
        CHECK(exact[i] == static_cast<double>(x[i]) / 3.0);  // computed in double
        CHECK(rounded[i] == static_cast<float>(static_cast<double>(x[i]) / 3.0));
        CHECK(again[i] == static_cast<double>(rounded[i]));
    }
}

TEST_CASE("CompiledKernels: threshold and reset only touch the elements in [begin, end)") {
    Kernel k;
    k.name = "spike";
    k.arrays = {"v", "spiked"};
    k.params = {"vt", "vr"};
    ExprRef crossed = compare(">", load(0), param(0));
    k.body.push_back(store(1, select(crossed, constant(1), constant(0))));
    k.body.push_back(if_then(crossed, {store(0, param(1))}));
    auto compiled = compile({k});
    std::vector<double> v = {-0.06, -0.04, -0.051, -0.03, -0.02};
    std::vector<double> spiked(5, -1);
    std::vector<double*> arrays = {v.data(), spiked.data()};
    std::vector<double> params = {-0.05, -0.07};
    auto args = args_for(arrays, params, 1, 4);
    compiled->find("spike")(&args);
    CHECK(v == std::vector<double>{-0.06, -0.07, -0.051, -0.07, -0.02});
    CHECK(spiked == std::vector<double>{-1, 1, 0, 1, -1});
}

TEST_CASE("CompiledKernels: libm functions and random draws (randn) reach the right symbols") {
    Kernel k;
    k.name = "mix";
    k.stream = 2;
    k.arrays = {"x", "r"};
    k.body.push_back(store(0, call("tanh", {load(0)})));
    k.body.push_back(store(1, binary("+", random("randn", 0), random("randn", 1))));
    auto compiled = compile({k});
    std::vector<double> x = {0.0, 0.5, -2.0};
    std::vector<double> r(3);
    std::vector<double*> arrays = {x.data(), r.data()};
    std::vector<double> params;
    auto args = args_for(arrays, params, 0, 3);
    compiled->find("mix")(&args);
    CHECK(x[1] == doctest::Approx(std::tanh(0.5)).epsilon(1e-15));
    CHECK(x[2] == doctest::Approx(std::tanh(-2.0)).epsilon(1e-15));
    for (uint32_t i = 0; i < 3; ++i) {
        CHECK(r[i] == test_rand(3, 2, 7, i, 0) + test_rand(3, 2, 7, i, 1));
    }
    bool found = compiled->find("absent") != nullptr;
    CHECK_FALSE(found);
}

TEST_CASE("CompiledKernels: rand is emitted inline and equals the runtime's nj_rt_rand bit for bit") {
    // emit_philox.h writes Philox4x32-10 as IR; every field of the counter matters: seeds with
    // high bits, steps beyond 2^32, several streams and draw numbers, indices across the range
    Kernel k;
    k.name = "draws";
    k.stream = 0x5A5A5u;
    k.arrays = {"a", "b"};
    k.body.push_back(store(0, random("rand", 0)));
    k.body.push_back(store(1, random("rand", 40000)));
    auto compiled = compile({k});
    for (uint64_t seed : {uint64_t{3}, uint64_t{0xFEDCBA9876543210ull}}) {
        for (uint64_t step : {uint64_t{0}, uint64_t{7}, (uint64_t{1} << 35) + 12345}) {
            std::vector<double> a(1037), b(1037);
            std::vector<double*> arrays = {a.data(), b.data()};
            std::vector<double> params;
            rt::KernelArgs args{arrays.data(), params.data(), 0.0, 1e-4, step, seed, 0, 1037};
            compiled->find("draws")(&args);
            for (uint32_t i = 0; i < a.size(); ++i) {
                CAPTURE(i);
                CHECK(a[i] == nj_rt_rand(seed, 0x5A5A5u, step, i, 0));
                CHECK(b[i] == nj_rt_rand(seed, 0x5A5A5u, step, i, 40000));
            }
        }
    }
}

TEST_CASE("CompiledKernels: Poisson counts decided inline equal the runtime's nj_rt_poisson") {
    // The kernel returns 0 itself when rand() of the draw is below exp(-mean) and calls the
    // runtime otherwise; every count must equal a direct call, for small, moderate and large
    // means, a zero mean, and invalid means (the runtime's NaN).
    Kernel k;
    k.name = "counts";
    k.stream = 77;
    k.arrays = {"mean", "n"};
    k.body.push_back(store(1, random_poisson(load(0), 3)));
    auto compiled = compile_with_runtime_rng({k});
    const std::vector<double> means = {0.0, 1e-6, 0.02, 0.2, 1.0, 3.7, 9.99, 10.0, 55.0, -1.0, std::nan("")};
    const size_t per_mean = 400;
    std::vector<double> mean(means.size() * per_mean), n(mean.size());
    for (size_t i = 0; i < mean.size(); ++i) mean[i] = means[i / per_mean];
    std::vector<double*> arrays = {mean.data(), n.data()};
    std::vector<double> params;
    for (uint64_t step : {uint64_t{0}, uint64_t{12345}}) {
        rt::KernelArgs args{arrays.data(), params.data(), 0.0, 1e-4, step, 99, 0, static_cast<int64_t>(mean.size())};
        compiled->find("counts")(&args);
        for (uint32_t i = 0; i < mean.size(); ++i) {
            CAPTURE(i);
            CAPTURE(mean[i]);
            double direct = nj_rt_poisson(mean[i], 99, 77, step, i, 3);
            if (std::isnan(direct)) CHECK(std::isnan(n[i]));
            else CHECK(n[i] == direct);
        }
    }
}

TEST_CASE("CompiledKernels: Poisson counts equal nj_rt_poisson over any range, on listed elements and with two draws") {
    // The element loop runs in chunks whose Poisson uniforms a vectorized pre-loop computes: a
    // range that starts and ends inside a chunk, an indexed kernel (elements from a list) and
    // two draws of one element must still give each draw its own count.
    Kernel k;
    k.name = "two_counts";
    k.stream = 31;
    k.arrays = {"mean", "n", "m"};
    k.body.push_back(store(1, random_poisson(load(0), 2)));
    k.body.push_back(if_then(compare(">", load(0), constant(0.5)),
                             {store(2, random_poisson(binary("*", load(0), constant(2)), 7))}));
    Kernel listed = k;
    listed.name = "listed_counts";
    listed.indexed = true;
    auto compiled = compile_with_runtime_rng({k, listed});
    const size_t size = 1000;
    std::vector<double> mean(size), n(size, -1), m(size, -1);
    for (size_t i = 0; i < size; ++i) mean[i] = 0.05 + 3.0 * static_cast<double>(i % 17) / 17.0;
    std::vector<double*> arrays = {mean.data(), n.data(), m.data()};
    std::vector<double> params;
    const uint64_t step = 4242, seed = 7;
    auto check = [&](uint32_t i) {
        CAPTURE(i);
        CHECK(n[i] == nj_rt_poisson(mean[i], seed, 31, step, i, 2));
        if (mean[i] > 0.5) CHECK(m[i] == nj_rt_poisson(2 * mean[i], seed, 31, step, i, 7));
        else CHECK(m[i] == -1);
    };

    rt::KernelArgs range{arrays.data(), params.data(), 0.0, 1e-4, step, seed, 37, 937};
    compiled->find("two_counts")(&range);
    for (uint32_t i = 0; i < size; ++i) {
        if (i >= 37 && i < 937) check(i);
        else CHECK(n[i] == -1);
    }

    std::fill(n.begin(), n.end(), -1);
    std::fill(m.begin(), m.end(), -1);
    std::vector<int64_t> elements;
    for (int64_t i = size - 1; i >= 0; i -= 3) elements.push_back(i);  // descending, every third
    rt::KernelArgs list{arrays.data(), params.data(), 0.0, 1e-4, step, seed, 1, static_cast<int64_t>(elements.size()), elements.data()};
    compiled->find("listed_counts")(&list);
    for (size_t p = 1; p < elements.size(); ++p) check(static_cast<uint32_t>(elements[p]));
    CHECK(n[static_cast<size_t>(elements[0])] == -1);  // position 0 is before `begin`
}

TEST_CASE("CompiledKernels: a Poisson count beside another sampler (no pre-loop) equals nj_rt_poisson") {
    Kernel k;
    k.name = "count_and_beta";
    k.stream = 12;
    k.arrays = {"mean", "n", "b"};
    k.body.push_back(store(1, random_poisson(load(0), 0)));
    k.body.push_back(store(2, random_with("beta", {constant(10), constant(10)}, 1)));
    auto compiled = compile_with_runtime_rng({k});
    std::vector<double> mean(300), n(300), b(300);
    for (size_t i = 0; i < mean.size(); ++i) mean[i] = 0.1 + static_cast<double>(i % 7);
    std::vector<double*> arrays = {mean.data(), n.data(), b.data()};
    std::vector<double> params;
    rt::KernelArgs args{arrays.data(), params.data(), 0.0, 1e-4, 9, 5, 3, 300};
    compiled->find("count_and_beta")(&args);
    for (uint32_t i = 3; i < 300; ++i) {
        CAPTURE(i);
        CHECK(n[i] == nj_rt_poisson(mean[i], 5, 12, 9, i, 0));
        CHECK(b[i] == nj_rt_beta(10, 10, 5, 12, 9, i, 1));
    }
}

TEST_CASE("CompiledKernels: element loops are vectorized at most 256 bits wide") {
    // prefer_256_bit_vectors (kernel_jit.cpp): on an AVX-512 host the loop below would otherwise
    // use 8-wide vectors, whose stores the next iteration's reload cannot forward on Zen 4.
    Kernel k;
    k.name = "scale";
    k.arrays = {"x", "y"};
    k.body = {store(0, binary("*", load(0), constant(0.5))),
              store(1, select(compare(">", load(0), constant(1)), constant(1), constant(0)))};
    auto compiled = compile_keeping_ir({k});
    const std::string& ir = compiled->llvm_ir();
    CHECK(ir.find("x double>") != std::string::npos);  // vectorized...
    CHECK(ir.find("<8 x double>") == std::string::npos);  // ...but not 512 bits wide
    // a kernel whose arrays fit in the cache may use 512 bits where the host has them
    k.fits_in_cache = true;
    CHECK(fingerprint_kernel(k) != fingerprint_kernel([&] {
              Kernel streaming = k;
              streaming.fits_in_cache = false;
              return streaming;
          }()));  // a cache entry of its own
    const std::string& wide = compile_keeping_ir({k})->llvm_ir();
#if defined(__x86_64__)
    const bool has_avx512 = __builtin_cpu_supports("avx512f");
#else
    const bool has_avx512 = false;
#endif
    CHECK((wide.find("<8 x double>") != std::string::npos) == has_avx512);
}

TEST_CASE("CompiledKernels: arrays are distinct alias scopes, so a value stored is read back without a reload") {
    // x = 2 y; y = x + 1; z = x * y: the loads of x and y after their stores read the stored
    // values. With each slot its own scope (make_alias_scopes), the optimiser forwards them and
    // the loop needs no run-time overlap checks.
    Kernel k;
    k.name = "chain";
    k.arrays = {"x", "y", "z"};
    k.body = {store(0, binary("*", load(1), constant(2))), store(1, binary("+", load(0), constant(1))),
              store(2, binary("*", load(0), load(1)))};
    auto compiled = compile_keeping_ir({k});
    CHECK(compiled->llvm_ir().find("vector.memcheck") == std::string::npos);  // no overlap checks
    std::vector<double> x(1001, 0.0), y(1001), z(1001, 0.0);
    for (size_t i = 0; i < y.size(); ++i) y[i] = static_cast<double>(i) * 0.25;
    std::vector<double*> arrays = {x.data(), y.data(), z.data()};
    std::vector<double> params;
    rt::KernelArgs args{arrays.data(), params.data(), 0.0, 1e-4, 0, 0, 0, 1001};
    compiled->find("chain")(&args);
    for (size_t i = 0; i < x.size(); ++i) {
        const double x_i = static_cast<double>(i) * 0.5, y_i = x_i + 1;
        CAPTURE(i);
        CHECK(x[i] == x_i);
        CHECK(y[i] == y_i);
        CHECK(z[i] == x_i * y_i);
    }
}

TEST_CASE("CompiledKernels: division by a per-call constant is a multiply by its reciprocal, by an element's value exact") {
    // docs/language.md, "Arithmetic": x / tau with tau a parameter is x * (1 / tau), the
    // reciprocal computed once per call; x / y with y an array stays a true division, and so
    // does a quotient of constants only.
    Kernel k;
    k.name = "divide";
    k.arrays = {"x", "y", "by_param", "by_element", "constants"};
    k.params = {"tau"};
    k.body = {store(2, binary("/", load(0), param(0))), store(3, binary("/", load(0), load(1))),
              store(4, binary("/", param(0), binary("+", dt(), constant(3))))};
    auto compiled = compile_keeping_ir({k});
    const std::string& ir = compiled->llvm_ir();
    CHECK(ir.find("fdiv double 1.000000e+00, %tau") != std::string::npos);  // once, before the loop
    std::vector<double> x(997), y(997), by_param(997), by_element(997), constants(997);
    for (size_t i = 0; i < x.size(); ++i) {
        x[i] = 0.1 + 0.37 * static_cast<double>(i);
        y[i] = 0.3 + 0.011 * static_cast<double>(i);
    }
    std::vector<double*> arrays = {x.data(), y.data(), by_param.data(), by_element.data(), constants.data()};
    const double tau = 0.003;  // 1/tau is inexact, so x * (1/tau) differs from x / tau for some x
    std::vector<double> params = {tau};
    auto args = args_for(arrays, params, 0, static_cast<int64_t>(x.size()));
    compiled->find("divide")(&args);
    size_t differ = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        CAPTURE(i);
        CHECK(by_param[i] == x[i] * (1 / tau));
        CHECK(by_element[i] == x[i] / y[i]);
        CHECK(constants[i] == tau / (1e-4 + 3));
        differ += by_param[i] != x[i] / tau;
    }
    CHECK(differ > 0);  // the test sees the rule: some products are not the exact quotient
}
