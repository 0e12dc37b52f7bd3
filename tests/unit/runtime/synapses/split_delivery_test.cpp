// Spike delivery shared out over threads by target (runtime/network/split_delivery.h): two
// threads give exactly the state and spikes of one, for each way a queue hands out synapses.
#include "tests/unit/runtime/run_helpers.h"

#include <string>

using nj::rt::testing::run_ok;
using nj::rt::testing::RunOptions;
using nj::rt::testing::RunResult;

namespace {

// 200 drivers fire together every 2 ms onto 3 000 leaky targets through `connect` (40 000 to
// 600 000 synapse events a volley: far above SplitDelivery::min_synapses); the targets fire
// and feed back onto the drivers through on_post, so any misordered sum shows in the spikes.
std::string network(const std::string& connect, const std::string& delay) {
    return R"(
param dt = 0.1 ms
neuron Driver {
  equations { dv/dt = 1 / (2 ms) : 1 }
  threshold: v > 1
  reset: v = 0
  method: euler
}
neuron Leaky {
  equations { dv/dt = -v / (5 ms) : 1 }
  threshold: v > 1
  reset: v = 0
  method: exact
}
group D = Driver(200) { v = 0.01 * (i % 7) }
group T = Leaky(3000)
synapses S(D -> T) {
  equations {
    w : 1
    dApre/dt = -Apre / (10 ms) : 1 (event-driven)
    dApost/dt = -Apost / (10 ms) : 1 (event-driven)
  }
  init: w = 0.02 + 0.01 * rand()
  on_pre: v_post += w; Apre += 0.01; w = clip(w + Apost, 0, 0.05)
  on_post: Apost -= 0.012; w = clip(w + Apre, 0, 0.05); v_pre += 0.001 * w
  )" + connect + "\n" + delay + R"(
}
monitor spikes(T)
run 30 ms
)";
}

RunResult run_threads(const std::string& text, int threads) {
    RunOptions o;
    o.threads = threads;
    o.seed = 7;
    return run_ok(text, o);
}

void check_identical(const std::string& text) {
    RunResult one = run_threads(text, 1);
    RunResult two = run_threads(text, 2);
    CHECK(one.spike_count > 1000);
    CHECK(one.spike_count == two.spike_count);
    CHECK(one.values("spikes_T_i.npy") == two.values("spikes_T_i.npy"));
    CHECK(one.values("spikes_T_t.npy") == two.values("spikes_T_t.npy"));
    for (const char* name : {"T.v", "D.v", "S.w", "S.Apre", "S.Apost"}) {
        INFO("array ", name);
        CHECK(one.array(name) == two.array(name));
    }
    CHECK(one.shared_deliveries == 0);
    CHECK(two.shared_deliveries > 10);  // the volleys were shared out
}

}  // namespace

TEST_CASE("split delivery: sources' synapses in index order (connect p), one delay") {
    check_identical(network("connect: p = 0.2", "delay: 1 ms"));
}

TEST_CASE("split delivery: sources' synapses through an index list (in_degree), no delay") {
    check_identical(network("connect: in_degree = 40", ""));
}

TEST_CASE("split delivery: a delay per synapse (lists of synapses)") {
    check_identical(network("connect: p = 0.2", "delay: (i % 5) * 0.3 ms"));
}
