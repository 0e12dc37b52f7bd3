// Tests for the trial analyses (trial_analyses.h, lowered by lower_trial_analyses.h): values
// worked out by hand on tiny groups run end to end, pooling over calls, keys, and the errors
// for wrong arguments.
#include "runtime/protocol/trial_analyses.h"

#include "tests/unit/runtime/run_helpers.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

using nj::rt::testing::run_model_text;

namespace {

bool has(const std::string& text, const std::string& part) {
    INFO("looking for: ", part, "\nin:\n", text);
    return text.find(part) != std::string::npos;
}

/// 3 trials of 2 neurons: G.c = [2, 0 | 1, 1 | 3, 0], labels [0, 1, 1], keys [0, 1, 1].
const std::string trials_model = R"(param dt = 0.1 ms
param cs = [2, 0, 1, 1, 3, 0]
group Trial(3) {
  equations {
    label : 1
    key : 1
  }
}
group G(6) {
  equations {
    c : 1
    v : volt
    d = 2 * c : 1
  }
}
set Trial.label = min(i, 1), Trial.key = min(i, 1), G.c = cs[i], G.v = (i - 3) * 20 mV
)";

}  // namespace

TEST_CASE("active_fraction: mean fraction of active neurons over the labelled trials") {
    auto r = run_model_text(trials_model + R"(
analyse a = active_fraction(G.c, labels = Trial.label, min_count = 1)
analyse b = active_fraction(G.d, labels = Trial.label, min_count = 1)
)");
    CHECK(r.metric("a") == doctest::Approx(2.0 / 3));
    CHECK(r.metrics["a"]["trials"] == 3);
    CHECK(r.metric("b") == doctest::Approx(2.0 / 3));  // a subexpression d = 2 c
}

TEST_CASE("total_per_trial: pooled over calls of one name, one result even inside a loop") {
    auto r = run_model_text(trials_model + R"(
repeat 2 as k {
  set G.c = (k + 1) * cs[i]
  analyse total = total_per_trial(G.c, labels = Trial.label)
  analyse by_key = total_per_trial(G.c, labels = Trial.label, key = Trial.key)
}
)");
    INFO(r.diagnostics, r.outcome.error);
    // sums 2, 2, 3 then 4, 4, 6
    CHECK(r.metric("total") == doctest::Approx(21.0 / 6));
    CHECK(r.metrics["total"]["trials"] == 6);
    CHECK(r.metrics["by_key"]["keys"] == nlohmann::json::array({0.0, 1.0}));
    CHECK(r.metrics["by_key"]["values"][0].get<double>() == doctest::Approx(3));
    CHECK(r.metrics["by_key"]["values"][1].get<double>() == doctest::Approx(15.0 / 4));
    CHECK(r.metrics["by_key"]["trials"] == nlohmann::json::array({2, 4}));
}

TEST_CASE("total_ratio: ratio of the mean totals of two keys, with a floor, and the percentage") {
    auto r = run_model_text(trials_model + R"(
analyse up = total_ratio(G.c, labels = Trial.label, key = Trial.key, numerator = 1, denominator = 0)
analyse floored = total_ratio(G.c, labels = Trial.label, key = Trial.key, numerator = 1, denominator = 0, floor = 4)
)");
    CHECK(r.metric("up") == doctest::Approx(2.5 / 2));
    CHECK(r.metric("up_percent") == doctest::Approx(20));
    CHECK(r.metric("floored") == doctest::Approx(2.5 / 4));
}

TEST_CASE("fraction_between: elements of a group or synapse variable within [low, high]") {
    auto r = run_model_text(trials_model + R"(
synapses S(G -> G) {
  equations { w : 1 }
  connect: j = i
  init: w = i
}
analyse v_mid = fraction_between(G.v, low = -40 mV, high = 0 mV)
analyse w_low = fraction_between(S.w, low = 0, high = 1.5)
)");
    INFO(r.diagnostics);
    CHECK(r.metric("v_mid") == doctest::Approx(3.0 / 6));  // v = -60, -40, -20, 0, 20, 40 mV
    CHECK(r.metric("w_low") == doctest::Approx(2.0 / 6));
}

