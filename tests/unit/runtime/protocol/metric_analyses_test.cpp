// Tests for metric, synapse_angle and matmul_weights (metric_analyses.h, lowered by
// lower_analysis_exprs.h): values worked out by hand on tiny networks, run end to end, the
// layout of repeated results, and the errors for wrong arguments.
#include "runtime/protocol/metric_analyses.h"

#include "tests/unit/runtime/run_helpers.h"

#include <cmath>
#include <string>
#include <vector>

using nj::rt::angle_degrees;
using nj::rt::testing::run_model_text;
using nj::rt::testing::run_ok;

namespace {

bool has(const std::string& text, const std::string& part) {
    INFO("looking for: ", part, "\nin:\n", text);
    return text.find(part) != std::string::npos;
}

/// A(2) -> B(2), all pairs, synapse s = 2 i + j: a = [1, 0, 1, 0], b = [1, 1, 0, 0],
/// layer = i + j = [0, 1, 1, 2]; d = a - b = [0, -1, 1, 0] is a subexpression.
const std::string angle_model = R"(param dt = 0.1 ms
neuron N { equations { v : 1 } }
group A = N(2)
group B = N(2)
synapses S(A -> B) {
  equations {
    a : 1
    b : 1
    layer : 1
    d = a - b : 1
  }
  connect: p = 1
  init: a = where(j == 0, 1, 0); b = where(i == 0, 1, 0); layer = i + j
}
synapses T(A -> B) {
  equations { w : 1 }
  connect: p = 1 ; init: w = 10 * i + j
}
)";

/// P(2) -> R(2) (S), Q(2) -> R(2) (A), P(2) -> Q(2) (B): A[post, pre] = [[1, 2], [3, 4]],
/// B = [[5, 6], [7, 8]], so A B = [[19, 22], [43, 50]]; synapse s of S is (pre s div 2,
/// post s mod 2).
const std::string matmul_model = R"(param dt = 0.1 ms
neuron N { equations { v : 1 } }
group P = N(2)
group Q = N(2)
group R = N(2)
synapses S(P -> R) {
  equations {
    w : 1
    sc : 1
  }
  connect: p = 1
  init: sc = i + 1
}
synapses A(Q -> R) {
  equations { w : 1 }
  connect: p = 1
  init: w = 1 + i + 2 * j
}
synapses B(P -> Q) {
  equations { w : 1 }
  connect: p = 1
  init: w = 5 + i + 2 * j
}
)";

}  // namespace

TEST_CASE("angle_degrees: hand-computed angles, the mask, and the snaps to 0") {
    std::vector<double> a = {1, 0, 1, 0}, b = {1, 1, 0, 0}, none;
    CHECK(angle_degrees(a, b, none) == doctest::Approx(60));  // cos = 1 / (√2 √2)
    CHECK(angle_degrees(a, std::vector<double>{-1, 0, -1, 0}, none) == doctest::Approx(180));
    CHECK(angle_degrees(a, b, std::vector<double>{0, 1, 1, 0}) ==
          doctest::Approx(90));                                        // [0 1]·[1 0]
    CHECK(angle_degrees(a, b, std::vector<double>{1, 0, 0, 1}) == 0);  // parallel: cos = 1 exactly
    CHECK(angle_degrees(a, std::vector<double>{1, 1e-4, 1, 0}, none) == 0);  // |1 - cos| < 1e-6
    CHECK(angle_degrees(a, std::vector<double>{0, 0, 0, 0}, none) == 0);     // a zero norm
    CHECK(angle_degrees(a, b, std::vector<double>{0, 0, 0, 0}) == 0);        // nothing selected
    // 3-4-5: cos = (3·4) / (5 · 4) = 0.6, about 53.13 degrees
    CHECK(angle_degrees(std::vector<double>{3, 4}, std::vector<double>{4, 0}, none) ==
          doctest::Approx(std::acos(0.6) * 180 / M_PI));
}

