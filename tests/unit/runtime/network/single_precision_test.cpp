// --precision single (compiler/lower/lower_precision.h): state variables stored as float, rounded
// at every store, arithmetic in double; indices, spike times and analysed variables stay double.
#include "tests/unit/runtime/run_helpers.h"

#include <cmath>
#include <string>
#include <vector>

using nj::rt::Network;
using nj::rt::testing::run_model_text;
using nj::rt::testing::run_ok;
using nj::rt::testing::RunOptions;

namespace {

RunOptions single() {
    RunOptions o;
    o.precision = "single";
    return o;
}

/// Whether x is a float widened to double.
bool is_float(double x) { return static_cast<double>(static_cast<float>(x)) == x; }

// v decays exactly: v(n dt) = exp(-n dt / tau), 200 steps
const std::string decay = R"(
param dt = 0.1 ms
neuron N {
  equations { dv/dt = -v / (7 ms) : 1 }
  method: exact
}
group G = N(1) { v = 1 }
monitor m = state(G, v)
run 20 ms
)";

}  // namespace

TEST_CASE("single precision: every stored value is a float, within float rounding of the exact decay") {
    auto d = run_ok(decay);
    auto s = run_ok(decay, single());
    const auto& vd = d.values("m_v.npy");
    const auto& vs = s.values("m_v.npy");
    REQUIRE(vd.size() == 200);
    REQUIRE(vs.size() == 200);
    size_t differ = 0;
    for (size_t n = 0; n < vs.size(); ++n) {
        double exact = std::exp(-static_cast<double>(n) * 0.1 / 7.0);
        INFO("step ", n);
        CHECK(is_float(vs[n]));
        CHECK(std::abs(vd[n] - exact) <= 1e-13 * exact);
        // one rounding to float (relative 2^-24 = 6e-8) per step, accumulated over n steps
        CHECK(std::abs(vs[n] - exact) <= (static_cast<double>(n) + 1) * 6e-8 * exact);
        differ += vs[n] != vd[n];
    }
    CHECK(differ > 100);  // the run really stored floats: most values differ from double's
}

TEST_CASE("single precision: state variables are float; indices, spike times and analysed variables double") {
    RunOptions o = single();
    o.before_protocol = [](Network& net) {
        auto id = [&](const std::string& name) {
            const auto& arrays = net.plan().arrays;
            for (size_t k = 0; k < arrays.size(); ++k) {
                if (arrays[k].name == name) return static_cast<int>(k);
            }
            FAIL("no array ", name);
            return -1;
        };
        CHECK(net.plan().single_precision);
        CHECK(net.is_single(id("G.v")));
        CHECK(net.is_single(id("S.w")));
        CHECK_FALSE(net.is_single(id("G.lastspike")));
        CHECK_FALSE(net.is_single(id("G.spiked")));
        CHECK_FALSE(net.is_single(id("S.pre")));
        CHECK_FALSE(net.is_single(id("S.post")));
        CHECK(net.is_single(id("H.v")));
        CHECK_FALSE(net.is_single(id("T.w")));  // analysed by the protocol: its code reads doubles
        CHECK_THROWS_AS(net.array(id("G.v")), std::logic_error);
        CHECK(net.values(id("S.w")).size() == net.synapse_count(0));
    };
    auto r = run_ok(R"(
param dt = 0.1 ms
neuron N {
  equations { dv/dt = (1.5 - v) / (10 ms) : 1 }
  threshold: v > 1
  reset: v = 0
  method: exact
}
group G = N(4)
group H = N(2)
synapses S(G -> G) {
  connect: i != j
  equations { w : 1 }
  on_pre: v_post += w
  init: w = 0.01 * (i + 1)
}
synapses T(H -> H) {
  connect: i != j
  equations { w : 1 }
  on_pre: v_post += w
  init: w = 0.1
}
run 30 ms
analyse T_w = weight_stats(T, variable = w, w_min = 0, w_max = 1)
)", o);
    CHECK(r.spike_count > 0);
    for (double w : r.array("S.w")) CHECK(is_float(w));
    for (double v : r.array("G.v")) CHECK(is_float(v));
}

TEST_CASE("single precision: a value beyond float's range stops the run, where double goes on") {
    // v = e^(t / ms): 3.4e38, float's largest value, at t = 88.7 ms; double's 1.8e308 at 709.8 ms
    const std::string growth = R"(
param dt = 0.1 ms
neuron N {
  equations { dv/dt = v / ms : 1 }
  method: exact
}
group G = N(3) { v = 1 }
run 100 ms
)";
    auto d = run_model_text(growth);
    REQUIRE(d.built);
    CHECK(d.outcome.complete);
    auto s = run_model_text(growth, single());
    REQUIRE(s.built);
    REQUIRE(s.outcome.non_finite.has_value());
    CHECK(s.outcome.non_finite->variable == "v");
    CHECK(s.outcome.non_finite->index == 0);
    CHECK(s.outcome.non_finite->time == doctest::Approx(88.7e-3).epsilon(2e-3));
}

TEST_CASE("single precision: store and restore bring back the float state exactly") {
    auto r = run_ok(R"(
param dt = 0.1 ms
neuron N {
  equations { dv/dt = (1.3 - v) / (3 ms) : 1 }
  threshold: v > 1
  reset: v = 0
  method: euler
}
group G = N(3) { v = 0.1 * i }
monitor m = state(G, v)
store start
run 5 ms
restore start
run 5 ms
)", single());
    const auto& v = r.values("m_v.npy");
    REQUIRE(v.size() == 2 * 50 * 3);
    for (size_t k = 0; k < 150; ++k) CHECK(v[k] == v[150 + k]);
}

TEST_CASE("single precision: gradient training is refused with the statement's position") {
    auto r = run_model_text(R"(
param dt = 1 ms
param a = 1 { trainable: linear }
neuron N {
  equations { dx/dt = (a - x) / (5 ms) : 1 }
  method: euler
}
group G = N(2)
loss L = sum(G.x)
train L(epochs = 1) {
  run 3 ms
}
)", single());
    CHECK_FALSE(r.built);
    CHECK(r.diagnostics.find("test.nj:10:1") != std::string::npos);
    CHECK(r.diagnostics.find("gradient training in single precision") != std::string::npos);
}

TEST_CASE("single precision: `precision: single` in the model file, and --precision overrides it") {
    const std::string text = decay + "precision: single\n";
    auto from_file = run_ok(text);
    auto overridden = run_ok(text, [] {
        RunOptions o;
        o.precision = "double";
        return o;
    }());
    CHECK(is_float(from_file.values("m_v.npy")[150]));
    CHECK_FALSE(is_float(overridden.values("m_v.npy")[150]));
}
