// In-process runs of models with synapses (lower_synapses.h, lower_connect.h, network synapses):
// delivery steps with and without delays, summed variables, STDP against its analytic window,
// gap junctions, connect statistics, clock-driven equations, degrees and synapse monitors.
// Over 600 lines because each test carries its whole model text next to the values it expects.
#include "tests/unit/runtime/run_helpers.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

using nj::rt::testing::run_ok;
using nj::rt::testing::RunOptions;
using nj::rt::testing::RunResult;
using nj::rt::testing::column;

namespace {

/// The first row where `trace` differs from its first value; the size when it never does.
size_t first_change(const std::vector<double>& trace) {
    for (size_t row = 1; row < trace.size(); ++row) {
        if (trace[row] != trace[0]) return row;
    }
    return trace.size();
}

/// The step of a recorded time.
int64_t step_of(double t, const RunResult& r) {
    return std::llround(t / r.dt_s);
}

/// Spike steps by neuron from a spike monitor's files.
std::map<int64_t, std::vector<int64_t>> spike_steps(const RunResult& r,
                                                    const std::string& monitor) {
    const auto& is = r.values(monitor + "_i.npy");
    const auto& ts = r.values(monitor + "_t.npy");
    std::map<int64_t, std::vector<int64_t>> out;
    for (size_t k = 0; k < is.size(); ++k) out[std::llround(is[k])].push_back(step_of(ts[k], r));
    return out;
}

/// Synapse k's (pre, post) pair, as indices into the root groups' arrays.
std::pair<size_t, size_t> pair_of(const RunResult& r, const std::string& synapses, size_t k) {
    return {static_cast<size_t>(std::llround(r.array(synapses + ".pre")[k])),
            static_cast<size_t>(std::llround(r.array(synapses + ".post")[k]))};
}

// Neuron i of a Ramp group integrates v = (n + 1) * 0.1 * k after the update of step n (Euler
// is exact for a constant slope), so with k = 1 + i it crosses 0.55 at step 5 (i = 0, v = 0.6)
// or step 2 (i = 1, v = 0.6), then is reset far below threshold: one spike each.
const std::string ramp_type = R"(
param dt = 0.1 ms
neuron Ramp {
  equations {
    dv/dt = k / ms : 1
    k : 1 (constant)
  }
  threshold: v > 0.55
  reset: v = -1000
  method: euler
}
group Src = Ramp(2) { k = 1 + i }
monitor spikes(Src)
)";

}  // namespace

TEST_CASE("synapses: without a delay a spike at step n shows in the state recorded at step n + 1") {
    // Propagation runs within the spike's step, after the state update; a state monitor records
    // at the start of each step, so the first row with the increment is the next step's.
    auto r = run_ok(ramp_type + R"(
group Tgt(2) {
  equations {
    x : 1
    y : 1
  }
}
synapses S(Src -> Tgt) {
  on_pre: x_post += 1; y += k_pre
  connect: one_to_one
}
monitor xs = state(Tgt, x, y)
run 2 ms
)");
    auto spikes = spike_steps(r, "spikes_Src");
    CHECK(spikes[0] == std::vector<int64_t>{5});
    CHECK(spikes[1] == std::vector<int64_t>{2});
    for (size_t k = 0; k < 2; ++k) {
        CAPTURE(k);
        auto x = column(r, "xs_x.npy", k);
        size_t change = first_change(x);
        CHECK(change == static_cast<size_t>(spikes[static_cast<int64_t>(k)][0] + 1));
        CHECK(x[change - 1] == 0.0);
        CHECK(x.back() == 1.0);  // exactly one delivery
        // unsuffixed `y` is the post neuron's (the synapse has no y); k_pre is the source's k
        CHECK(r.array("Tgt.y")[k] == static_cast<double>(1 + k));
        CHECK(first_change(column(r, "xs_y.npy", k)) == change);
    }
}

TEST_CASE("synapses: an unsuffixed name is the synapse's own variable before the post neuron's") {
    // Both the synapse and Tgt have `w`: `w += 1` changes the synapse's, `w_post += 10` Tgt's.
    auto r = run_ok(ramp_type + R"(
group Tgt(1) {
  equations { w : 1 }
}
synapses S(Src -> Tgt) {
  equations { w : 1 }
  on_pre: w += 1; w_post += 10
  connect: all
}
run 1 ms
)");
    CHECK(r.array("S.w") == std::vector<double>{1.0, 1.0});
    CHECK(r.array("Tgt.w") == std::vector<double>{20.0});
}

