// Sum, mean and cross-entropy terms of a loss (see loss_terms.h).
#include "runtime/training/loss_terms.h"

#include <cmath>
#include <map>
#include <vector>

namespace nj::rt {

namespace {

using Kind = TrainPlan::Term::Kind;

/// The elements a term covers (end 0: the whole array).
std::pair<size_t, size_t> range_of(Network& network, const TrainPlan::Term& term) {
    size_t end = term.end > 0 ? term.end : network.array(term.array).size();
    return {term.begin, end};
}

/// The trials of a cross-entropy term: its elements grouped by their value of `by`.
std::vector<std::vector<size_t>> trials_of(Network& network, const TrainPlan::Term& term) {
    auto [begin, end] = range_of(network, term);
    std::map<double, std::vector<size_t>> by_value;
    const std::vector<double>* by = term.by >= 0 ? &network.array(term.by) : nullptr;
    for (size_t i = begin; i < end; ++i) by_value[by ? (*by)[i] : 0.0].push_back(i);
    std::vector<std::vector<size_t>> trials;
    for (auto& [value, elements] : by_value) trials.push_back(std::move(elements));
    return trials;
}

/// softmax of z over one trial's elements (shifted by the largest logit, so exp cannot overflow).
std::vector<double> softmax(const std::vector<double>& z, const std::vector<size_t>& elements, double& log_sum) {
    double top = -INFINITY;
    for (size_t i : elements) top = std::max(top, z[i]);
    double sum = 0.0;
    for (size_t i : elements) sum += std::exp(z[i] - top);
    log_sum = top + std::log(sum);
    std::vector<double> p;
    for (size_t i : elements) p.push_back(std::exp(z[i] - log_sum));
    return p;
}

}  // namespace

double term_value(Network& network, const TrainPlan::Term& term) {
    const std::vector<double>& values = network.array(term.array);
    if (term.kind == Kind::CrossEntropy) {
        const std::vector<double>& target = network.array(term.target);
        auto trials = trials_of(network, term);
        double total = 0.0;
        for (const auto& elements : trials) {
            double log_sum = 0.0;
            softmax(values, elements, log_sum);
            for (size_t i : elements) total -= target[i] * (values[i] - log_sum);
        }
        return trials.empty() ? 0.0 : total / static_cast<double>(trials.size());
    }
    auto [begin, end] = range_of(network, term);
    double sum = 0.0;
    for (size_t i = begin; i < end; ++i) sum += values[i];
    bool mean = term.kind == Kind::Mean || term.kind == Kind::BatchMean;
    return mean && end > begin ? sum / static_cast<double>(end - begin) : sum;
}

void seed_term(Network& network, const TrainPlan::Term& term, double weight, Adjoints& adjoints) {
    std::vector<double>& adj = adjoints.of(term.array, network.array(term.array).size());
    if (term.kind == Kind::CrossEntropy) {
        // d/dz_i of -sum_j t_j log softmax(z)_j = softmax(z)_i sum_j t_j - t_i, per trial
        const std::vector<double>& z = network.array(term.array);
        const std::vector<double>& target = network.array(term.target);
        auto trials = trials_of(network, term);
        double scale = trials.empty() ? 0.0 : weight / static_cast<double>(trials.size());
        for (const auto& elements : trials) {
            double log_sum = 0.0;
            std::vector<double> p = softmax(z, elements, log_sum);
            double mass = 0.0;
            for (size_t i : elements) mass += target[i];
            for (size_t k = 0; k < elements.size(); ++k) {
                adj[elements[k]] += scale * (p[k] * mass - target[elements[k]]);
            }
        }
        return;
    }
    auto [begin, end] = range_of(network, term);
    bool mean = term.kind == Kind::Mean || term.kind == Kind::BatchMean;
    double g = mean && end > begin ? weight / static_cast<double>(end - begin) : weight;
    for (size_t i = begin; i < end; ++i) adj[i] += g;
}

}  // namespace nj::rt
