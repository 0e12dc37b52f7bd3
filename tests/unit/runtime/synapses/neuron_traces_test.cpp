// Event-driven traces kept per neuron (compiler/lower/neuron_traces.h): the same weights and
// spikes as traces kept per synapse, and per synapse wherever a trace's value may differ
// between the synapses of one neuron.
#include "tests/unit/runtime/run_helpers.h"

#include <cmath>
#include <string>

using nj::rt::testing::run_ok;
using nj::rt::testing::RunOptions;
using nj::rt::testing::RunResult;

namespace {

// 40 Poisson inputs onto 6 leaky neurons, all pairs, pair STDP with soft lower and hard upper
// bounds; `extra` goes into the synapses' declaration, `protocol` after `run 2 s`.
std::string stdp_model(const std::string& on_pre, const std::string& on_post, const std::string& extra,
                       const std::string& protocol, const std::string& init = "") {
    return R"(
param dt = 0.1 ms
param tau_pre = 20 ms     # names ending like x_pre that are parameters
param tau_post = 25 ms
neuron Leaky {
  equations {
    dv/dt = (ge - v) / (10 ms) : 1
    dge/dt = -ge / (5 ms) : 1
  }
  threshold: v > 0.25
  reset: v = 0
  method: exact
}
poisson In(40, rate = 30 Hz)
group Out = Leaky(6)
synapses S(In -> Out) {
  equations {
    w : 1
    dApre/dt = -Apre / tau_pre : 1 (event-driven)
    dApost/dt = -Apost / tau_post : 1 (event-driven)
  }
  on_pre: )" + on_pre + R"(
  on_post: )" + on_post + R"(
  connect: all
  init: w = 0.3 + 0.2 * rand())" + init + R"(
  )" + extra + R"(
}
monitor out = spikes(Out)
run 2 s
)" + protocol;
}

const std::string kOnPre = "ge_post += w; Apre += 0.01; w = clip(w + w * Apost, 0, 1)";
const std::string kOnPost = "Apost -= 0.0105; w = clip(w + Apre, 0, 1)";
// naming both traces outside the declaration keeps them per synapse
const std::string kNamed = "analyse snapshot(S, name = \"apre\", variable = Apre)\n"
                           "analyse snapshot(S, name = \"apost\", variable = Apost)\n";

RunResult run(const std::string& text, int threads = 1) {
    RunOptions o;
    o.seed = 11;
    o.threads = threads;
    return run_ok(text, o);
}

void check_same_learning(const RunResult& per_neuron, const RunResult& per_synapse) {
    // equal spikes, and weights equal up to rounding (a trace decayed step by step rather than
    // over the interval between its synapse's events: relative differences near 1e-13)
    REQUIRE(per_neuron.spike_count > 100);
    CHECK(per_neuron.values("out_t.npy") == per_synapse.values("out_t.npy"));
    CHECK(per_neuron.values("out_i.npy") == per_synapse.values("out_i.npy"));
    const auto& a = per_neuron.array("S.w");
    const auto& b = per_synapse.array("S.w");
    REQUIRE(a.size() == b.size());
    size_t moved = 0;
    for (size_t s = 0; s < a.size(); ++s) {
        CHECK(a[s] == doctest::Approx(b[s]).epsilon(1e-10));
        moved += std::abs(b[s] - 0.4) > 0.15 ? 1 : 0;
    }
    CHECK(moved > 10);  // the weights learned: they left their start range
}

}  // namespace

TEST_CASE("neuron_traces: pre and post traces kept per neuron learn the weights of per-synapse traces") {
    RunResult per_neuron = run(stdp_model(kOnPre, kOnPost, "", ""));
    RunResult per_synapse = run(stdp_model(kOnPre, kOnPost, "", kNamed));
    CHECK(per_neuron.array("S.Apre").size() == 40);   // one per input
    CHECK(per_neuron.array("S.Apost").size() == 6);   // one per output neuron
    CHECK(per_neuron.arrays.count("S.lastupdate") == 0);
    CHECK(per_synapse.array("S.Apre").size() == 240);  // one per synapse
    check_same_learning(per_neuron, per_synapse);
}

TEST_CASE("neuron_traces: two threads give the weights and spikes of one") {
    std::string text = stdp_model(kOnPre, kOnPost, "", "");
    RunResult one = run(text, 1);
    RunResult two = run(text, 2);
    CHECK(one.values("out_t.npy") == two.values("out_t.npy"));
    CHECK(one.array("S.w") == two.array("S.w"));
    CHECK(one.array("S.Apre") == two.array("S.Apre"));
}

TEST_CASE("neuron_traces: a delay keeps the pre trace per synapse, the post trace per neuron") {
    // delayed arrivals increment the pre trace at each synapse's own time; on_post is not delayed
    std::string delay = "delay: (i % 4) * 0.7 ms";
    RunResult per_neuron = run(stdp_model(kOnPre, kOnPost, delay, ""));
    RunResult per_synapse = run(stdp_model(kOnPre, kOnPost, delay, kNamed));
    CHECK(per_neuron.array("S.Apre").size() == 240);
    CHECK(per_neuron.array("S.Apost").size() == 6);
    check_same_learning(per_neuron, per_synapse);
}

TEST_CASE("neuron_traces: a trace whose value may differ between synapses stays per synapse") {
    struct Case {
        std::string why, on_pre, on_post, extra, init;
    };
    const Case cases[] = {
        {"read after its write in the clause", "ge_post += w; Apre += 0.01; w = clip(w + Apre * 0, 0, 1)", kOnPost, "", ""},
        {"an increment that reads the synapse", "ge_post += w; Apre += 0.01 * w", kOnPost, "", ""},
        {"an initial value per synapse", kOnPre, kOnPost, "", "; Apre = 0.01 * rand()"},
        {"delivered one step later", kOnPre, kOnPost, "order: next_step", ""},
    };
    for (const auto& c : cases) {
        INFO(c.why);
        RunResult r = run(stdp_model(c.on_pre, c.on_post, c.extra, "", c.init));
        CHECK(r.array("S.Apre").size() == 240);
    }
}

TEST_CASE("neuron_traces: a trace that a monitor or the protocol names stays per synapse") {
    const std::string named[] = {
        "monitor a = state(S, Apre, record = 0:3)\n",   // a monitor's value form
        "monitor state(S, Apre, record = 0:3)\n",       // its call form
        "analyse m = weight_stats(S, variable = Apre)\n",
    };
    for (const auto& protocol : named) {
        INFO(protocol);
        RunResult r = run(stdp_model(kOnPre, kOnPost, "", protocol));
        CHECK(r.array("S.Apre").size() == 240);
        CHECK(r.array("S.Apost").size() == 6);  // not named: per neuron
    }
}
