// Tests for the step's fast paths (network.h): spike lists and resets that do not depend on the
// number of threads, resets of the spiking elements only, and exact non-finite reports when only
// the arrays a step writes are checked.
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

TEST_CASE("Network: spike lists and state are identical for 1 and 2 threads on 20 000 neurons") {
    // A sixth of the neurons start above threshold (a full reset pass at step 0), later steps
    // have few spikes (resets of the spiking elements only); the group is split over threads.
    const std::string model = R"(
param dt = 0.1 ms
neuron LIF {
  equations {
    dv/dt = (I - v) / (10 ms) : 1 (unless refractory)
    I : 1 (constant)
  }
  threshold: v > 1
  reset: v = 0
  refractory: 1 ms
  method: exact
}
group G = LIF(20000) {
  I = 1.05 + 0.3 * rand()
  init: v = 1.2 * rand()
}
monitor spikes(G)
run 30 ms
)";
    auto one = run_ok(model);
    auto two = run_ok(model, RunOptions{.threads = 2});
    const auto& is = one.values("spikes_G_i.npy");
    const auto& ts = one.values("spikes_G_t.npy");
    REQUIRE(is.size() > 20000 / 16);
    CHECK(is == two.values("spikes_G_i.npy"));
    CHECK(ts == two.values("spikes_G_t.npy"));
    CHECK(one.array("G.v") == two.array("G.v"));
    CHECK(one.array("G.lastspike") == two.array("G.lastspike"));
    // within a step, indices come out increasing
    for (size_t k = 1; k < is.size(); ++k) {
        if (ts[k] == ts[k - 1]) REQUIRE(is[k] > is[k - 1]);
    }
    // every element spiking at the last step was reset
    double last = ts.back();
    for (size_t k = 0; k < is.size(); ++k) {
        if (ts[k] == last) CHECK(one.array("G.v")[static_cast<size_t>(is[k])] == 0.0);
    }
}

TEST_CASE("Network: spikes found by each thread of a split threshold kernel are those one thread finds") {
    // No equations: the group's threshold is a kernel of its own (not fused into an update),
    // split over the threads at 6000 elements; each thread lists its own part's spikes.
    const std::string model = R"(
param dt = 0.1 ms
neuron Coin {
  equations {
    p : 1 (constant)
  }
  threshold: rand() < p
}
group G = Coin(6000) {
  p = 0.002 + 0.01 * (i % 3)
}
monitor spikes(G)
run 20 ms
)";
    bool separate_threshold = false;
    RunOptions options{.threads = 2};
    options.before_protocol = [&](nj::rt::Network& network) {
        separate_threshold = network.plan().groups.at(0).threshold.valid();
    };
    auto one = run_ok(model);
    auto two = run_ok(model, options);
    CHECK(separate_threshold);
    const auto& is = one.values("spikes_G_i.npy");
    REQUIRE(is.size() > 1000);
    CHECK(is == two.values("spikes_G_i.npy"));
    CHECK(one.values("spikes_G_t.npy") == two.values("spikes_G_t.npy"));
}

TEST_CASE("Network: a sampler kernel splits over threads from 256 elements, with identical results") {
    // Poisson counts per neuron and step cost ~0.1 us each, so the input kernel is marked to
    // split far below the 4096 elements of arithmetic kernels; 1 and 2 threads must agree.
    const std::string model = R"(
param dt = 0.1 ms
group G(1000) {
  equations { dv/dt = -v / (10 ms) : 1 }
}
input drive = poisson_input(G.v, n = 50, rate = (5 + i % 7) * Hz, weight = 0.1)
run 20 ms
)";
    size_t split_from = 0;
    RunOptions options{.threads = 2};
    options.before_protocol = [&](nj::rt::Network& network) {
        split_from = network.plan().groups.at(0).inputs.at(0).split_from;
    };
    auto one = run_ok(model);
    auto two = run_ok(model, options);
    CHECK(split_from == 256);
    CHECK(one.array("G.v") == two.array("G.v"));
    double total = 0;
    for (double v : one.array("G.v")) total += v;
    CHECK(total > 0);  // the input did arrive
}

TEST_CASE("Network: resetting only the spiking elements keeps the hand-computed spike steps") {
    // As the two-neuron LIF of network_test.cpp: neuron 0 first spikes at step 138, then every
    // 158 steps; neuron 1 at step 69, then every 89. The other 62 neurons have no drive, so a
    // step has at most 2 < 64/16 spikes and the reset runs on the spiking elements only.
    auto r = run_ok(R"(
param dt = 0.1 ms
neuron LIF {
  equations {
    dv/dt = (-65 mV - v + 100 Mohm * I) / (10 ms) : volt (unless refractory)
    I : amp (constant)
  }
  threshold: v > -50 mV
  reset: v = -65 mV
  refractory: 2 ms
  method: exact
}
group G = LIF(64) {
  init: v = -65 mV
  I = (200 pA + i * 100 pA) * (1 - floor(i / 2))
}
monitor spikes(G)
run 100 ms
)");
    const auto& is = r.values("spikes_G_i.npy");
    const auto& ts = r.values("spikes_G_t.npy");
    std::vector<int64_t> steps[2];
    for (size_t k = 0; k < is.size(); ++k) {
        REQUIRE(is[k] < 2);
        steps[static_cast<size_t>(is[k])].push_back(std::llround(ts[k] / r.dt_s));
    }
    auto arithmetic = [](int64_t first, int64_t period) {
        std::vector<int64_t> out;
        for (int64_t s = first; s < 1000; s += period) out.push_back(s);
        return out;
    };
    CHECK(steps[0] == arithmetic(138, 158));
    CHECK(steps[1] == arithmetic(69, 89));
}

TEST_CASE("Network: a non-finite constant is reported exactly although steps check only written arrays") {
    // I is infinite at element 3 from the start: the report names I (before v in the check's
    // order), not the v it makes infinite, at the first step.
    auto r = run_model_text(R"(
param dt = 0.1 ms
neuron N {
  equations {
    dv/dt = (I - v) / (10 ms) : 1
    I : 1 (constant)
  }
  method: exact
}
group G = N(5) { I = 1 / (i - 3) }
run 10 ms
)");
    INFO(r.diagnostics);
    REQUIRE(r.built);
    REQUIRE(r.outcome.non_finite.has_value());
    CHECK(r.outcome.non_finite->group == "G");
    CHECK(r.outcome.non_finite->variable == "I");
    CHECK(r.outcome.non_finite->index == 3);
    CHECK(r.outcome.non_finite->time == 0.0);
}

TEST_CASE("Network: an overflow far into a large group is reported at its first element, for any threads") {
    // elements 2500.. grow as e^(0.1 n); they overflow at the same step, element 2500 is first
    for (int threads : {1, 2}) {
        CAPTURE(threads);
        auto r = run_model_text(R"(
param dt = 0.1 ms
neuron Grow {
  equations {
    dv/dt = k * v : 1
    k : 1/second (constant)
  }
  method: exact
}
group Blow = Grow(3000) {
  init: v = 1
  k = floor(i / 2500) * 1000 / second
}
run 1 s
)",
                                RunOptions{.threads = threads});
        INFO(r.diagnostics);
        REQUIRE(r.built);
        REQUIRE(r.outcome.non_finite.has_value());
        CHECK(r.outcome.non_finite->variable == "v");
        CHECK(r.outcome.non_finite->index == 2500);
        auto step = std::llround(r.outcome.non_finite->time / r.dt_s);
        CHECK(step >= 7000);
        CHECK(step <= 7100);
    }
}