TEST_CASE("synapses: a 1.5 ms delay at dt = 0.1 ms delivers exactly 15 steps later") {
    auto r = run_ok(ramp_type + R"(
group Tgt(2) {
  equations { x : 1 }
}
synapses S(Src -> Tgt) {
  on_pre: x += 1
  connect: one_to_one
  delay: 1.5 ms
}
monitor xs = state(Tgt, x)
run 4 ms
)");
    auto spikes = spike_steps(r, "spikes_Src");
    REQUIRE(spikes[0] == std::vector<int64_t>{5});
    REQUIRE(spikes[1] == std::vector<int64_t>{2});
    CHECK(r.array("S.delay") == std::vector<double>{1.5e-3, 1.5e-3});
    // delivered at spike step + 15, visible in the row after it
    CHECK(first_change(column(r, "xs_x.npy", 0)) == 5 + 15 + 1);
    CHECK(first_change(column(r, "xs_x.npy", 1)) == 2 + 15 + 1);
    CHECK(r.array("Tgt.x") == std::vector<double>{1.0, 1.0});
}

TEST_CASE("synapses: per-synapse delays deliver each synapse's spike at its own step") {
    // delays (1 + 2j) * 0.7 ms = 0.7, 2.1, 3.5, 4.9 ms: 7, 21, 35, 49 steps (none near a .5)
    auto r = run_ok(ramp_type + R"(
group Tgt(4) {
  equations { x : 1 }
}
synapses S(Src -> Tgt) {
  on_pre: x_post += 1
  connect: i = [0, 0, 1, 1], j = [0, 1, 2, 3]
  delay: (1 + 2 * j) * 0.7 ms
}
monitor xs = state(Tgt, x)
run 8 ms
)");
    auto spikes = spike_steps(r, "spikes_Src");
    REQUIRE(spikes[0] == std::vector<int64_t>{5});
    REQUIRE(spikes[1] == std::vector<int64_t>{2});
    const int64_t source_step[4] = {5, 5, 2, 2};
    const int64_t delay_steps[4] = {7, 21, 35, 49};
    for (size_t k = 0; k < 4; ++k) {
        CAPTURE(k);
        auto x = column(r, "xs_x.npy", k);
        CHECK(first_change(x) == static_cast<size_t>(source_step[k] + delay_steps[k] + 1));
        CHECK(x.back() == 1.0);
    }
}

TEST_CASE("synapses: a summed variable sums w * x_pre over the synapses, before the update") {
    // x ramps by 0.1 per step; the sum runs first in each step, so the final Isum was summed
    // from the x of the last step's start: the final x minus 0.1. Post 5 has no synapses and
    // is cleared from its default 7. Only the order of additions differs from the direct sum:
    // relative 1e-12.
    auto r = run_ok(R"(
param dt = 0.1 ms
group A(5) {
  equations { dx/dt = 1 / ms : 1 }
  method: euler
  x = 1 + i
}
group B(6) {
  equations { Isum : 1 }
  Isum = 7
}
synapses S(A -> B) {
  equations {
    w : 1
    Isum_post = w * x_pre : 1 (summed)
  }
  connect: j < 5, p = 0.6
  init: w = rand()
}
run 1 ms
)",
                    RunOptions{.seed = 3});
    const auto& w = r.array("S.w");
    const auto& x = r.array("A.x");
    REQUIRE(w.size() >= 5);
    std::vector<double> expected(6, 0.0);
    std::set<double> distinct(w.begin(), w.end());
    CHECK(distinct.size() == w.size());  // rand() gives each synapse its own weight
    for (size_t k = 0; k < w.size(); ++k) {
        auto [pre, post] = pair_of(r, "S", k);
        REQUIRE(pre < 5);
        REQUIRE(post < 5);
        CHECK(x[pre] == doctest::Approx(2.0 + static_cast<double>(pre)).epsilon(1e-12));
        expected[post] += w[k] * (x[pre] - 0.1);
    }
    const auto& isum = r.array("B.Isum");
    for (size_t j = 0; j < 6; ++j) {
        CAPTURE(j);
        CHECK(isum[j] == doctest::Approx(expected[j]).epsilon(1e-12));
    }
    CHECK(isum[5] == 0.0);
}

