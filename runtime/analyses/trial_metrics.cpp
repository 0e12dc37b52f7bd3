// Trial metrics: activity, totals, nearest-centroid classification and decorrelation.
#include "runtime/analyses/trial_metrics.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace nj::rt {

namespace {

double norm(const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x * x;
    return std::sqrt(s);
}

bool all_zero(const std::vector<double>& v) {
    return std::all_of(v.begin(), v.end(), [](double x) { return x == 0.0; });
}

void add_to(std::vector<double>& sum, const std::vector<double>& v) {
    if (sum.empty()) sum.assign(v.size(), 0.0);
    for (size_t k = 0; k < v.size() && k < sum.size(); ++k) sum[k] += v[k];
}

/// The label of the cosine-nearest centroid (the first of equals).
double nearest(const std::vector<double>& x, const std::vector<std::vector<double>>& centroids,
               const std::vector<double>& labels) {
    double best = -std::numeric_limits<double>::infinity(), label = std::nan("");
    for (size_t c = 0; c < centroids.size(); ++c) {
        double s = cosine(x, centroids[c]);
        if (s > best) {
            best = s;
            label = labels[c];
        }
    }
    return label;
}

}  // namespace

double active_fraction(const std::vector<std::vector<double>>& responses, double min_count) {
    if (responses.empty()) return std::nan("");
    double total = 0;
    for (const auto& r : responses) {
        double active = 0;
        for (double x : r) active += x >= min_count ? 1 : 0;
        total += r.empty() ? 0.0 : active / static_cast<double>(r.size());
    }
    return total / static_cast<double>(responses.size());
}

double argmax_accuracy(const TrialSet& trials) {
    if (trials.responses.empty()) return std::nan("");
    double right = 0;
    for (size_t t = 0; t < trials.responses.size(); ++t) {
        const std::vector<double>& r = trials.responses[t];
        double label = trials.labels[t];
        if (!(label >= 0) || label >= static_cast<double>(r.size())) continue;  // names no element
        auto k = static_cast<size_t>(label);
        bool largest = true;
        for (size_t m = 0; m < r.size() && largest; ++m) largest = m == k || r[m] < r[k];
        right += largest ? 1 : 0;
    }
    return right / static_cast<double>(trials.responses.size());
}

double mean_total(const std::vector<std::vector<double>>& responses) {
    if (responses.empty()) return std::nan("");
    double total = 0;
    for (const auto& r : responses) {
        for (double x : r) total += x;
    }
    return total / static_cast<double>(responses.size());
}

double cosine(const std::vector<double>& a, const std::vector<double>& b) {
    double na = norm(a), nb = norm(b);
    if (na == 0 || nb == 0) return 0.0;
    double dot = 0;
    for (size_t k = 0; k < a.size() && k < b.size(); ++k) dot += a[k] * b[k];
    return dot / (na * nb);
}

std::vector<std::vector<double>> label_means(const TrialSet& trials, std::vector<double>& labels) {
    std::map<double, std::pair<std::vector<double>, double>> sums;
    for (size_t t = 0; t < trials.responses.size(); ++t) {
        auto& [sum, n] = sums[trials.labels[t]];
        add_to(sum, trials.responses[t]);
        n += 1;
    }
    std::vector<std::vector<double>> means;
    labels.clear();
    for (auto& [label, entry] : sums) {
        for (double& x : entry.first) x /= entry.second;
        labels.push_back(label);
        means.push_back(std::move(entry.first));
    }
    return means;
}