TEST_CASE("metric: an indexed group variable over parameters, one entry per pass of a loop") {
    // G.x[2] = (2 + k) ms each pass, / (4 ms): 0.5, 0.75, 1; after the loop G.x[1] = 3 ms.
    auto r = run_ok(R"(param dt = 0.1 ms
param n = 4
neuron N { equations { x : second } }
group G = N(3)
repeat 3 as k {
  set G.x = (i + k) * ms
  analyse m = metric(G.x[2] / (n * ms))
}
analyse last = metric(G.x[n - 3] / ms, key = 7)
)");
    const auto& m = r.metrics["m"];
    INFO(r.metrics.dump());
    REQUIRE(m.is_array());
    REQUIRE(m.size() == 3);
    for (int k = 0; k < 3; ++k) {
        CHECK(m[k]["value"].get<double>() == doctest::Approx((2 + k) / 4.0));
        CHECK(m[k]["loop"]["k"].get<double>() == k);
        CHECK(m[k]["unit"] == "1");
        CHECK_FALSE(m[k].contains("key"));
    }
    CHECK(r.metric("last") == doctest::Approx(3));
    CHECK(r.metrics["last"]["key"].get<double>() == 7);
}

TEST_CASE("metric: a synapse variable at an index; the same name twice makes a list") {
    // T connects all pairs of A(2) -> B(2): synapse s = 2 i + j, w = 10 i + j = [0, 1, 10, 11].
    auto r = run_ok(angle_model + R"(analyse s = metric(T.w[2])
analyse s = metric(T.w[3] + T.w[1] * 2)
analyse once = metric(S.layer[3] + 0.5)
)");
    const auto& s = r.metrics["s"];
    INFO(r.metrics.dump());
    REQUIRE(s.is_array());
    REQUIRE(s.size() == 2);
    CHECK(s[0]["value"].get<double>() == 10);
    CHECK(s[1]["value"].get<double>() == 13);
    CHECK(r.metric("once") == 2.5);  // a single call: one entry, no list
}

TEST_CASE("metric: a result written before a loop stays the first entry of the loop's list") {
    auto r = run_ok(R"(param dt = 0.1 ms
neuron N { equations { x : 1 } }
group G = N(1)
analyse m = metric(G.x[0])
repeat 2 as k {
  set G.x = k + 1
  analyse m = metric(G.x[0])
}
)");
    const auto& m = r.metrics["m"];
    INFO(r.metrics.dump());
    REQUIRE(m.size() == 3);
    CHECK(m[0]["value"].get<double>() == 0);
    CHECK_FALSE(m[0].contains("loop"));
    CHECK(m[2]["value"].get<double>() == 2);
    CHECK(m[2]["loop"]["k"].get<double>() == 1);
}

TEST_CASE("metric: an index outside the variable stops the protocol with a message") {
    auto r = run_model_text(R"(param dt = 0.1 ms
neuron N { equations { x : 1 } }
group G = N(3)
repeat 5 as k {
  analyse m = metric(G.x[k])
}
)");
    REQUIRE(r.built);
    CHECK_FALSE(r.outcome.complete);
    CHECK(has(r.outcome.error, "metric 'm': the index of 'G.x[k]' is 3, outside 0 .. 2"));
    CHECK(r.metrics["m"].size() == 3);  // the passes before it
}

TEST_CASE("metric: arguments that do not fit are errors at their place in the model") {
    const std::string head =
        "param dt = 0.1 ms\nneuron N { equations { x : second\n y = 2 * x : second } }\ngroup G = "
        "N(3)\n";
    auto unit = run_model_text(head + "analyse m = metric(G.x[0])\n");
    CHECK_FALSE(unit.built);
    CHECK(has(unit.diagnostics, "test.nj:5:20: error[units.not_dimensionless]"));
    CHECK(has(unit.diagnostics,
              "the value of 'metric' must be dimensionless, but 'G.x[0]' is in second"));
    auto whole = run_model_text(head + "analyse m = metric(G.x / ms)\n");
    CHECK(has(whole.diagnostics,
              "test.nj:5:20: error[protocol.invalid]: 'metric' reads one element of a "
              "variable: write 'G.x[k]'"));
    auto sub = run_model_text(head + "analyse m = metric(G.y[0] / ms)\n");
    CHECK(has(sub.diagnostics,
              "5:20: error[protocol.invalid]: 'metric' reads stored variables at an index, "
              "and 'G.y' is a subexpression"));
    auto two = run_model_text(head + "analyse m = metric(1, 2)\n");
    CHECK(has(two.diagnostics, "5:13: error[protocol.invalid]: 'metric' takes one expression"));
    auto key = run_model_text(head + "analyse m = metric(1, key = 2 ms)\n");
    CHECK(has(key.diagnostics,
              "5:29: error[units.not_dimensionless]: the key of 'metric' must be dimensionless"));
}

