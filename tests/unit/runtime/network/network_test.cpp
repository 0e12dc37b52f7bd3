// Tests for one simulation step (network.h): threshold, reset and refractory timing against
// hand-computed spike times, Poisson sources, noise, determinism and the non-finite stop.
#include "runtime/network/network.h"

#include "tests/unit/runtime/run_helpers.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

using nj::rt::testing::run_model_text;
using nj::rt::testing::run_ok;
using nj::rt::testing::RunOptions;

namespace {

// Two LIF neurons with constant inputs I = 200 pA and 300 pA, integrated exactly.
//
// Hand count of the spike steps (dt = 0.1 ms). Between spikes v relaxes from Vr towards
// V_inf = El + R*I and reaches Vt after the charging time
//   T = tau_m * ln((V_inf - Vr) / (V_inf - Vt)):
//   neuron 0: V_inf = -45 mV, T = 10 ms * ln(20/5)  = 13.863 ms = 138.63 dt
//   neuron 1: V_inf = -35 mV, T = 10 ms * ln(30/15) =  6.931 ms =  69.31 dt
// Brian2's order within step n (t = n*dt): the update moves v from v(n*dt) to v((n+1)*dt), then
// the threshold sees that value and the spike is recorded with t = n*dt. Starting from v = Vr
// at t = 0 the threshold is first passed after C = ceil(T / dt) updates, i.e. at step C - 1:
//   neuron 0: C = 139, first spike at step 138;  neuron 1: C = 70, first spike at step 69.
// Refractoriness follows Brian2's timestep rule: at step m the neuron is refractory while
// timestep(t - lastspike) < timestep(t_ref), timestep(x) = floor(x/dt + 1e-3), so after a spike
// at step s the steps s+1 .. s+R-1 (R = timestep(2 ms) = 20) are refractory and v is held at Vr.
// The first update leaving Vr is at step s+R, and the threshold is passed C updates later, at
// step s + R + C - 1. So the period is R - 1 + C steps:
//   neuron 0: 20 - 1 + 139 = 158 steps;  neuron 1: 20 - 1 + 70 = 89 steps.
// T/dt is far from a whole number for both, so rounding cannot move a crossing across a step.
const std::string lif_model = R"(
param El = -65 mV
param Vt = -50 mV
param Vr = -65 mV
param R = 100 Mohm
param I0 = 200 pA
param dI = 100 pA
param tau_m = 10 ms
param t_ref = 2 ms
param dt = 0.1 ms

neuron LIF {
  equations {
    dv/dt = (El - v + R * I) / tau_m : volt (unless refractory)
    dw/dt = 1 / second : 1
    I : amp (constant)
  }
  threshold: v > Vt
  reset: v = Vr
  refractory: t_ref
  method: exact
}
group G = LIF(2) {
  init: v = El
  I = I0 + i * dI
}
monitor spikes(G)
monitor trace = state(G, v, w)
run 100 ms
)";

/// The steps of neuron `index`'s spikes, requiring every spike time to be exactly step*dt.
std::vector<int64_t> spike_steps(const nj::rt::testing::RunResult& r, const std::string& monitor,
                                 double index) {
    const auto& is = r.values(monitor + "_i.npy");
    const auto& ts = r.values(monitor + "_t.npy");
    REQUIRE(is.size() == ts.size());
    std::vector<int64_t> steps;
    for (size_t k = 0; k < is.size(); ++k) {
        if (is[k] != index) continue;
        auto step = static_cast<int64_t>(std::llround(ts[k] / r.dt_s));
        CHECK(ts[k] == static_cast<double>(step) * r.dt_s);
        steps.push_back(step);
    }
    return steps;
}

/// first, first + period, ... below `end`.
std::vector<int64_t> arithmetic(int64_t first, int64_t period, int64_t end) {
    std::vector<int64_t> out;
    for (int64_t s = first; s < end; s += period) out.push_back(s);
    return out;
}

}  // namespace

TEST_CASE("Network: a LIF with constant input spikes at the hand-computed steps") {
    auto r = run_ok(lif_model);
    // the comment above lif_model derives these; the formula must agree with the hand count
    CHECK(std::ceil(10.0 * std::log(4.0) / 0.1) == 139);
    CHECK(std::ceil(10.0 * std::log(2.0) / 0.1) == 70);
    CHECK(spike_steps(r, "spikes_G", 0) == arithmetic(138, 158, 1000));
    CHECK(spike_steps(r, "spikes_G", 1) == arithmetic(69, 89, 1000));
    CHECK(r.spike_count == 6 + 11);
    CHECK(r.values("spikes_G_i.npy").size() == 17);
}

