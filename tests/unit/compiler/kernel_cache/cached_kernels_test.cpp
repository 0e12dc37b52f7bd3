// Tests link_cached_kernels: objects the JIT stored are linked without LLVM to the same machine
// code, and anything short of a full, intact cache leaves the work to the JIT.
#include "compiler/kernel_cache/cached_kernels.h"

#include "compiler/jit/kernel_jit.h"
#include "compiler/kernel_cache/elf_linker.h"
#include "runtime/rng/rng_symbols.h"
#include "tests/unit/runtime/io/io_test_helpers.h"

#include <doctest/doctest.h>

#include <sched.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <vector>

using namespace nj;
using namespace nj::ir;
namespace fs = std::filesystem;

namespace {

using rt::test::TempFolder;

/// Kernels that use what linking must supply: constants, libm (exp, tanh), the runtime's random
/// numbers, and more than one part when compiled on several threads.
std::vector<Kernel> sample_kernels() {
    Kernel decay;
    decay.name = "decay";
    decay.arrays = {"v"};
    decay.params = {"tau"};
    decay.body.push_back(store(0, binary("*", load(0), call("exp", {binary("/", unary("-", dt()), param(0))}))));
    Kernel noisy;
    noisy.name = "noisy";
    noisy.stream = 4;
    noisy.arrays = {"x", "r"};
    noisy.body.push_back(store(0, call("tanh", {binary("+", load(0), constant(0.25))})));
    noisy.body.push_back(store(1, binary("+", random("randn", 0), random("rand", 1))));
    return {decay, noisy};
}

std::vector<jit::RuntimeSymbol> runtime_symbols() {
    std::vector<jit::RuntimeSymbol> table;
    for (const auto& symbol : rt::rng_runtime_symbols()) table.push_back({symbol.name, symbol.address});
    return table;
}

jit::JitOptions cached_in(const fs::path& dir, int threads) {
    jit::JitOptions options;
    options.cache_dir = dir.string();
    options.compile_threads = threads;
    return options;
}

/// Both kernels run over 37 elements; all arrays, concatenated.
std::vector<double> run(const jit::CompiledKernels& compiled) {
    std::vector<double> v(37), x(37), r(37);
    for (size_t i = 0; i < v.size(); ++i) v[i] = x[i] = 0.05 * static_cast<double>(i) - 0.9;
    std::vector<double> params = {0.02};
    std::vector<double*> decay_arrays = {v.data()};
    std::vector<double*> noisy_arrays = {x.data(), r.data()};
    rt::KernelArgs decay_args{decay_arrays.data(), params.data(), 0.25, 1e-4, 7, 3, 0, 37};
    rt::KernelArgs noisy_args{noisy_arrays.data(), params.data(), 0.25, 1e-4, 7, 3, 0, 37};
    compiled.find("decay")(&decay_args);
    compiled.find("noisy")(&noisy_args);
    v.insert(v.end(), x.begin(), x.end());
    v.insert(v.end(), r.begin(), r.end());
    return v;
}

std::unique_ptr<jit::CompiledKernels> compile_with_llvm(const jit::JitOptions& options) {
    std::string error;
    auto compiled = jit::compile_kernels(sample_kernels(), runtime_symbols(), options, &error);
    INFO(error);
    REQUIRE(compiled != nullptr);
    return compiled;
}

}  // namespace