TEST_CASE("synapses: pair STDP gives A+ exp(-dt/tau+) after pre, A- exp(dt/tau-) after post") {
    // Pre k fires at 25 ms, post k at 25 ms + (k - 5) * 3.7 ms: dt from -18.5 to 14.8 ms. The
    // traces are event-driven, solved exactly between the two events, and w starts at 0, so
    // the only error is rounding in exp and in the event times: relative 1e-9. At dt = 0 on_pre
    // runs first (Brian2's order), so w sees Apre = A+ and Apost = 0.
    auto r = run_ok(R"(
param dt = 0.1 ms
param taupre = 20 ms
param taupost = 30 ms
param dApre = 0.01
param dApost = -0.0075
neuron Fire {
  equations { t_fire : second (constant) }
  threshold: abs(t - t_fire) < dt / 2
}
group Pre = Fire(10) { t_fire = 25 ms }
group Post = Fire(10) { t_fire = 25 ms + (i - 5) * 37 * dt }
synapses S(Pre -> Post) {
  equations {
    w : 1
    dApre/dt = -Apre / taupre : 1 (event-driven)
    dApost/dt = -Apost / taupost : 1 (event-driven)
  }
  on_pre: Apre += dApre; w = w + Apost
  on_post: Apost += dApost; w = w + Apre
  connect: one_to_one
}
monitor spikes(Pre)
monitor spikes(Post)
run 50 ms
)");
    auto pre = spike_steps(r, "spikes_Pre");
    auto post = spike_steps(r, "spikes_Post");
    const auto& w = r.array("S.w");
    REQUIRE(w.size() == 10);
    for (size_t s = 0; s < 10; ++s) {
        auto [a, b] = pair_of(r, "S", s);
        REQUIRE(a == b);
        auto k = static_cast<int64_t>(b);
        CAPTURE(k);
        REQUIRE(pre[k] == std::vector<int64_t>{250});
        REQUIRE(post[k] == std::vector<int64_t>{250 + (k - 5) * 37});
        double delta = static_cast<double>((k - 5) * 37) * 1e-4;
        double expected =
            delta >= 0 ? 0.01 * std::exp(-delta / 20e-3) : -0.0075 * std::exp(delta / 30e-3);
        CHECK(w[s] == doctest::Approx(expected).epsilon(1e-9));
    }
}

TEST_CASE("synapses: gap junctions sum to zero over the group and relax toward equal v") {
    // Euler with Igap held over the step: the difference of two coupled cells shrinks by
    // (1 - 2 g dt/tau) per step and their mean stays; with N all-to-all cells each deviation
    // from the mean shrinks by (1 - N g dt/tau). Rounding only: relative 1e-9.
    auto r = run_ok(R"(
param dt = 0.1 ms
param tau = 10 ms
param g = 0.5
neuron Cell {
  equations {
    dv/dt = Igap / tau : 1
    Igap : 1
  }
  method: euler
}
group Two = Cell(2) { v = i }
group Six = Cell(6) { init: v = rand() }
synapses Gap2(Two -> Two) {
  equations { Igap_post = g * (v_pre - v_post) : 1 (summed) }
  connect: i != j
}
synapses Gap6(Six -> Six) {
  equations { Igap_post = g * (v_pre - v_post) : 1 (summed) }
  connect: i != j
}
monitor six = state(Six, v)
run 10 ms
)");
    const double steps = 100;
    const auto& two = r.array("Two.v");
    CHECK(two[1] - two[0] == doctest::Approx(std::pow(1 - 2 * 0.5 * 0.01, steps)).epsilon(1e-9));
    CHECK(two[0] + two[1] == doctest::Approx(1.0).epsilon(1e-12));
    const auto& i2 = r.array("Two.Igap");
    CHECK(i2[0] + i2[1] == 0.0);  // g (a - b) + g (b - a) is exactly 0
    CHECK(i2[0] > 0);

    const auto& six = r.array("Six.v");
    const auto& igap = r.array("Six.Igap");
    double sum = 0, sum_abs = 0, mean0 = 0, mean = 0;
    std::vector<double> v0;
    for (size_t k = 0; k < 6; ++k) {
        v0.push_back(column(r, "six_v.npy", k)[0]);
        sum += igap[k];
        sum_abs += std::abs(igap[k]);
        mean0 += v0.back() / 6;
        mean += six[k] / 6;
    }
    REQUIRE(sum_abs > 1e-4);
    CHECK(std::abs(sum) < 1e-12 * sum_abs);
    CHECK(mean == doctest::Approx(mean0).epsilon(1e-12));
    double factor = std::pow(1 - 6 * 0.5 * 0.01, steps);
    for (size_t k = 0; k < 6; ++k) {
        CAPTURE(k);
        CHECK(six[k] - mean ==
              doctest::Approx((v0[k] - mean0) * factor).epsilon(1e-9).scale(1e-12));
    }
}