double centroid_accuracy(const TrialSet& trials, double reference_fraction,
                         const TrialSet* reference, size_t& tested) {
    std::vector<double> labels;
    std::vector<std::vector<double>> centroids;
    std::vector<char> is_test(trials.responses.size(), 1);
    if (reference) {
        centroids = label_means(*reference, labels);
    } else {
        std::map<double, std::vector<size_t>> by_label;
        for (size_t t = 0; t < trials.labels.size(); ++t) by_label[trials.labels[t]].push_back(t);
        TrialSet first;
        for (const auto& [label, members] : by_label) {
            auto n_ref = static_cast<size_t>(
                std::floor(static_cast<double>(members.size()) * reference_fraction));
            for (size_t k = 0; k < n_ref; ++k) {
                first.responses.push_back(trials.responses[members[k]]);
                first.labels.push_back(label);
                is_test[members[k]] = 0;
            }
        }
        centroids = label_means(first, labels);
    }
    double correct = 0;
    tested = 0;
    for (size_t t = 0; t < trials.responses.size(); ++t) {
        if (!is_test[t] || all_zero(trials.responses[t])) continue;
        tested += 1;
        correct += nearest(trials.responses[t], centroids, labels) == trials.labels[t] ? 1 : 0;
    }
    return tested > 0 ? correct / static_cast<double>(tested) : std::nan("");
}

std::vector<double> cosine_matrix(const std::vector<std::vector<double>>& vectors) {
    size_t n = vectors.size();
    std::vector<double> m(n * n);
    for (size_t i = 0; i < n; ++i) {
        for (size_t j = i; j < n; ++j) m[i * n + j] = m[j * n + i] = cosine(vectors[i], vectors[j]);
    }
    return m;
}

LabelSimilarities label_similarities(const TrialSet& a, const std::vector<std::vector<double>>& b) {
    LabelSimilarities s;
    s.a = cosine_matrix(label_means(a, s.labels));
    s.b = cosine_matrix(label_means(TrialSet{b, a.labels}, s.labels));
    return s;
}

double decorrelation(const LabelSimilarities& s, double min_norm, size_t& pairs) {
    size_t n = s.labels.size();
    double total = 0;
    pairs = 0;
    for (size_t i = 0; i < n; ++i) {
        for (size_t j = i + 1; j < n; ++j) {
            double s_a = s.a[i * n + j];
            if (std::abs(s_a) < min_norm) continue;
            total += s.b[i * n + j] / s_a;
            pairs += 1;
        }
    }
    return pairs > 0 ? 100.0 * (1.0 - total / static_cast<double>(pairs)) : std::nan("");
}

namespace {

size_t argmax(const Eigen::VectorXd& v) {
    Eigen::Index best = 0;
    for (Eigen::Index k = 1; k < v.size(); ++k) {
        if (v[k] > v[best]) best = k;
    }
    return static_cast<size_t>(best);
}

Eigen::VectorXd features(const std::vector<double>& x, double scale, bool bias) {
    Eigen::VectorXd f(static_cast<Eigen::Index>(x.size() + (bias ? 1 : 0)));
    for (size_t k = 0; k < x.size(); ++k) f[static_cast<Eigen::Index>(k)] = scale * x[k];
    if (bias) f[f.size() - 1] = 1.0;
    return f;
}

}  // namespace

double linear_decoder_accuracy(const TrialSet& trials, const std::vector<double>& w,
                               const std::vector<double>& b, double scale) {
    if (trials.responses.empty() || b.empty()) return std::nan("");
    auto classes = static_cast<Eigen::Index>(b.size());
    Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> W(
        w.data(), classes, static_cast<Eigen::Index>(w.size()) / classes);
    Eigen::Map<const Eigen::VectorXd> bias(b.data(), classes);
    double correct = 0;
    for (size_t t = 0; t < trials.responses.size(); ++t) {
        Eigen::VectorXd scores = W * features(trials.responses[t], scale, false) + bias;
        correct += static_cast<double>(argmax(scores)) == trials.labels[t] ? 1 : 0;
    }
    return correct / static_cast<double>(trials.responses.size());
}