TEST_CASE("link_cached_kernels: what the JIT stored links without LLVM and computes the same bits") {
    if (!kernel_cache::host_cpu_fingerprint()) return;  // only x86-64 links without LLVM
    for (int threads : {1, 2}) {
        CAPTURE(threads);
        TempFolder dir;
        auto options = cached_in(dir.path(), threads);
        CHECK(kernel_cache::link_cached_kernels(sample_kernels(), runtime_symbols(), options) == nullptr);
        auto compiled = compile_with_llvm(options);
        CHECK_FALSE(compiled->from_cache());
        std::string why;
        auto linked = kernel_cache::link_cached_kernels(sample_kernels(), runtime_symbols(), options, &why);
        INFO(why);
        REQUIRE(linked != nullptr);
        CHECK(linked->from_cache());
        const bool absent_found = linked->find("absent") != nullptr;
        CHECK_FALSE(absent_found);
        const auto expected = run(*compiled);
        CHECK(run(*linked) == expected);
        CHECK(expected[0] == std::exp(-1e-4 / 0.02) * -0.9);
    }
}

TEST_CASE("link_cached_kernels: a missing or damaged part, or options that need LLVM, give nothing") {
    if (!kernel_cache::host_cpu_fingerprint()) return;
    TempFolder dir;
    auto options = cached_in(dir.path(), 2);
    compile_with_llvm(options);
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir.path())) files.push_back(entry.path());
    REQUIRE(files.size() == 2);

    auto ir_options = options;
    ir_options.keep_llvm_ir = true;
    CHECK(kernel_cache::link_cached_kernels(sample_kernels(), runtime_symbols(), ir_options) == nullptr);
    auto uncached = options;
    uncached.use_cache = false;
    CHECK(kernel_cache::link_cached_kernels(sample_kernels(), runtime_symbols(), uncached) == nullptr);
    auto other_level = options;
    other_level.opt_level = 1;
    CHECK(kernel_cache::link_cached_kernels(sample_kernels(), runtime_symbols(), other_level) == nullptr);

    {
        std::fstream damage(files[0], std::ios::in | std::ios::out | std::ios::binary);
        damage.seekp(static_cast<std::streamoff>(fs::file_size(files[0]) - 9));
        damage.put('\x5a');
    }
    CHECK(kernel_cache::link_cached_kernels(sample_kernels(), runtime_symbols(), options) == nullptr);
    fs::remove(files[0]);
    CHECK(kernel_cache::link_cached_kernels(sample_kernels(), runtime_symbols(), options) == nullptr);
}

TEST_CASE("link_cached_kernels: a symbol nobody defines makes the link decline, naming it") {
    if (!kernel_cache::host_cpu_fingerprint()) return;
    TempFolder dir;
    auto options = cached_in(dir.path(), 1);
    compile_with_llvm(options);
    std::string why;
    CHECK(kernel_cache::link_cached_kernels(sample_kernels(), {}, options, &why) == nullptr);
    CHECK(why.find("nj_rt_") != std::string::npos);
}

TEST_CASE("LinkedCode: bytes that are not an x86-64 relocatable object are declined") {
    std::string why;
    auto resolve = [](const std::string&) -> void* { return nullptr; };
    CHECK(kernel_cache::LinkedCode::link({std::string_view("not an object")}, resolve, &why) == nullptr);
    CHECK(why == "not an ELF object");
    std::string header(64, '\0');
    header.replace(0, 4, "\x7f" "ELF");
    header[4] = 1;  // 32-bit
    CHECK(kernel_cache::LinkedCode::link({std::string_view(header)}, resolve, &why) == nullptr);
    CHECK(why == "not a relocatable x86-64 ELF object");
}

TEST_CASE("host_cpu_fingerprint: the same on every CPU this process may run on") {
    auto here = kernel_cache::host_cpu_fingerprint();
    if (!here) return;
    CHECK(here->rfind("x86_64;", 0) == 0);
    cpu_set_t allowed;
    REQUIRE(sched_getaffinity(0, sizeof allowed, &allowed) == 0);
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
        if (!CPU_ISSET(cpu, &allowed)) continue;
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(cpu, &one);
        REQUIRE(sched_setaffinity(0, sizeof one, &one) == 0);
        CAPTURE(cpu);
        CHECK(kernel_cache::host_cpu_fingerprint() == here);
    }
    sched_setaffinity(0, sizeof allowed, &allowed);
}
