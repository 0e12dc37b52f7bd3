// Tests of the split of a model's kernels into parts compiled on separate threads.
#include "compiler/kernel_cache/partition_kernels.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace nj;
using namespace nj::ir;

namespace {

/// A kernel of `terms` per-element additions, `draws` uniform draws and a parameter-only term
/// of `invariant_terms` additions.
Kernel kernel(const std::string& name, int terms, int draws = 0, int invariant_terms = 0) {
    Kernel k;
    k.name = name;
    k.arrays = {"x"};
    k.params = {"p"};
    ExprRef value = load(0);
    for (int t = 0; t < terms; ++t) value = binary("+", value, constant(t));
    for (int d = 0; d < draws; ++d) value = binary("+", value, random("rand", d));
    ExprRef fixed = param(0);
    for (int t = 0; t < invariant_terms; ++t) fixed = binary("*", fixed, constant(t + 2));
    k.body.push_back(store(0, binary("+", value, fixed)));
    return k;
}

}  // namespace

TEST_CASE("compile_cost: per-element work and random draws cost, parameter-only terms do not") {
    const size_t plain = kernel_cache::compile_cost(kernel("a", 5));
    CHECK(kernel_cache::compile_cost(kernel("b", 50)) > plain);
    CHECK(kernel_cache::compile_cost(kernel("c", 5, 1)) > kernel_cache::compile_cost(kernel("d", 20)));
    CHECK(kernel_cache::compile_cost(kernel("e", 5, 0, 100)) == plain + 0);  // they leave the loop
    // a local set from parameters only is no per-element work either
    Kernel with_local = kernel("f", 5);
    with_local.locals = 1;
    ExprRef fixed = param(0);
    for (int t = 0; t < 100; ++t) fixed = binary("*", fixed, constant(t + 2));
    with_local.body.insert(with_local.body.begin(), set_local(0, fixed));
    with_local.body.back().value = binary("+", with_local.body.back().value, local(0));
    CHECK(kernel_cache::compile_cost(with_local) < plain + 20);
}

TEST_CASE("partition_kernels: every kernel in one part, in order, parts balanced by cost") {
    std::vector<Kernel> kernels = {kernel("big", 1000), kernel("s1", 2), kernel("s2", 2), kernel("s3", 2),
                                   kernel("draws", 2, 3), kernel("s4", 2)};
    for (size_t parts : {1u, 2u, 3u, 6u, 10u}) {
        CAPTURE(parts);
        auto split = kernel_cache::partition_kernels(kernels, parts);
        CHECK(split.size() == std::min(parts, kernels.size()));
        std::vector<size_t> seen;
        for (const auto& part : split) {
            CHECK_FALSE(part.empty());
            CHECK(std::is_sorted(part.begin(), part.end()));
            seen.insert(seen.end(), part.begin(), part.end());
        }
        std::sort(seen.begin(), seen.end());
        CHECK(seen == std::vector<size_t>{0, 1, 2, 3, 4, 5});
        CHECK(kernel_cache::partition_kernels(kernels, parts) == split);  // the same split every time
    }
    // the expensive kernel alone, the cheap ones together
    auto two = kernel_cache::partition_kernels(kernels, 2);
    CHECK(std::count_if(two.begin(), two.end(), [](const auto& part) { return part == std::vector<size_t>{0}; }) == 1);
    CHECK(kernel_cache::partition_kernels({}, 2).empty());
}