TEST_CASE("synapses: connect p = 0.1 on 400 x 400 gives a binomial count for each seed") {
    // count ~ Binomial(160000, 0.1): mean 16000, sd 120; within 5 sd for every seed
    for (uint64_t seed : {1u, 2u, 3u}) {
        CAPTURE(seed);
        auto r = run_ok(R"(
group A(400) {
  equations { x : 1 }
}
group B(400) {
  equations { x : 1 }
}
synapses S(A -> B) {
  connect: p = 0.1
}
run 0.1 ms
)",
                        RunOptions{.seed = seed});
        double n = static_cast<double>(r.array("S.pre").size());
        CHECK(std::abs(n - 16000) < 5 * 120);
        double in = 0;
        for (double c : r.array("S.N_incoming")) in += c;
        CHECK(in == n);
    }
}

TEST_CASE("synapses: a distance-dependent p gives the expected count and always the diagonal") {
    // count = sum of independent Bernoullis: mean sum p, variance sum p (1 - p); within 5 sd.
    auto r = run_ok(R"(
group A(400) {
  equations { x : 1 }
}
synapses S(A -> A) {
  connect: p = exp(-abs(i - j) / 10.0)
}
run 0.1 ms
)");
    double mean = 0, variance = 0;
    for (int i = 0; i < 400; ++i) {
        for (int j = 0; j < 400; ++j) {
            double p = std::exp(-std::abs(i - j) / 10.0);
            mean += p;
            variance += p * (1 - p);
        }
    }
    size_t n = r.array("S.pre").size();
    CHECK(std::abs(static_cast<double>(n) - mean) < 5 * std::sqrt(variance));
    // p = 1 on the diagonal, so each pair (i, i) is there; at distance d the 2 (400 - d)
    // pairs give Binomial(2 (400 - d), exp(-d/10)) synapses: within 5 sd
    std::map<int64_t, double> by_distance;
    for (size_t k = 0; k < n; ++k) {
        auto [pre, post] = pair_of(r, "S", k);
        by_distance[std::abs(static_cast<int64_t>(pre) - static_cast<int64_t>(post))] += 1;
    }
    CHECK(by_distance[0] == 400);
    for (int64_t d : {1, 5, 20}) {
        CAPTURE(d);
        double pairs = 2.0 * static_cast<double>(400 - d);
        double p = std::exp(-static_cast<double>(d) / 10.0);
        CHECK(std::abs(by_distance[d] - pairs * p) < 5 * std::sqrt(pairs * p * (1 - p)));
    }
}

TEST_CASE("synapses: connect i != j gives N (N - 1) synapses and no autapse") {
    auto r = run_ok(R"(
group A(50) {
  equations { x : 1 }
}
synapses S(A -> A) {
  connect: i != j
}
run 0.1 ms
)");
    REQUIRE(r.array("S.pre").size() == 50 * 49);
    std::set<std::pair<size_t, size_t>> pairs;
    for (size_t k = 0; k < 50 * 49; ++k) {
        auto pair = pair_of(r, "S", k);
        CHECK(pair.first != pair.second);
        pairs.insert(pair);
    }
    CHECK(pairs.size() == 50 * 49);
    CHECK(r.array("S.N_incoming") == std::vector<double>(50, 49.0));
    CHECK(r.array("S.N_outgoing") == std::vector<double>(50, 49.0));
}

