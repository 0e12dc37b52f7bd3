// Tests of the object cache: a repeated compile is a hit with the same results; a changed
// kernel, a damaged file or an unusable directory means compiling afresh, never failing.
#include "compiler/jit/kernel_jit.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace nj;
using namespace nj::ir;
namespace fs = std::filesystem;

namespace {

/// A fresh directory, removed with everything in it when the test ends.
struct TempDir {
    fs::path path;
    TempDir() {
        std::string name = (fs::temp_directory_path() / "nj_object_cache_XXXXXX").string();
        REQUIRE(::mkdtemp(name.data()) != nullptr);
        path = name;
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

Kernel decay(const char* factor_op) {
    Kernel k;
    k.name = "decay";
    k.arrays = {"v"};
    k.params = {"tau"};
    k.body.push_back(store(
        0, binary(factor_op, load(0), call("exp", {binary("/", unary("-", dt()), param(0))}))));
    return k;
}

std::unique_ptr<jit::CompiledKernels> compile(const Kernel& k, const jit::JitOptions& options) {
    std::string error;
    auto compiled = jit::compile_kernels({k}, {}, options, &error);
    INFO(error);
    REQUIRE(compiled != nullptr);
    return compiled;
}

std::vector<double> run(const jit::CompiledKernels& compiled) {
    std::vector<double> v(101);
    for (size_t i = 0; i < v.size(); ++i) v[i] = 0.01 * static_cast<double>(i) - 0.5;
    std::vector<double*> arrays = {v.data()};
    std::vector<double> params = {0.02};
    rt::KernelArgs args{
        arrays.data(), params.data(), 0.25, 1e-4, 7, 3, 0, static_cast<int64_t>(v.size())};
    compiled.find("decay")(&args);
    return v;
}

std::vector<fs::path> cache_files(const fs::path& dir) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir)) files.push_back(entry.path());
    return files;
}

jit::JitOptions in(const fs::path& dir) {
    jit::JitOptions options;
    options.cache_dir = dir.string();
    return options;
}

}  // namespace

TEST_CASE("ObjectCache: compiling the same kernels twice is a hit with identical results") {
    TempDir dir;
    auto first = compile(decay("*"), in(dir.path));
    CHECK_FALSE(first->from_cache());
    REQUIRE(cache_files(dir.path).size() == 1);
    auto second = compile(decay("*"), in(dir.path));
    CHECK(second->from_cache());
    CHECK(run(*first) == run(*second));
    CHECK(cache_files(dir.path).size() == 1);  // no temporary files left behind
}

TEST_CASE("ObjectCache: a changed kernel or optimisation level is a miss") {
    TempDir dir;
    auto multiply = compile(decay("*"), in(dir.path));
    auto divide = compile(decay("/"), in(dir.path));
    CHECK_FALSE(divide->from_cache());
    CHECK(run(*multiply) != run(*divide));
    jit::JitOptions o1 = in(dir.path);
    o1.opt_level = 1;
    CHECK_FALSE(compile(decay("*"), o1)->from_cache());
    CHECK(cache_files(dir.path).size() == 3);
    CHECK(compile(decay("/"), in(dir.path))->from_cache());
}