TEST_CASE("synapse_angle: angles between variables and subexpressions of one synapses object") {
    auto r = run_ok(angle_model + R"(analyse all = synapse_angle(S.a, S.b)
analyse opposite = synapse_angle(S.a, -S.a)
analyse sub = synapse_angle(S.d, S.a)
analyse ends = synapse_angle(S.a, S.b, mask = S.layer != 1)
analyse inner = synapse_angle(S.a, S.b, mask = S.layer == 1 and i + j == 1, key = 1)
)");
    INFO(r.metrics.dump());
    CHECK(r.metric("all") == doctest::Approx(60));  // [1 0 1 0]·[1 1 0 0] = 1, norms √2
    CHECK(r.metrics["all"]["unit"] == "degree");
    CHECK(r.metric("opposite") == doctest::Approx(180));
    CHECK(r.metric("sub") == doctest::Approx(60));    // [0 -1 1 0]·[1 0 1 0] = 1, norms √2
    CHECK(r.metric("ends") == 0);                     // synapses 0 and 3: [1 0] ∥ [1 0]
    CHECK(r.metric("inner") == doctest::Approx(90));  // synapses 1 and 2: [0 1] ⟂ [1 0]
    CHECK(r.metrics["inner"]["key"].get<double>() == 1);
}

TEST_CASE(
    "synapse_angle: one entry per call inside loops, each with its key and the loop variables") {
    auto r = run_ok(angle_model + R"(repeat 2 as m {
  analyse layers = synapse_angle(S.a, S.b, mask = S.layer == m + 1, key = m + 1)
  analyse layers = synapse_angle(S.a, S.b, key = 0)
}
)");
    const auto& e = r.metrics["layers"];
    INFO(r.metrics.dump());
    REQUIRE(e.size() == 4);
    CHECK(e[0]["value"].get<double>() == doctest::Approx(90));  // layer 1: synapses 1 and 2
    CHECK(e[0]["key"].get<double>() == 1);
    CHECK(e[0]["loop"]["m"].get<double>() == 0);
    CHECK(e[1]["value"].get<double>() == doctest::Approx(60));
    CHECK(e[1]["key"].get<double>() == 0);
    CHECK(e[2]["value"].get<double>() == 0);  // layer 2: synapse 3, a = b = 0
    CHECK(e[2]["key"].get<double>() == 2);
    CHECK(e[2]["loop"]["m"].get<double>() == 1);
}

TEST_CASE(
    "synapse_angle: values of another object, no object, or a mask that is no condition are "
    "errors") {
    auto other = run_model_text(angle_model + "analyse x = synapse_angle(S.a, T.w)\n");
    CHECK_FALSE(other.built);
    CHECK(has(other.diagnostics,
              "test.nj:19:32: error[protocol.invalid]: 'synapse_angle' evaluates 'T.w' for "
              "each synapse of 'S', so 'T.w' cannot be used here"));
    auto none = run_model_text(angle_model + "analyse x = synapse_angle(1, 2)\n");
    CHECK(has(none.diagnostics,
              "19:13: error[protocol.invalid]: 'synapse_angle' compares two variables of one "
              "synapses object, e.g. 'synapse_angle(S.a, S.b)', but it names none"));
    auto mask =
        run_model_text(angle_model + "analyse x = synapse_angle(S.a, S.b, mask = S.layer)\n");
    CHECK(
        has(mask.diagnostics,
            "19:44: error[type.mismatch]: the mask of 'synapse_angle' must be a condition such as "
            "'S.layer == 1', not a dimensionless value"));
    auto count = run_model_text(angle_model + "analyse x = synapse_angle(S.a)\n");
    CHECK(has(count.diagnostics,
              "19:13: error[protocol.invalid]: 'synapse_angle' compares two variables"));
}