TEST_CASE("synapses: in_degree = 7 gives each post neuron exactly 7 synapses") {
    auto r = run_ok(R"(
group A(30) {
  equations { x : 1 }
}
group B(20) {
  equations { x : 1 }
}
synapses S(A -> B) {
  connect: in_degree = 7, multapses = false
}
synapses Self(A -> A) {
  connect: in_degree = 7, autapses = false, multapses = false
}
run 0.1 ms
)");
    CHECK(r.array("S.N_incoming") == std::vector<double>(20, 7.0));
    CHECK(r.array("S.pre").size() == 140);
    std::map<size_t, std::set<size_t>> partners;
    for (size_t k = 0; k < 140; ++k) {
        auto [pre, post] = pair_of(r, "S", k);
        CHECK(pre < 30);
        partners[post].insert(pre);
    }
    REQUIRE(partners.size() == 20);
    for (const auto& [post, pres] : partners) CHECK(pres.size() == 7);
    CHECK(r.array("Self.N_incoming") == std::vector<double>(30, 7.0));
    for (size_t k = 0; k < r.array("Self.pre").size(); ++k) {
        auto [pre, post] = pair_of(r, "Self", k);
        CHECK(pre != post);
    }
}

TEST_CASE("synapses: in_degree draws distinct partners unless multapses = true") {
    // The connect error's advice ("allow them with 'multapses = true'"), docs/language.md and
    // models/clustered_lif.nj ("K distinct partners", no multapses setting) all read
    // `in_degree = K` as K distinct partners unless `multapses = true`. With 7 of 30 drawn
    // with replacement, about half the 20 posts would see a repeat.
    auto r = run_ok(R"(
group A(30) {
  equations { x : 1 }
}
group B(20) {
  equations { x : 1 }
}
synapses S(A -> B) {
  connect: in_degree = 7
}
run 0.1 ms
)");
    std::map<size_t, std::set<size_t>> partners;
    for (size_t k = 0; k < r.array("S.pre").size(); ++k) {
        auto [pre, post] = pair_of(r, "S", k);
        partners[post].insert(pre);
    }
    REQUIRE(partners.size() == 20);
    for (const auto& [post, pres] : partners) {
        CAPTURE(post);
        CHECK(pres.size() == 7);
    }
}

TEST_CASE("synapses: n = 2 with all makes every pair twice") {
    auto r = run_ok(R"(
group A(3) {
  equations { x : 1 }
}
group B(4) {
  equations { x : 1 }
}
synapses S(A -> B) {
  connect: all, n = 2
}
run 0.1 ms
)");
    REQUIRE(r.array("S.pre").size() == 24);
    std::map<std::pair<size_t, size_t>, int> count;
    for (size_t k = 0; k < 24; ++k) ++count[pair_of(r, "S", k)];
    CHECK(count.size() == 12);
    for (const auto& [pair, c] : count) CHECK(c == 2);
    CHECK(r.array("S.N_incoming") == std::vector<double>(4, 6.0));
    CHECK(r.array("S.N_outgoing") == std::vector<double>(3, 8.0));
}

TEST_CASE("synapses: a clock-driven synaptic equation decays every step as its solution") {
    // exact: g_n = g_0 exp(-n dt/tau), one factor per step (n roundings: relative 1e-12);
    // Euler: g_n = g_0 (1 - dt/tau)^n. No spikes, so only the per-step update changes g.
    auto r = run_ok(R"(
param dt = 0.1 ms
param tau = 5 ms
group A(2) {
  equations { x : 1 }
}
synapses S(A -> A) {
  equations { dg/dt = -g / tau : 1 (clock-driven) }
  connect: one_to_one
  init: g = 1 + i
  method: exact
}
synapses E(A -> A) {
  equations { dg/dt = -g / tau : 1 (clock-driven) }
  connect: one_to_one
  init: g = 1 + i
  method: euler
}
monitor gs = state(S, g)
run 2 ms
)");
    REQUIRE(r.shape("gs_g.npy") == std::vector<size_t>{20, 2});
    const auto& t = r.values("gs_t.npy");
    for (size_t k = 0; k < 2; ++k) {
        CAPTURE(k);
        auto g = column(r, "gs_g.npy", k);
        double g0 = 1.0 + static_cast<double>(k);
        for (size_t n = 0; n < 20; ++n) {
            CAPTURE(n);
            CHECK(step_of(t[n], r) == static_cast<int64_t>(n));
            CHECK(g[n] ==
                  doctest::Approx(g0 * std::exp(-static_cast<double>(n) * 0.02)).epsilon(1e-12));
        }
        CHECK(r.array("S.g")[k] == doctest::Approx(g0 * std::exp(-20 * 0.02)).epsilon(1e-12));
        CHECK(r.array("E.g")[k] == doctest::Approx(g0 * std::pow(1 - 0.02, 20)).epsilon(1e-12));
    }
}

