// Tests for the trial metrics (trial_metrics.h) on hand-computed vectors.
#include "runtime/analyses/trial_metrics.h"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using nj::rt::TrialSet;

TEST_CASE("active_fraction: mean over trials of the fraction at or above min_count") {
    std::vector<std::vector<double>> r = {{2, 0}, {1, 1}, {3, 0.5}};
    CHECK(nj::rt::active_fraction(r, 1) == doctest::Approx((0.5 + 1 + 0.5) / 3));
    CHECK(nj::rt::active_fraction(r, 0.5) == doctest::Approx((0.5 + 1 + 1) / 3));
    CHECK(std::isnan(nj::rt::active_fraction({}, 1)));
}

TEST_CASE("argmax_accuracy: the label's element must be the strict largest") {
    TrialSet trials{{{0.1, 0.9, 0.0},     // label 1: right
                     {0.5, 0.2, 0.1},     // label 2: wrong
                     {0.4, 0.4, 0.0},     // label 0: tied for the largest, wrong
                     {0.0, 0.0, 0.0},     // label 1: silent, wrong
                     {-3.0, -1.0, -2.0},  // label 1: right (negative logits)
                     {1.0, 0.0, 0.0}},    // label 5: names no element, wrong
                    {1, 2, 0, 1, 1, 5}};
    CHECK(nj::rt::argmax_accuracy(trials) == doctest::Approx(2.0 / 6));
    CHECK(std::isnan(nj::rt::argmax_accuracy(TrialSet{})));
}

TEST_CASE("mean_total: mean over trials of each trial's sum") {
    CHECK(nj::rt::mean_total({{2, 0}, {1, 1}, {3, 0}}) == doctest::Approx(7.0 / 3));
}

TEST_CASE("cosine: 0 for a silent vector") {
    CHECK(nj::rt::cosine({1, 0}, {1, 1}) == doctest::Approx(1 / std::sqrt(2.0)));
    CHECK(nj::rt::cosine({0, 0}, {1, 1}) == 0.0);
}

TEST_CASE("centroid_accuracy: first half of each label as centroids, silent trials skipped") {
    // label 0: [1,0] (centroid), [0,1] (nearest is label 1: wrong), [0,0] (skipped);
    // label 1: [0,1] (centroid), [0.2,1] (right)
    TrialSet t{{{1, 0}, {0, 1}, {0, 1}, {0.2, 1}, {0, 0}}, {0, 0, 1, 1, 0}};
    size_t tested = 0;
    CHECK(nj::rt::centroid_accuracy(t, 0.5, nullptr, tested) == doctest::Approx(0.5));
    CHECK(tested == 2);
    // against separate references every (non-silent) trial is tested
    TrialSet ref{{{1, 0}, {0, 1}}, {0, 1}};
    CHECK(nj::rt::centroid_accuracy(t, 0.5, &ref, tested) == doctest::Approx(3.0 / 4));
    CHECK(tested == 4);
}

TEST_CASE("decorrelation: 100 (1 - mean s_B / s_A) over the pairs with s_A != 0") {
    // pairs (0,1): s_A = 1/sqrt2, s_B = 0; (0,2): s_A = 0, skipped; (1,2): s_A = 1/sqrt2, s_B = 1
    TrialSet a{{{1, 0}, {1, 1}, {0, 1}}, {0, 1, 2}};
    std::vector<std::vector<double>> b = {{1, 0}, {0, 1}, {0, 1}};
    nj::rt::LabelSimilarities s = nj::rt::label_similarities(a, b);
    CHECK(s.labels == std::vector<double>{0, 1, 2});
    CHECK(s.a[1] == doctest::Approx(std::sqrt(0.5)));  // symmetric, ones on the diagonal
    CHECK(s.a[3] == doctest::Approx(std::sqrt(0.5)));
    CHECK(s.b[5] == doctest::Approx(1.0));
    size_t pairs = 0;
    CHECK(nj::rt::decorrelation(s, 1e-8, pairs) == doctest::Approx(100 * (1 - std::sqrt(2.0) / 2)));
    CHECK(pairs == 2);
}

TEST_CASE("label_means: per label in ascending order") {
    std::vector<double> labels;
    auto means = nj::rt::label_means(TrialSet{{{4, 0}, {1, 1}, {2, 2}}, {1, 0, 1}}, labels);
    REQUIRE(labels == std::vector<double>{0, 1});
    CHECK(means[0] == std::vector<double>{1, 1});
    CHECK(means[1] == std::vector<double>{3, 1});
}

TEST_CASE("mixture_additivity: sub-additive fraction and cosines against the references") {
    // references: odour 0 -> [1, 0], odour 1 -> [0, 1]; mixture 5 of (0, 1) -> [0.5, 2];
    // mixture 6 has component 2, which has no reference, and is skipped
    TrialSet t{{{1, 0}, {0, 1}, {0.5, 2}, {1, 1}}, {0, 1, 5, 6}};
    std::vector<std::vector<double>> c = {{0, -1, -1}, {1, -1, -1}, {0, 1, -1}, {0, 2, -1}};
    nj::rt::MixtureReport m = nj::rt::mixture_additivity(t, c, 0.01);
    CHECK(m.fraction_subadditive == doctest::Approx(0.5));  // 0.5 < 1, but 2 > 1
    CHECK(m.responsive == 2);
    CHECK(m.cos_to_components == doctest::Approx((0.5 + 2) / std::sqrt(4.25) / 2));
    CHECK(m.cos_to_component_mean == doctest::Approx(1.25 / (std::sqrt(4.25) * std::sqrt(0.5))));
    CHECK(m.mixtures == 1);
    CHECK(m.skipped == 1);
}