TEST_CASE("ObjectCache: a corrupted or truncated cache file is ignored and rewritten") {
    TempDir dir;
    auto expected = run(*compile(decay("*"), in(dir.path)));
    auto files = cache_files(dir.path);
    REQUIRE(files.size() == 1);
    std::string bytes;
    {
        std::ifstream file(files[0], std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
    }
    REQUIRE(bytes.size() > 200);

    SUBCASE("one flipped byte in the machine code") {
        std::string damaged = bytes;
        damaged[damaged.size() / 2] = static_cast<char>(damaged[damaged.size() / 2] ^ 0x5a);
        std::ofstream(files[0], std::ios::binary | std::ios::trunc) << damaged;
    }
    SUBCASE("the file cut short") {
        std::ofstream(files[0], std::ios::binary | std::ios::trunc)
            << bytes.substr(0, bytes.size() - 100);
    }
    SUBCASE("only part of the header") {
        std::ofstream(files[0], std::ios::binary | std::ios::trunc) << bytes.substr(0, 20);
    }
    SUBCASE("an empty file") {
        std::ofstream(files[0], std::ios::binary | std::ios::trunc);
    }
    auto again = compile(decay("*"), in(dir.path));
    CHECK_FALSE(again->from_cache());
    CHECK(run(*again) == expected);
    // The damaged entry was replaced by a good one.
    CHECK(compile(decay("*"), in(dir.path))->from_cache());
}

TEST_CASE("ObjectCache: an unusable cache directory still compiles, without a cache") {
    TempDir dir;
    fs::path blocker = dir.path / "a_file";
    std::ofstream(blocker) << "not a directory";
    jit::JitOptions options = in(blocker / "cache");  // cannot be created, even by root
    auto first = compile(decay("*"), options);
    auto second = compile(decay("*"), options);
    CHECK_FALSE(first->from_cache());
    CHECK_FALSE(second->from_cache());
    CHECK(run(*first) == run(*second));
}

TEST_CASE("ObjectCache: use_cache = false neither reads nor writes the cache") {
    TempDir dir;
    jit::JitOptions options = in(dir.path);
    options.use_cache = false;
    CHECK_FALSE(compile(decay("*"), options)->from_cache());
    CHECK(cache_files(dir.path).empty());
    compile(decay("*"), in(dir.path));
    CHECK_FALSE(compile(decay("*"), options)->from_cache());
}

TEST_CASE("ObjectCache: keep_llvm_ir compiles afresh, so the LLVM IR is there") {
    TempDir dir;
    compile(decay("*"), in(dir.path));
    jit::JitOptions options = in(dir.path);
    options.keep_llvm_ir = true;
    auto compiled = compile(decay("*"), options);
    CHECK_FALSE(compiled->from_cache());
    CHECK(compiled->llvm_ir().find("define") != std::string::npos);
}

TEST_CASE("ObjectCache: kernels compiled on several threads give the same results, one cache entry per part") {
    TempDir dir;
    std::vector<Kernel> kernels;
    for (int k = 0; k < 5; ++k) {
        Kernel kernel = decay(k % 2 ? "*" : "/");
        kernel.name = "decay" + std::to_string(k);
        kernels.push_back(kernel);
    }
    auto compile_all = [&](int threads) {
        jit::JitOptions options = in(dir.path);
        options.compile_threads = threads;
        std::string error;
        auto compiled = jit::compile_kernels(kernels, {}, options, &error);
        INFO(error);
        REQUIRE(compiled != nullptr);
        return compiled;
    };
    auto results = [&](const jit::CompiledKernels& compiled) {
        std::vector<std::vector<double>> values;
        for (const Kernel& kernel : kernels) {
            std::vector<double> v(101);
            for (size_t i = 0; i < v.size(); ++i) v[i] = 0.01 * static_cast<double>(i) - 0.5;
            std::vector<double*> arrays = {v.data()};
            std::vector<double> params = {0.02};
            rt::KernelArgs args{arrays.data(), params.data(), 0.25, 1e-4, 7, 3, 0, static_cast<int64_t>(v.size())};
            compiled.find(kernel.name)(&args);
            values.push_back(v);
        }
        return values;
    };
    auto serial = compile_all(1);
    CHECK(cache_files(dir.path).size() == 1);
    auto parallel = compile_all(3);
    CHECK_FALSE(parallel->from_cache());  // other parts, other entries
    CHECK(cache_files(dir.path).size() == 4);
    CHECK(results(*parallel) == results(*serial));
    auto again = compile_all(3);
    CHECK(again->from_cache());
    CHECK(results(*again) == results(*serial));
}
