// Strings in kernels, subexpressions held over a step, and analyses inside protocol loops, run
// end to end.
#include "tests/unit/runtime/run_helpers.h"

#include <cmath>

using nj::rt::testing::RunOptions;
using nj::rt::testing::run_ok;

TEST_CASE("strings: a string parameter compares with literals in kernels, also after --set") {
    const std::string text =
        "param dt = 0.1 ms\n"
        "param shape = \"box\"\n"
        "neuron N { equations { v : 1 } }\n"
        "group G = N(3) {\n"
        "  init: v = where(shape == \"box\", 1, where(shape == \"ramp\", 2, 3))\n"
        "}\n"
        "run 0.1 ms\n";
    CHECK(run_ok(text).array("G.v")[0] == 1);
    RunOptions ramp;
    ramp.overrides = {{"shape", "\"ramp\""}};
    CHECK(run_ok(text, ramp).array("G.v")[0] == 2);
    RunOptions other;
    other.overrides = {{"shape", "\"other\""}};
    CHECK(run_ok(text, other).array("G.v")[0] == 3);
}

TEST_CASE("constant over dt: a time-dependent input held over each step keeps 'exact' exact") {
    // dv/dt = -v/tau + s with s = k t held at its start-of-step value: exactly
    // v(n+1) = v(n) e^(-dt/tau) + tau (1 - e^(-dt/tau)) k t_n.
    auto r = run_ok(
        "param dt = 1 ms\n"
        "param tau = 10 ms\n"
        "param k = 1000 / second ** 2\n"
        "neuron N {\n"
        "  equations {\n"
        "    dv/dt = -v / tau + s : 1\n"
        "    s = k * t : hertz (constant over dt)\n"
        "  }\n"
        "  method: exact\n"
        "}\n"
        "group G = N(1)\n"
        "run 20 ms\n");
    double v = 0, decay = std::exp(-0.1);
    for (int n = 0; n < 20; ++n) v = v * decay + 0.01 * (1 - decay) * 1000 * (n * 1e-3);
    CHECK(r.array("G.v")[0] == doctest::Approx(v).epsilon(1e-12));
}

TEST_CASE("analyses inside loops: one entry per pass with the loop variables, files named by pass") {
    auto r = run_ok(
        "param dt = 0.1 ms\n"
        "neuron N { equations { v : 1 } }\n"
        "group G = N(2)\n"
        "for x in [0.5, 2] {\n"
        "  repeat 2 as k {\n"
        "    set G.v = x * (k + 1)\n"
        "    analyse snap = snapshot(G, variable = v)\n"
        "  }\n"
        "}\n"
        "analyse last = snapshot(G, variable = v)\n");
    CHECK_FALSE(r.metrics.contains("snap"));  // a snapshot writes a file, no metric
    CHECK(r.values("snap_x0.5_k0.npy")[0] == 0.5);
    CHECK(r.values("snap_x0.5_k1.npy")[0] == 1.0);
    CHECK(r.values("snap_x2_k0.npy")[0] == 2.0);
    CHECK(r.values("last.npy")[1] == 4.0);
}

TEST_CASE("analyses inside loops: an apply operation adds no metric, however often it runs") {
    auto r = run_ok(
        "param dt = 0.1 ms\n"
        "neuron N { equations { v : 1 } }\n"
        "group A = N(2)\n"
        "group B = N(2)\n"
        "synapses S(A -> B) {\n"
        "  equations { w : 1 }\n"
        "  connect: p = 1\n"
        "  init: w = 1\n"
        "}\n"
        "repeat 3 {\n"
        "  apply scale_incoming(S, variable = w, target = 4)\n"
        "  analyse total = weight_stats(S, variable = w, w_min = 0, w_max = 10)\n"
        "}\n");
    CHECK_FALSE(r.metrics.contains("scale_incoming_S"));
    REQUIRE(r.metrics["total"].is_array());
    REQUIRE(r.metrics["total"].size() == 3);
    CHECK(r.metrics["total"][2]["loop"]["pass"] == 2.0);
    CHECK(r.metrics["total"][2]["mean"].get<double>() == doctest::Approx(2.0));
    // each entry is that pass's result only, not the list so far
    CHECK_FALSE(r.metrics["total"][2].contains("value"));
}