TEST_CASE("Network: 'unless refractory' holds v at the reset value while w keeps integrating") {
    auto r = run_ok(lif_model);
    const auto& v = r.values("trace_v.npy");  // (steps, 2): state at the start of each step
    const auto& w = r.values("trace_w.npy");
    REQUIRE(r.shape("trace_v.npy") == std::vector<size_t>{1000, 2});
    auto at = [](const std::vector<double>& x, int64_t step) {
        return x[static_cast<size_t>(2 * step)];  // neuron 0 of row `step`
    };
    for (int64_t s : arithmetic(138, 158, 1000 - 22)) {
        CAPTURE(s);
        // reset at step s; held through the refractory steps s+1 .. s+19, so the values seen at
        // the start of steps s+1 .. s+20 are all Vr; the update of step s+20 leaves Vr
        double vr = at(v, s + 1);
        CHECK(vr == doctest::Approx(-65e-3));
        for (int64_t m = s + 1; m <= s + 20; ++m) CHECK(at(v, m) == vr);
        CHECK(at(v, s + 21) > vr);
        // w = t/second has no flag: it keeps growing through the refractory period
        for (int64_t m = s + 1; m <= s + 21; ++m) CHECK(at(w, m) > at(w, m - 1));
    }
    CHECK(at(w, 999) == doctest::Approx(999 * 1e-4));
}

TEST_CASE("Network: a refractory condition blocks the threshold while it holds") {
    // v = cos(2 pi f t), u = sin(2 pi f t) (exact rotation), f = 100 Hz: 100 steps per period.
    // threshold v > 0.5 with `refractory: v > 0.5`: refractory is decided from v at the start of
    // the step, so only the step whose update crosses 0.5 upwards spikes. Upward crossings are at
    // f t = k - 1/6, i.e. 83.33 + 100 k steps: the update of step 83 + 100 k reaches them. At
    // t = 0, v = 1 > 0.5 but the neuron is refractory, so it does not spike then.
    // Neuron 1 has no refractoriness: it spikes on every step with v > 0.5 after the update.
    auto r = run_ok(R"(
param w = 628.3185307179586 / second
param dt = 0.1 ms
neuron Rot {
  equations {
    dv/dt = -w * u : 1
    du/dt = w * v : 1
  }
  threshold: v > 0.5
  refractory: v > 0.5
  method: exact
}
neuron Free {
  equations {
    dv/dt = -w * u : 1
    du/dt = w * v : 1
  }
  threshold: v > 0.5
  method: exact
}
group A = Rot(1) { init: v = 1 }
group B = Free(1) { init: v = 1 }
monitor spikes(A)
monitor spikes(B)
run 50 ms
)");
    CHECK(spike_steps(r, "spikes_A", 0) == std::vector<int64_t>{83, 183, 283, 383, 483});
    // cos > 0.5 on a third of each period: about 33 of every 100 steps
    size_t free_spikes = spike_steps(r, "spikes_B", 0).size();
    CHECK(free_spikes >= 5 * 33 - 5);
    CHECK(free_spikes <= 5 * 34 + 5);
}

TEST_CASE("Network: Poisson sources give counts with Poisson mean and variance") {
    // 2000 sources at 20 Hz for 1 s: each count is Binomial(10000 steps, p = rate*dt = 0.002),
    // mean 20, variance 19.96 (Poisson: 20). Over n = 2000 independent sources the sample mean
    // has sd sqrt(20/2000) = 0.1, the sample variance sd sqrt((mu4 - sigma^4)/n) with the
    // Poisson mu4 - sigma^4 = lambda + 2 lambda^2 = 820: sqrt(820/2000) = 0.64. Both are checked
    // within 5 sd (a false failure has probability below 1e-6 per seed).
    const std::string model = R"(
param dt = 0.1 ms
poisson P(2000, rate = 20 Hz)
monitor spikes(P)
run 1 s
)";
    for (uint64_t seed : {1u, 2u}) {
        CAPTURE(seed);
        auto r = run_ok(model, RunOptions{.seed = seed});
        std::vector<double> counts(2000, 0.0);
        for (double i : r.values("spikes_P_i.npy")) {
            REQUIRE(i >= 0);
            REQUIRE(i < 2000);
            counts[static_cast<size_t>(i)] += 1;
        }
        double mean = 0, var = 0;
        for (double c : counts) mean += c / 2000;
        for (double c : counts) var += (c - mean) * (c - mean) / 1999;
        CHECK(std::abs(mean - 20) <= 5 * 0.1);
        CHECK(std::abs(var - 20) <= 5 * 0.64);
        CHECK(r.spike_count == r.values("spikes_P_i.npy").size());
    }
}

