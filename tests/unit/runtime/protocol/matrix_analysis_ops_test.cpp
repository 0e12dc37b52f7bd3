// weight_motifs, center_incoming, trace_match and participation_ratio called from a model's
// protocol (runtime/protocol/matrix_analysis_ops.h), against values computed here by hand.
#include "tests/unit/runtime/run_helpers.h"

#include <cmath>
#include <string>
#include <vector>

using nj::rt::testing::run_model_text;
using nj::rt::testing::run_ok;

namespace {

/// W[post j][pre i] = i + 2 j for i != j, 0 on the diagonal (N = 4), as the model below makes it.
std::vector<std::vector<double>> centred_matrix() {
    const int n = 4;
    std::vector<std::vector<double>> w(n, std::vector<double>(n, 0.0));
    double mean = 0;
    for (int j = 0; j < n; ++j) {
        for (int i = 0; i < n; ++i) w[j][i] = i == j ? 0.0 : i + 2.0 * j;
        for (int i = 0; i < n; ++i) mean += w[j][i] / (n * n);
    }
    for (auto& row : w) {
        for (double& x : row) x -= mean;
    }
    return w;
}

const std::string square_model = R"(
group G(4) { equations { v : 1 } }
synapses S(G -> G) {
  equations { w : 1 }
  connect: i != j
  init: w = i + 2 * j
}
)";

/// x = (i + 1) s(t), y = 2 x with s a sine of period 8 steps: rank-one traces.
const std::string trace_model = R"(
param dt = 1 ms
group H(3) {
  equations {
    x = (i + 1) * sin(2 * pi * t / (8 * ms) + 0.3) : 1
    y = 2 * x : 1
  }
}
monitor m = state(H, x, y)
run 12 ms
)";

}  // namespace

TEST_CASE("weight_motifs: sigma2 and the four tau of a small matrix, by hand") {
    auto r = run_ok(square_model + "analyse motifs = weight_motifs(S)\n");
    auto w = centred_matrix();
    const int n = 4;
    double squares = 0, rec = 0, div = 0, con = 0, chn = 0;
    for (int a = 0; a < n; ++a) {
        for (int b = 0; b < n; ++b) {
            squares += w[a][b] * w[a][b];
            rec += w[a][b] * w[b][a];
            if (a == b) continue;
            for (int k = 0; k < n; ++k) {
                div += w[a][k] * w[b][k];
                con += w[k][a] * w[k][b];
                chn += w[a][k] * w[k][b];
            }
        }
    }
    double sigma2 = squares / n, pairs = n * (n - 1) * sigma2;
    const auto& m = r.metrics["motifs"];
    CHECK(m["sigma2"].get<double>() == doctest::Approx(sigma2));
    CHECK(m["tau_rec"].get<double>() == doctest::Approx(rec / (n * sigma2)));
    CHECK(m["tau_div"].get<double>() == doctest::Approx(div / pairs));
    CHECK(m["tau_con"].get<double>() == doctest::Approx(con / pairs));
    CHECK(m["tau_chn"].get<double>() == doctest::Approx(2 * chn / pairs));
}

TEST_CASE("center_incoming: each post neuron's existing weights shift to sum to the target") {
    auto r = run_ok(square_model + "apply center_incoming(S, target = 3)\n");
    const auto& pre = r.array("S.pre");
    const auto& post = r.array("S.post");
    const auto& w = r.array("S.w");
    std::vector<double> sums(4, 0.0);
    for (size_t s = 0; s < w.size(); ++s) {
        sums[static_cast<size_t>(post[s])] += w[s];
        // one shift per post neuron: (3 - Σ_i (i + 2j)) / 3 added to i + 2 j
        double j = post[s], i = pre[s];
        double original_sum = (0 + 1 + 2 + 3 - j) + 3 * 2 * j;
        CHECK(w[s] == doctest::Approx(i + 2 * j + (3 - original_sum) / 3));
    }
    for (double sum : sums) CHECK(sum == doctest::Approx(3.0));
}

TEST_CASE("participation_ratio: rank-one traces have PR 1, over the samples of the window") {
    auto r = run_ok(trace_model + "analyse d = participation_ratio(m, variable = \"x\", start = 2 ms, stop = 10 ms)\n");
    const auto& d = r.metrics["d"];
    CHECK(d["participation_ratio"].get<double>() == doctest::Approx(1.0));
    CHECK(d["samples"].get<double>() == 8);
    CHECK(d["n"].get<double>() == 3);
}

TEST_CASE("trace_match: error, target power and correlation of recorded traces in a window") {
    auto r = run_ok(trace_model + "analyse tm = trace_match(m, signal = \"x\", target = \"y\", start = 2 ms, stop = 10 ms)\n");
    double square = 0;  // mean of x² over steps 2..9 and the three neurons
    for (int n = 2; n < 10; ++n) {
        for (int k = 0; k < 3; ++k) {
            double x = (k + 1) * std::sin(2 * M_PI * n / 8.0 + 0.3);
            square += x * x / 24;
        }
    }
    const auto& tm = r.metrics["tm"];
    CHECK(tm["mse"].get<double>() == doctest::Approx(square));  // (x - 2x)² = x²
    CHECK(tm["target_power"].get<double>() == doctest::Approx(4 * square));
    CHECK(tm["correlation"].get<double>() == doctest::Approx(1.0));
}

TEST_CASE("trace_match: a variable the monitor does not record stops the protocol with a message") {
    auto r = run_model_text(trace_model + "analyse tm = trace_match(m, signal = \"x\", target = \"z\")\n");
    REQUIRE(r.built);
    CHECK_FALSE(r.outcome.complete);
    CHECK(r.outcome.error.find("does not record 'z'") != std::string::npos);
}

TEST_CASE("weight_motifs: a projection that is not square is refused at run time") {
    auto r = run_model_text(R"(
group A(3) { equations { v : 1 } }
group B(2) { equations { v : 1 } }
synapses S(A -> B) {
  equations { w : 1 }
  connect: all
}
analyse motifs = weight_motifs(S)
)");
    REQUIRE(r.built);
    CHECK(r.outcome.error.find("one size") != std::string::npos);
}

TEST_CASE("trace_match: a source that is not a state monitor is not supported") {
    auto r = run_model_text(square_model + "analyse tm = trace_match(G, signal = \"v\", target = \"v\")\n");
    CHECK_FALSE(r.built);
    CHECK(r.diagnostics.find("run.unsupported") != std::string::npos);
}