TEST_CASE("matmul_weights: a 2x2 product by hand, with a number and a per-synapse scale") {
    auto r = run_ok(matmul_model + R"(apply matmul_weights(S, A, B)
analyse plain = snapshot(S, variable = w)
apply matmul_weights(S, A, B, scale = 0.5)
analyse half = snapshot(S, variable = w)
apply matmul_weights(S, A, B, scale = S.sc, variable = "sc")
)");
    // synapse s of S: (pre p, post q) = (s div 2, s mod 2) gets (A B)[q, p]
    CHECK(r.values("plain.npy") == std::vector<double>{19, 43, 22, 50});
    CHECK(r.values("half.npy") == std::vector<double>{9.5, 21.5, 11, 25});
    // sc = p + 1 scales, and is itself the variable set
    CHECK(r.array("S.sc") == std::vector<double>{19, 43, 44, 100});
    CHECK(r.metrics.empty());
}

TEST_CASE("matmul_weights: absent synapses are zeros of A and B, and only S's synapses are set") {
    // B connects i == j only: B = diag(5, 8); A B = [[5, 16], [15, 32]]; S has (0, 0) and (1, 0).
    std::string model = matmul_model;
    model.replace(model.rfind("connect: p = 1"), 14, "connect: i == j");
    model.replace(model.find("connect: p = 1"), 14, "connect: j == 0");
    auto r = run_ok(model + "apply matmul_weights(S, A, B)\n");
    CHECK(r.array("S.w") == std::vector<double>{5, 16});
}

TEST_CASE("matmul_weights: sizes that do not multiply, units and wrong objects are errors") {
    const std::string head = R"(param dt = 0.1 ms
neuron N { equations { v : 1 } }
group P = N(2)
group Q = N(3)
group R = N(2)
synapses S(P -> R) { equations { w : 1 } ; connect: p = 1 }
synapses A(P -> R) { equations { w : 1 } ; connect: p = 1 }
synapses B(Q -> P) { equations { w : volt } ; connect: p = 1 }
synapses C(P -> P) { equations { w : 1 } ; connect: p = 1 }
synapses D(Q -> R) { equations { w : 1 } ; connect: p = 1 }
)";
    auto inner = run_model_text(head + "apply matmul_weights(S, D, C)\n");
    CHECK_FALSE(inner.built);
    CHECK(has(inner.diagnostics,
              "test.nj:11:7: error[protocol.invalid]: matmul_weights(S, A, B): the product A B "
              "needs as many pre neurons in A as post neurons in B, but 'D' comes from 'Q' (3) "
              "and 'C' goes to 'P' (2)"));
    auto outer = run_model_text(head + "apply matmul_weights(S, A, B)\n");
    CHECK(has(outer.diagnostics,
              "11:7: error[protocol.invalid]: matmul_weights(S, A, B): S needs as many pre "
              "neurons as B, but 'S' comes from 'P' (2) and 'B' comes from 'Q' (3)"));
    auto units = run_model_text(head + "apply matmul_weights(C, C, C, scale = 1 mV)\n");
    CHECK(has(units.diagnostics,
              "11:7: error[units.mismatch]: matmul_weights: 'C.w' is dimensionless, but "
              "scale × A.w × B.w is in volt"));
    auto group = run_model_text(head + "apply matmul_weights(S, P, A)\n");
    CHECK(has(group.diagnostics, "11:25: error[protocol.invalid]: 'P' is not a synapses object"));
    auto variable = run_model_text(head + "apply matmul_weights(C, C, C, variable = \"x\")\n");
    CHECK(has(variable.diagnostics,
              "error[protocol.invalid]: 'C' has no stored variable 'x' to set"));
    auto scale = run_model_text(head + "apply matmul_weights(C, C, C, scale = A.w)\n");
    CHECK(has(scale.diagnostics, "'matmul_weights' evaluates 'A.w' for each synapse of 'C'"));
}