TEST_CASE("centroid_accuracy and decorrelation: hand-computed trials") {
    auto r = run_model_text(R"(param dt = 0.1 ms
param xs = [1, 0, 0, 1, 0, 1, 0.2, 1, 0, 0]
param ys = [1, 0, 1, 1, 0, 1, 0, 0, 0, 0]
param zs = [1, 0, 0, 1, 0, 1, 0, 0, 0, 0]
param ls = [0, 0, 1, 1, 0]
param ds = [0, 1, 2, -1, -1]
group Trial(5) {
  equations {
    label : 1
    dl : 1
  }
}
group G(10) {
  equations {
    x : 1
    y : 1
    z : 1
  }
}
set Trial.label = ls[i], Trial.dl = ds[i], G.x = xs[i], G.y = ys[i], G.z = zs[i]
analyse c = centroid_accuracy(G.x, labels = Trial.label)
analyse d = decorrelation(G.y, G.z, labels = Trial.dl)
)");
    INFO(r.diagnostics);
    CHECK(r.metric("c") == doctest::Approx(0.5));
    CHECK(r.metrics["c"]["trials"] == 2);
    // each label's mean over all its trials: label 0 (trials 0, 1, 4), label 1 (trials 2, 3)
    REQUIRE(r.outputs.count("c_centroids.npy") == 1);
    const auto& centroids = r.outputs.at("c_centroids.npy");
    CHECK(centroids.shape == std::vector<size_t>{2, 2});
    CHECK(centroids.values[0] == doctest::Approx(1.0 / 3));
    CHECK(centroids.values[1] == doctest::Approx(1.0 / 3));
    CHECK(centroids.values[2] == doctest::Approx(0.1));
    CHECK(centroids.values[3] == doctest::Approx(1.0));
    CHECK(r.outputs.at("c_centroid_labels.npy").values == std::vector<double>{0, 1});
    // pairs (0,1): s_y = 1/sqrt2, s_z = 0; (0,2): s_y = 0, skipped; (1,2): s_y = 1/sqrt2, s_z = 1
    CHECK(r.metric("d") == doctest::Approx(100 * (1 - std::sqrt(2.0) / 2)));
    // the cosine matrices compared: y per label (1, 0), (1, 1), (0, 1); z (1, 0), (0, 1), (0, 1)
    double h = std::sqrt(0.5);
    REQUIRE(r.outputs.count("d_similarity_a.npy") == 1);
    CHECK(r.outputs.at("d_similarity_a.npy").shape == std::vector<size_t>{3, 3});
    std::vector<double> s_y = {1, h, 0, h, 1, h, 0, h, 1}, s_z = {1, 0, 0, 0, 1, 1, 0, 1, 1};
    for (size_t k = 0; k < 9; ++k) {
        CHECK(r.outputs.at("d_similarity_a.npy").values[k] == doctest::Approx(s_y[k]));
        CHECK(r.outputs.at("d_similarity_b.npy").values[k] == doctest::Approx(s_z[k]));
    }
    CHECK(r.outputs.at("d_similarity_labels.npy").values == std::vector<double>{0, 1, 2});
}

TEST_CASE("trial analyses: wrong arguments are reported at their place") {
    auto missing = run_model_text(trials_model + "analyse a = active_fraction(G.c)\n");
    CHECK(has(missing.diagnostics,
              "test.nj:17:13: error[protocol.invalid]: 'active_fraction' needs 'labels = ...'"));
    auto no_var = run_model_text(trials_model +
                                 "analyse a = active_fraction(G.nope, labels = Trial.label)\n");
    CHECK(has(no_var.diagnostics, "group 'G' has no variable 'nope'"));
    auto not_group =
        run_model_text(trials_model + "analyse a = total_per_trial(G.c, labels = 1)\n");
    CHECK(
        has(not_group.diagnostics,
            "'labels' of 'total_per_trial' must be a variable of a group, such as 'G.v', not '1'"));
    auto keyword = run_model_text(
        trials_model + "analyse a = active_fraction(G.c, labels = Trial.label, bogus = 1)\n");
    CHECK(has(keyword.diagnostics, "'active_fraction' has no argument named 'bogus'"));
    auto unit =
        run_model_text(trials_model + "analyse a = fraction_between(G.v, low = 1, high = 0 mV)\n");
    CHECK(has(unit.diagnostics,
              "test.nj:17:41: error[protocol.invalid]: 'low' of 'fraction_between' must be in volt "
              "like the analysed variable, but '1' is dimensionless"));
    auto two =
        run_model_text(trials_model + "analyse a = decorrelation(G.c, labels = Trial.label)\n");
    CHECK(has(two.diagnostics, "'decorrelation' takes 2 variables of a group"));
    auto sizes = run_model_text(trials_model +
                                "group H(5) { equations { c : 1 } }\nanalyse a = "
                                "total_per_trial(H.c, labels = Trial.label)\n");
    CHECK(has(sizes.outcome.error,
              "total_per_trial 'a': the analysed variable (first) has 5 values, not a multiple of "
              "the 3 trials of 'labels'"));
}

TEST_CASE("mixture_additivity: references and mixtures pooled from two calls of one name") {
    // call 1: references odour 0 -> [1, 0], odour 1 -> [0, 1]; call 2: mixture 5 of both -> [0.5,
    // 2]
    auto r = run_model_text(R"(param dt = 0.1 ms
param first = [1, 0, 0, 1]
param second = [0.5, 2, 0.5, 2]
group Trial(2) {
  equations {
    label : 1
    a : 1
    b : 1
  }
}
group G(4) { equations { c : 1 } }
set Trial.label = i, Trial.a = i, Trial.b = -1, G.c = first[i]
analyse m = mixture_additivity(G.c, labels = Trial.label, comp_a = Trial.a, comp_b = Trial.b, threshold = 0.01)
set Trial.label = 5, Trial.a = 0, Trial.b = 1, G.c = second[i]
analyse m = mixture_additivity(G.c, labels = Trial.label, comp_a = Trial.a, comp_b = Trial.b, threshold = 0.01)
)");
    INFO(r.diagnostics, r.outcome.error);
    CHECK(r.metric("m") == doctest::Approx(0.5));
    CHECK(r.metrics["m"]["mixtures"] == 1);
    CHECK(r.metrics["m"]["trials"] == 4);
    CHECK(r.metrics["m"]["cos_to_component_mean"].get<double>() ==
          doctest::Approx(1.25 / (std::sqrt(4.25) * std::sqrt(0.5))));
}