double fitted_decoder_accuracy(const TrialSet& trials, double scale, double fit_fraction,
                               double ridge, size_t& tested) {
    std::map<double, std::vector<size_t>> by_label;
    for (size_t t = 0; t < trials.labels.size(); ++t) by_label[trials.labels[t]].push_back(t);
    std::vector<double> labels;
    std::vector<std::pair<size_t, size_t>> fit;  // (trial, class)
    std::vector<std::pair<size_t, size_t>> test;
    for (const auto& [label, members] : by_label) {
        auto n_fit =
            static_cast<size_t>(std::floor(static_cast<double>(members.size()) * fit_fraction));
        for (size_t k = 0; k < members.size(); ++k)
            (k < n_fit ? fit : test).push_back({members[k], labels.size()});
        labels.push_back(label);
    }
    tested = test.size();
    if (fit.empty() || test.empty()) return std::nan("");
    auto width = static_cast<Eigen::Index>(trials.responses[0].size() + 1);
    Eigen::MatrixXd X(static_cast<Eigen::Index>(fit.size()), width);
    Eigen::MatrixXd Y = Eigen::MatrixXd::Zero(X.rows(), static_cast<Eigen::Index>(labels.size()));
    for (size_t r = 0; r < fit.size(); ++r) {
        X.row(static_cast<Eigen::Index>(r)) =
            features(trials.responses[fit[r].first], scale, true).transpose();
        Y(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(fit[r].second)) = 1.0;
    }
    Eigen::MatrixXd gram = X.transpose() * X;
    gram.diagonal().array() += ridge;
    Eigen::MatrixXd W = gram.ldlt().solve(X.transpose() * Y);  // width x classes
    double correct = 0;
    for (const auto& [t, c] : test) {
        Eigen::VectorXd scores = W.transpose() * features(trials.responses[t], scale, true);
        correct += argmax(scores) == c ? 1 : 0;
    }
    return correct / static_cast<double>(tested);
}

namespace {

/// Per label the mean response, and the components of the label's first trial.
struct MeanResponse {
    std::vector<double> sum;
    double n = 0;
    std::vector<double> components;
};

void add_components(const MeanResponse& mixture, const std::map<double, MeanResponse>& singles,
                    double threshold, MixtureReport& report, double& sub, double& cos_sum,
                    double& cos_n) {
    std::vector<double> mix = mixture.sum, total(mix.size(), 0.0);
    for (double& x : mix) x /= mixture.n;
    std::vector<std::vector<double>> parts;
    for (size_t k = 0; k < mixture.components.size(); ++k) {
        double c = mixture.components[k];
        if (k > 0 && c < 0) continue;
        auto it = singles.find(c);
        if (it == singles.end()) {
            report.skipped += 1;
            return;
        }
        parts.push_back(it->second.sum);
        for (double& x : parts.back()) x /= it->second.n;
    }
    for (const auto& p : parts) {
        add_to(total, p);
        cos_sum += cosine(mix, p);
        cos_n += 1;
    }
    for (size_t e = 0; e < mix.size(); ++e) {
        if (mix[e] <= threshold && total[e] <= threshold) continue;
        report.responsive += 1;
        sub += mix[e] < total[e] ? 1 : 0;
    }
    std::vector<double> mean = total;
    for (double& x : mean) x /= static_cast<double>(parts.size());
    report.cos_to_component_mean += cosine(mix, mean);
    report.mixtures += 1;
}

}  // namespace

MixtureReport mixture_additivity(const TrialSet& trials,
                                 const std::vector<std::vector<double>>& components,
                                 double threshold) {
    std::map<double, MeanResponse> singles, mixtures;
    for (size_t t = 0; t < trials.responses.size(); ++t) {
        const std::vector<double>& c = components[t];
        bool single = c[1] < 0;
        MeanResponse& m = single ? singles[c[0]] : mixtures[trials.labels[t]];
        add_to(m.sum, trials.responses[t]);
        m.n += 1;
        if (m.components.empty()) m.components = c;
    }
    MixtureReport report;
    double sub = 0, cos_sum = 0, cos_n = 0;
    for (const auto& [label, mixture] : mixtures)
        add_components(mixture, singles, threshold, report, sub, cos_sum, cos_n);
    double nan = std::nan("");
    report.fraction_subadditive = report.responsive > 0 ? sub / report.responsive : nan;
    report.cos_to_components = cos_n > 0 ? cos_sum / cos_n : nan;
    report.cos_to_component_mean =
        report.mixtures > 0 ? report.cos_to_component_mean / static_cast<double>(report.mixtures)
                            : nan;
    return report;
}

}  // namespace nj::rt
