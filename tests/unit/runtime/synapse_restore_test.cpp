// store / restore brings back the synapses' state and the spikes still in transit.
#include "tests/unit/runtime/run_helpers.h"

using nj::rt::testing::run_ok;

TEST_CASE("synapse restore: a restored network repeats its spikes, delayed ones included") {
    // A driven ring with 3 ms delays and STDP-like weight changes: after `store`, 20 ms run; the
    // state (weights, traces, queued spikes) is restored and the same 20 ms run again. With `replay`
    // the second run draws the same Poisson input as the first and must give the same spikes.
    auto r = run_ok(R"(
param dt = 0.1 ms
poisson Drive(20, rate = 200 Hz)
group G(20) {
  equations { dv/dt = -v / (10 ms) : 1 }
  threshold: v > 1
  reset: v = 0
}
synapses In(Drive -> G) {
  on_pre: v_post += 0.6
  connect: j = i
}
synapses Ring(G -> G) {
  equations {
    w : 1
    dtrace/dt = -trace / (5 ms) : 1 (event-driven)
  }
  on_pre: v_post += w; trace += 1; w = clip(w + 0.01 * trace, 0, 1)
  delay: 3 ms
  connect: j = (i + 1) % N_post
  init: w = 0.5
}
monitor s = spikes(G)
run 15 ms
store mid
run 20 ms
analyse first = spike_count(s, start = 15 ms, stop = 35 ms)
analyse snapshot(Ring, name = "w_first", variable = w)
restore mid replay
run 20 ms
analyse second = spike_count(s, start = 15 ms, stop = 35 ms)
analyse snapshot(Ring, name = "w_second", variable = w)
)");
    CHECK(r.metric("first") > 0);
    CHECK(r.metric("second") == r.metric("first"));
    CHECK(r.values("w_second.npy") == r.values("w_first.npy"));
    // the spike monitor holds both timelines: the spikes after 15 ms come twice, identically
    const auto& t = r.values("s_t.npy");
    const auto& i = r.values("s_i.npy");
    std::vector<double> late_t, late_i;
    for (size_t k = 0; k < t.size(); ++k) {
        if (t[k] < 0.015 - 1e-9) continue;
        late_t.push_back(t[k]);
        late_i.push_back(i[k]);
    }
    REQUIRE(late_t.size() % 2 == 0);
    auto half = static_cast<std::ptrdiff_t>(late_t.size() / 2);
    CHECK(std::vector<double>(late_t.begin(), late_t.begin() + half) == std::vector<double>(late_t.begin() + half, late_t.end()));
    CHECK(std::vector<double>(late_i.begin(), late_i.begin() + half) == std::vector<double>(late_i.begin() + half, late_i.end()));
}

TEST_CASE("restore: later steps draw fresh noise, unless the restore says replay") {
    // x integrates white noise for 2 steps after each restore: a plain restore continues the
    // random stream (Brian2's default), so repeated trials from one snapshot differ; `replay`
    // draws the snapshot timeline's numbers again, so the trial repeats exactly.
    auto r = run_ok(R"(
param dt = 1 ms
group G(3) {
  equations { dx/dt = 0.1 * xi / sqrt(ms) : 1 }
}
store fresh
run 2 ms
analyse first = metric(G.x[0] + G.x[1] + G.x[2])
restore fresh
run 2 ms
analyse fresh_noise = metric(G.x[0] + G.x[1] + G.x[2])
restore fresh replay
run 2 ms
analyse replayed = metric(G.x[0] + G.x[1] + G.x[2])
)");
    CHECK(r.metric("first") != 0.0);
    CHECK(r.metric("fresh_noise") != r.metric("first"));
    CHECK(r.metric("replayed") == r.metric("first"));
}