TEST_CASE("Network: an Ornstein-Uhlenbeck process reaches its stationary mean and variance") {
    // dx/dt = -(x - mu)/tau + sigma*sqrt(2/tau)*xi: stationary N(mu, sigma^2). Euler-Maruyama's
    // stationary variance is sigma^2 / (1 - dt/(2 tau)) = 1.005 sigma^2 here. Starting 5 mV off,
    // after 10 tau the offset is 5 mV * e^-10 = 0.2 uV and the variance deficit e^-20: negligible.
    // Samples: 2000 copies at t = 100, 150, 200, 250 ms (state monitor) and 300 ms (final
    // state); 50 ms = 5 tau apart, correlation e^-5 = 0.007, so ~10000 independent samples.
    // Mean: sd sigma/100 = 0.02 mV, checked within 5 sd = 0.1 mV. Variance: sd of the sample
    // variance sigma^2 * sqrt(2/10000) = 1.4 %; 5 sd plus the 0.5 % bias gives 8 %.
    auto r = run_ok(R"(
param mu = -60 mV
param sigma = 2 mV
param tau = 10 ms
param dt = 0.1 ms
neuron OU {
  equations { dx/dt = -(x - mu) / tau + sigma * sqrt(2 / tau) * xi : volt }
  method: euler_maruyama
}
group C = OU(2000) { init: x = mu + 5 mV }
monitor x_at = state(C, x, every = 50 ms)
run 300 ms
)");
    const auto& trace = r.values("x_at_x.npy");
    REQUIRE(r.shape("x_at_x.npy") == std::vector<size_t>{6, 2000});
    std::vector<double> samples(trace.begin() + 2 * 2000, trace.end());
    const auto& last = r.array("C.x");
    samples.insert(samples.end(), last.begin(), last.end());
    REQUIRE(samples.size() == 10000);
    double mean = 0, var = 0;
    for (double x : samples) mean += x / 10000;
    for (double x : samples) var += (x - mean) * (x - mean) / 9999;
    CHECK(std::abs(mean - -60e-3) <= 0.1e-3);
    CHECK(var == doctest::Approx(4e-6).epsilon(0.08));
    // at t = 0 every copy is at the start value: the noise enters through the update only
    for (size_t k = 0; k < 2000; ++k) REQUIRE(trace[k] == doctest::Approx(-55e-3));
}

namespace {

const std::string noisy_model = R"(
param dt = 0.1 ms
neuron Noisy {
  equations { dv/dt = -v / (10 ms) + 0.5 / sqrt(ms) * xi : 1 }
  threshold: v > 1
  reset: v = 0
  method: euler_maruyama
}
poisson P(50, rate = 40 Hz)
group N = Noisy(50) { init: v = rand() }
monitor spikes(P)
monitor spikes(N)
run 200 ms
)";

}  // namespace

TEST_CASE("Network: the same seed gives identical spike trains, another seed different ones") {
    auto a = run_ok(noisy_model, RunOptions{.seed = 7});
    auto b = run_ok(noisy_model, RunOptions{.seed = 7});
    auto c = run_ok(noisy_model, RunOptions{.seed = 8});
    for (const char* file :
         {"spikes_P_i.npy", "spikes_P_t.npy", "spikes_N_i.npy", "spikes_N_t.npy"}) {
        CAPTURE(file);
        REQUIRE(!a.values(file).empty());
        CHECK(a.values(file) == b.values(file));
        CHECK(a.values(file) != c.values(file));
    }
    CHECK(a.array("N.v") == b.array("N.v"));
    CHECK(a.array("N.v") != c.array("N.v"));
}