TEST_CASE("decoder_accuracy: stored weights from a json table, or a fitted ridge decoder") {
    std::string path = "/tmp/nj_trial_analyses_decoder.json";
    {
        std::ofstream out(path);
        out << R"({"W": [[1, 0], [0, 1]], "b": [0, 0.5], "Dec.w": [[1, 0], [0, 1]], "Out.b": [0, 0.5]})";
    }
    // trials [2, 1] (label 0), [0, 3] (label 1), [1, 0] (label 1): argmax picks 0, 1, 0
    std::string model = R"(param dt = 0.1 ms
param W = 0
param b = 0
param xs = [2, 1, 0, 3, 1, 0]
param ls = [0, 1, 1]
table stored = json(")" +
                        path + R"(")
table empty = json("")
group Trial(3) { equations { label : 1 } }
group G(6) { equations { x : 1 } }
set Trial.label = ls[i], G.x = xs[i]
analyse from_table = decoder_accuracy(G.x, labels = Trial.label, table = stored, weights = W, bias = b, scale = 2)
analyse by_key = decoder_accuracy(G.x, labels = Trial.label, table = stored, weights = "Dec.w", bias = "Out.b", scale = 2)
)";
    auto r = run_model_text(model);
    INFO(r.diagnostics, r.outcome.error);
    CHECK(r.metric("from_table") == doctest::Approx(2.0 / 3));
    CHECK(r.metrics["from_table"]["decoder"] == "table");
    // the same entries under the names a trained-values file gives them (strings, not parameters)
    CHECK(r.metric("by_key") == doctest::Approx(2.0 / 3));
    CHECK(r.metrics["by_key"]["decoder"] == "table");
    // fitted on the first trial of each label ([2, 1] -> 0, [0, 3] -> 1; about the minimum-norm
    // interpolation), tested on [3, 0] (label 0: scores 1.5, -0.5) and [0, 2] (label 1)
    auto f = run_model_text(R"(param dt = 0.1 ms
param W = 0
param b = 0
param xs = [2, 1, 3, 0, 0, 3, 0, 2]
param ls = [0, 0, 1, 1]
table empty = json("")
group Trial(4) { equations { label : 1 } }
group G(8) { equations { x : 1 } }
set Trial.label = ls[i], G.x = xs[i]
analyse fitted = decoder_accuracy(G.x, labels = Trial.label, table = empty, weights = W, bias = b)
)");
    INFO(f.diagnostics, f.outcome.error);
    CHECK(f.metric("fitted") == doctest::Approx(1.0));
    CHECK(f.metrics["fitted"]["trials"] == 2);
    CHECK(f.metrics["fitted"]["decoder"] == "fitted");
    std::remove(path.c_str());
}

TEST_CASE("svm_accuracy: classes from an expression of the trial group, cross-validated") {
    // 4 trials, 1 neuron: class (b >= 0) trials respond 2 and 3, the others -2 and -3
    auto r = run_model_text(R"(param dt = 0.1 ms
param xs = [2, -2, 3, -3]
param bs = [0, -1, 1, -1]
group Trial(4) {
  equations {
    label : 1
    b : 1
  }
}
group G(4) { equations { x : 1 } }
set Trial.label = i, Trial.b = bs[i], G.x = xs[i]
analyse sep = svm_accuracy(G.x, labels = Trial.label, classes = Trial.b >= 0, folds = 2)
analyse bad = svm_accuracy(G.x, labels = Trial.label, classes = Trial.b >= G.x, folds = 2)
)");
    CHECK(has(r.diagnostics, "'classes' of 'svm_accuracy' must be a variable of a group"));
    auto ok = run_model_text(R"(param dt = 0.1 ms
param xs = [2, -2, 3, -3]
param bs = [0, -1, 1, -1]
group Trial(4) {
  equations {
    label : 1
    b : 1
  }
}
group G(4) { equations { x : 1 } }
set Trial.label = i, Trial.b = bs[i], G.x = xs[i]
analyse sep = svm_accuracy(G.x, labels = Trial.label, classes = Trial.b >= 0, folds = 2)
)");
    INFO(ok.diagnostics, ok.outcome.error);
    CHECK(ok.metric("sep") == doctest::Approx(1.0));
    CHECK(ok.metrics["sep"]["trials"] == 4);
}
