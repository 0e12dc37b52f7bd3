// Metrics over trials: each trial is one response vector (one value per neuron) with a class
// label; the protocol's trial analyses (runtime/protocol/trial_analyses.h) pool them.
#pragma once

#include <cstddef>
#include <vector>

namespace nj::rt {

/// Response vectors of trials, all of one length, and each trial's class label.
struct TrialSet {
    std::vector<std::vector<double>> responses;
    std::vector<double> labels;
};

/// Mean over trials of the fraction of elements at least `min_count`; NaN without trials.
double active_fraction(const std::vector<std::vector<double>>& responses, double min_count);

/// Fraction of trials whose largest element is the one at their label (a readout's logits or
/// rates: element k is class k). A tie for the largest counts as wrong, so an all-equal (silent)
/// readout names nothing. NaN without trials.
double argmax_accuracy(const TrialSet& trials);

/// Mean over trials of the sum of the elements; NaN without trials.
double mean_total(const std::vector<std::vector<double>>& responses);

/// Cosine of two vectors, 0 when either is all zero.
double cosine(const std::vector<double>& a, const std::vector<double>& b);

/// Nearest-centroid accuracy. With `reference` null: per label, the centroid is the mean of
/// its first floor(n * reference_fraction) trials (in order) and the label's other trials are
/// tested. With `reference`: centroids are the label means of all its trials and every trial of
/// `trials` is tested. A tested trial is assigned the label of the cosine-nearest centroid
/// (ties: the smallest label); all-zero trials are skipped. `tested` gets the number of trials
/// classified; NaN when none.
double centroid_accuracy(const TrialSet& trials, double reference_fraction,
                         const TrialSet* reference, size_t& tested);

/// Per label (ascending) the mean of its trials' vectors.
std::vector<std::vector<double>> label_means(const TrialSet& trials, std::vector<double>& labels);

/// Row-major n x n matrix of the cosines between the n vectors (0 where either is all zero).
std::vector<double> cosine_matrix(const std::vector<std::vector<double>>& vectors);

/// The cosines between the labels' mean vectors of two sources measured on the same trials.
struct LabelSimilarities {
    std::vector<double> labels;  ///< ascending
    std::vector<double> a, b;    ///< row-major labels x labels, of each source
};

/// The similarities of a's and b's label means; a and b hold the same trials (labels of a).
LabelSimilarities label_similarities(const TrialSet& a, const std::vector<std::vector<double>>& b);

/// 100 * (1 - mean over label pairs of s_B / s_A) over the pairs with |s_A| >= min_norm; `pairs`
/// gets their number; NaN when none.
double decorrelation(const LabelSimilarities& s, double min_norm, size_t& pairs);

/// Fraction of trials whose argmax(W f + b) (the first of equals) is their label, f = scale * x;
/// w row-major [class][feature], b one per class; NaN without trials.
double linear_decoder_accuracy(const TrialSet& trials, const std::vector<double>& w,
                               const std::vector<double>& b, double scale);

/// A ridge-regularised least-squares decoder (one-hot targets over the labels present, a bias
/// feature, penalty `ridge`) fitted on the first floor(n * fit_fraction) trials of each label
/// and tested on the others; `tested` gets their number; NaN when none.
double fitted_decoder_accuracy(const TrialSet& trials, double scale, double fit_fraction,
                               double ridge, size_t& tested);

/// Mixtures against their components (mixture_additivity).
struct MixtureReport {
    double fraction_subadditive = 0;   ///< responsive elements with mixture < component sum
    double responsive = 0;             ///< responsive elements, pooled over the mixtures
    double cos_to_components = 0;      ///< mean cosine of a mixture to each of its components
    double cos_to_component_mean = 0;  ///< mean cosine of a mixture to its components' mean
    size_t mixtures = 0;               ///< mixtures whose components all have references
    size_t skipped = 0;                ///< mixtures with a component without reference trials
};

/// Trials with components[1] < 0 are references of stimulus components[0]; the others are
/// mixtures identified by their label, of components[0], [1] and [2] (when >= 0). Responses
/// are averaged per reference stimulus and per mixture label; an element of a mixture is
/// responsive when the mixture's or the component sum's mean exceeds `threshold`. NaN values
/// where no mixture (or no responsive element) is left.
MixtureReport mixture_additivity(const TrialSet& trials,
                                 const std::vector<std::vector<double>>& components,
                                 double threshold);

}  // namespace nj::rt
