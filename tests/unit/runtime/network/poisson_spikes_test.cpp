// Poisson groups with one rate for all elements draw a count and a subset per step
// (runtime/network/poisson_spikes.cpp): the statistics of independent Bernoulli(rate·dt) draws
// per element and step, the same spikes for any thread count, and the per-element draw where
// the rate differs between elements.
#include "tests/unit/runtime/run_helpers.h"

#include <cmath>
#include <set>
#include <string>
#include <vector>

using nj::rt::testing::run_ok;
using nj::rt::testing::RunOptions;
using nj::rt::testing::RunResult;

namespace {

RunResult run_poisson(const std::string& group, const std::string& duration, uint64_t seed = 5, int threads = 1,
                      bool* sparse = nullptr) {
    RunOptions o;
    o.seed = seed;
    o.threads = threads;
    o.before_protocol = [&](nj::rt::Network& network) {
        if (sparse) *sparse = network.plan().groups[0].spike_probability.valid();
    };
    return run_ok("param dt = 0.1 ms\n" + group + "\nmonitor s = spikes(P)\nrun " + duration + "\n", o);
}

}  // namespace

TEST_CASE("poisson_spikes: a uniform rate gives Bernoulli(rate dt) per element and step") {
    // 1000 elements at 20 Hz for 5 s (50 000 steps, p = 0.002): 100 000 spikes expected, sd 316;
    // per element Binomial(50 000, 0.002): mean 100, variance 99.8, so the sample variance of
    // 1000 counts has sd 99.8 * sqrt(2 / 999) = 4.5
    bool sparse = false;
    RunResult r = run_poisson("poisson P(1000, rate = 20 Hz)", "5 s", 5, 1, &sparse);
    CHECK(sparse);
    const auto& i = r.values("s_i.npy");
    const auto& t = r.values("s_t.npy");
    CHECK(std::abs(static_cast<double>(i.size()) - 1e5) < 5 * 316.0);
    std::vector<double> counts(1000, 0.0);
    for (double k : i) counts[static_cast<size_t>(k)] += 1;
    double mean = 0, var = 0;
    for (double c : counts) mean += c / 1000;
    for (double c : counts) var += (c - mean) * (c - mean) / 999;
    CHECK(var == doctest::Approx(99.8).epsilon(5 * 4.5 / 99.8));
    // within a step every element at most once, in increasing order
    bool ordered = true;
    for (size_t k = 1; k < i.size(); ++k) {
        if (t[k] == t[k - 1]) ordered = ordered && i[k] > i[k - 1];
    }
    CHECK(ordered);
    // independence in time: the fraction of spikes followed by one of the same element in the
    // next step is p (0.002); 100 000 spikes give sd 0.00014
    std::set<std::pair<long long, long long>> seen;
    for (size_t k = 0; k < i.size(); ++k) seen.insert({std::llround(t[k] / r.dt_s), std::llround(i[k])});
    double repeats = 0;
    for (const auto& [step, element] : seen) repeats += seen.count({step + 1, element});
    CHECK(repeats / static_cast<double>(seen.size()) == doctest::Approx(0.002).epsilon(5 * 0.00014 / 0.002));
}

TEST_CASE("poisson_spikes: the spikes do not depend on the thread count, and do on the seed") {
    RunResult one = run_poisson("poisson P(3000, rate = 50 Hz)", "200 ms", 9, 1);
    RunResult two = run_poisson("poisson P(3000, rate = 50 Hz)", "200 ms", 9, 2);
    RunResult other = run_poisson("poisson P(3000, rate = 50 Hz)", "200 ms", 10, 1);
    CHECK(one.values("s_i.npy") == two.values("s_i.npy"));
    CHECK(one.values("s_t.npy") == two.values("s_t.npy"));
    CHECK(one.values("s_i.npy") != other.values("s_i.npy"));
}

TEST_CASE("poisson_spikes: a rate that changes in time is drawn anew each step") {
    // 40 Hz in the first 100 ms, then 0: 500 elements * 1000 steps * 0.004 = 2000 (sd 44.6)
    bool sparse = false;
    RunResult r = run_poisson("poisson P(500, rate = where(t < 100 ms, 40 Hz, 0 Hz))", "300 ms", 5, 1, &sparse);
    CHECK(sparse);
    const auto& t = r.values("s_t.npy");
    CHECK(std::abs(static_cast<double>(t.size()) - 2000.0) < 5 * 44.6);
    for (double s : t) CHECK(s < 0.1 - 1e-9);
}

TEST_CASE("poisson_spikes: a rate per element keeps one draw per element") {
    bool sparse = true;
    RunResult r = run_poisson("poisson P(100, rate = (1 + i) * Hz)", "1 s", 5, 1, &sparse);
    CHECK_FALSE(sparse);
    // element i fires at about (1 + i) Hz: 5050 spikes expected, sd 71
    CHECK(std::abs(static_cast<double>(r.values("s_i.npy").size()) - 5050.0) < 5 * 71.0);
}