TEST_CASE("Network: deterministic groups give the same spikes whatever their declaration order") {
    // Groups do not interact without synapses, so each one's spikes depend only on itself.
    // (Random numbers are keyed by kernel, so this is only required of deterministic groups.)
    const std::string types = R"(
param dt = 0.1 ms
neuron LIF {
  equations { dv/dt = (1.5 - v) / (10 ms) : 1 }
  threshold: v > 1
  reset: v = 0
  refractory: 1 ms
}
)";
    const std::string a = "group A = LIF(3) { init: v = 0.3 * i }\n";
    const std::string b = "group B = LIF(2) { init: v = 0.5 + 0.2 * i }\n";
    const std::string rest = "monitor spikes(A)\nmonitor spikes(B)\nrun 100 ms\n";
    auto first = run_ok(types + a + b + rest);
    auto second = run_ok(types + b + a + rest);
    for (const char* file :
         {"spikes_A_i.npy", "spikes_A_t.npy", "spikes_B_i.npy", "spikes_B_t.npy"}) {
        CAPTURE(file);
        REQUIRE(!first.values(file).empty());
        CHECK(first.values(file) == second.values(file));
    }
}

TEST_CASE("Network: an overflowing state stops the run, naming group, variable, index and time") {
    // v = exp(k t), k = i * 1000/s: element 2 gains a factor e^0.2 per step (element 1 e^0.1),
    // so at the start of step n it holds e^(0.2 n). The largest double is e^709.78, so v itself
    // passes it in the update of step n = 3548 (0.2 (n + 1) > 709.78). The update may overflow a
    // little earlier in an intermediate: the exact form v + dt*(k*v)*exprel(k*dt) builds
    // k*v = 2000 v, which passes the largest double once 0.2 n + ln 2000 > 709.78, at n = 3511.
    // So the stop comes at a step in [3511, 3548], on element 2, with element 1 near e^351.
    auto r = run_model_text(R"(
param dt = 0.1 ms
neuron Grow {
  equations {
    dv/dt = k * v : 1
    k : 1/second (constant)
  }
  method: exact
}
group Blow = Grow(3) {
  init: v = 1
  k = i * 1000 / second
}
monitor trace = state(Blow, v)
run 1 s
print "after"
)");
    INFO(r.diagnostics);
    REQUIRE(r.built);
    CHECK_FALSE(r.outcome.complete);
    REQUIRE(r.outcome.non_finite.has_value());
    const nj::rt::NonFinite& bad = *r.outcome.non_finite;
    CHECK(bad.group == "Blow");
    CHECK(bad.variable == "v");
    CHECK(bad.index == 2);
    auto step = std::llround(bad.time / r.dt_s);
    CHECK(bad.time == static_cast<double>(step) * r.dt_s);
    CHECK(step >= 3511);
    CHECK(step <= 3548);
    // time stops at the failing step, which the state monitor saw start with finite values
    CHECK(r.time_s == bad.time);
    REQUIRE(r.shape("trace_v.npy") == std::vector<size_t>{static_cast<size_t>(step) + 1, 3});
    CHECK(r.values("trace_t.npy").back() == bad.time);
    const auto& v = r.values("trace_v.npy");
    for (double x : v) REQUIRE(std::isfinite(x));
    CHECK(v[v.size() - 1] > 1e300);
    double element_1 = std::exp(0.1 * static_cast<double>(step));
    CHECK(v[v.size() - 2] == doctest::Approx(element_1).epsilon(1e-9));
    // the statements after the run did not execute
    CHECK(r.printed.empty());
}

TEST_CASE("Network: a subgroup's own assignments set its slice, with i counted within it") {
    // As in Brian2, i in a subgroup runs from 0 to its size; the parent's other elements keep
    // their values.
    auto r = run_ok(R"(
param dt = 0.1 ms
neuron Cell {
  equations {
    x : 1
    y : 1
  }
}
group G = Cell(6)
group Sub = G[2:4] {
  x = 100 + i
  init: y = 7
}
run 0.1 ms
)");
    CHECK(r.array("G.x") == std::vector<double>{0, 0, 100, 101, 0, 0});
    CHECK(r.array("G.y") == std::vector<double>{0, 0, 7, 7, 0, 0});
}

TEST_CASE("network: a group size the compiler cannot compute is refused, not taken as 0") {
    // the shapes of file tables are learned by loading them first (tables_run_test.cpp);
    // rows_of a timed array is not among them
    auto r = nj::rt::testing::run_model_text(R"(
table T = timed(values = [1, 2, 3], dt = 1 ms)
group G(2 * rows_of(T)) {
  equations { v : 1 }
}
run 1 ms
)");
    CHECK_FALSE(r.built);
    CHECK(r.diagnostics.find("3:7: error[run.unsupported]: a size of group 'G' that is not a constant") !=
          std::string::npos);
}
