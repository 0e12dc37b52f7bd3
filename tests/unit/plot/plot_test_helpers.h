// Shared helpers for the plotting tests: a small run directory written with the run's own writers.
#pragma once

#include "runtime/io/npy_writer.h"
#include "runtime/io/run_directory.h"
#include "tests/unit/runtime/io/io_test_helpers.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nj::plot::test {

/// Writes into `dir` what a small run writes: summary.json, a spike monitor `sp` (3 neurons),
/// a rate monitor `pop`, a state monitor `tr` of `v` (8 elements, so it also gets a heat map)
/// and a snapshot `w_final`.
inline void write_small_run(const std::filesystem::path& dir) {
    std::string error;
    auto summary = rt::make_summary_skeleton("small", "fast", 1);
    summary["simulated_time"] = {{"value", 0.1}, {"unit", "second"}};
    summary["units"] = {{"tr_v", "volt"}};
    summary["metrics"]["w_stats"] = {{"bin_edges", {0.0, 0.5, 1.0}}, {"histogram", {3, 5}}};
    auto run = rt::RunDirectory::open_explicit(dir, &error);
    run->write_summary(summary, &error);
    std::vector<std::int32_t> i = {0, 2, 1, 0};
    std::vector<double> t = {0.01, 0.02, 0.05, 0.09};
    rt::write_npy(dir / "sp_i.npy", std::span<const std::int32_t>(i), {4}, &error);
    rt::write_npy(dir / "sp_t.npy", std::span<const double>(t), {4}, &error);
    std::vector<double> bins, rates, v;
    for (int k = 0; k < 100; ++k) {
        bins.push_back(k * 0.001);
        rates.push_back(k % 7);
        for (int e = 0; e < 8; ++e) v.push_back(-0.065 + 0.001 * e + 0.0001 * k);
    }
    rt::write_npy(dir / "pop_t.npy", std::span<const double>(bins), {100}, &error);
    rt::write_npy(dir / "pop_rate.npy", std::span<const double>(rates), {100}, &error);
    rt::write_npy(dir / "tr_t.npy", std::span<const double>(bins), {100}, &error);
    rt::write_npy(dir / "tr_v.npy", std::span<const double>(v), {100, 8}, &error);
    std::vector<double> w = {0.1, 0.5, 0.5, 0.9, 0.2};
    rt::write_npy(dir / "w_final.npy", std::span<const double>(w), {5}, &error);
}

}  // namespace nj::plot::test