TEST_CASE("synapses: w = 1 / N_incoming makes each post neuron's weights sum to 1") {
    // Post 7 gets no synapses (condition j != 7): N_incoming = 0 there and its sum stays 0.
    // The summed variable adds the same weights in another order: relative 1e-12.
    auto r = run_ok(R"(
param dt = 0.1 ms
group A(20) {
  equations { x : 1 }
}
group B(15) {
  equations { total : 1 }
}
synapses S(A -> B) {
  equations {
    w : 1
    u : 1
    total_post = w : 1 (summed)
  }
  connect: j != 7, p = 0.3
  init: w = 1 / N_incoming; u = 1 / N_outgoing
}
run 0.2 ms
)");
    const auto& w = r.array("S.w");
    const auto& u = r.array("S.u");
    std::vector<double> in(15, 0.0), in_count(15, 0.0), out(20, 0.0), out_count(20, 0.0);
    for (size_t k = 0; k < w.size(); ++k) {
        auto [pre, post] = pair_of(r, "S", k);
        in[post] += w[k];
        in_count[post] += 1;
        out[pre] += u[k];
        out_count[pre] += 1;
    }
    CHECK(r.array("S.N_incoming") == in_count);
    CHECK(r.array("S.N_outgoing") == out_count);
    const auto& total = r.array("B.total");
    for (size_t j = 0; j < 15; ++j) {
        CAPTURE(j);
        double expected = in_count[j] > 0 ? 1.0 : 0.0;
        CHECK(in[j] == doctest::Approx(expected).epsilon(1e-12));
        CHECK(total[j] == doctest::Approx(expected).epsilon(1e-12));
    }
    CHECK(in_count[7] == 0.0);
    for (size_t i = 0; i < 20; ++i) {
        CAPTURE(i);
        CHECK(out[i] == doctest::Approx(out_count[i] > 0 ? 1.0 : 0.0).epsilon(1e-12));
    }
}

TEST_CASE("synapses: weights monitors, snapshot and weight_stats read the synapses' values") {
    // w decays exactly (clock-driven): recorded every 1 ms at the start of steps 0, 10, 20, 30.
    auto r = run_ok(R"(
param dt = 0.1 ms
param tau = 10 ms
group A(3) {
  equations { x : 1 }
}
group B(4) {
  equations { x : 1 }
}
synapses S(A -> B) {
  equations { dw/dt = -w / tau : 1 (clock-driven) }
  connect: all
  init: w = (i * 4 + j + 0.5) / 12
  method: exact
}
monitor m = weights(S, record = 0:2, every = 1 ms)
run 4 ms
analyse snapshot(S, name = "w_final", variable = w)
analyse stats = weight_stats(S, variable = w, w_min = 0, w_max = 1, bins = 10)
)");
    CHECK(r.shape("m_w.npy") == std::vector<size_t>{4, 2});
    CHECK(r.values("m_t.npy") == std::vector<double>{0.0, 1e-3, 2e-3, 3e-3});
    for (size_t row = 0; row < 4; ++row) {
        for (size_t k = 0; k < 2; ++k) {
            auto [pre, post] = pair_of(r, "S", k);
            double w0 = (static_cast<double>(pre * 4 + post) + 0.5) / 12;
            double expected = w0 * std::exp(-static_cast<double>(row) * 0.1);
            CHECK(r.values("m_w.npy")[row * 2 + k] == doctest::Approx(expected).epsilon(1e-12));
        }
    }
    const auto& w = r.array("S.w");
    CHECK(r.values("w_final.npy") == w);
    double mean = 0;
    for (double x : w) mean += x / static_cast<double>(w.size());
    CHECK(r.metrics["stats"]["count"].get<double>() == 12);
    CHECK(r.metrics["stats"]["mean"].get<double>() == doctest::Approx(mean).epsilon(1e-12));
    CHECK(mean == doctest::Approx(0.5 * std::exp(-0.4)).epsilon(1e-12));
}
