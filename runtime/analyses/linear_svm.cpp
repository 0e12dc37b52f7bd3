// Linear SVM by dual coordinate descent, and its stratified cross-validation.
#include "runtime/analyses/linear_svm.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace nj::rt {

namespace {

double score(const std::vector<double>& w, const std::vector<double>& x) {
    double s = w.back();
    for (size_t k = 0; k < x.size(); ++k) s += w[k] * x[k];
    return s;
}

}  // namespace

std::vector<double> fit_linear_svm(const std::vector<std::vector<double>>& x,
                                   const std::vector<char>& positive, double c) {
    size_t n = x.size(), d = n > 0 ? x[0].size() : 0;
    std::vector<double> w(d + 1, 0.0), alpha(n, 0.0), q(n, 1.0);  // q: |x_i|^2 with the bias 1
    for (size_t i = 0; i < n; ++i) {
        for (double v : x[i]) q[i] += v * v;
    }
    for (int pass = 0; pass < 1000; ++pass) {
        double max_pg = -std::numeric_limits<double>::infinity(), min_pg = -max_pg;
        for (size_t i = 0; i < n; ++i) {
            double y = positive[i] ? 1.0 : -1.0;
            double g = y * score(w, x[i]) - 1.0;
            double pg = alpha[i] == 0 ? std::min(g, 0.0) : alpha[i] == c ? std::max(g, 0.0) : g;
            max_pg = std::max(max_pg, pg);
            min_pg = std::min(min_pg, pg);
            if (pg == 0) continue;
            double old = alpha[i];
            alpha[i] = std::clamp(alpha[i] - g / q[i], 0.0, c);
            double step = (alpha[i] - old) * y;
            for (size_t k = 0; k < d; ++k) w[k] += step * x[i][k];
            w[d] += step;
        }
        if (max_pg - min_pg < 1e-3) break;
    }
    return w;
}

double svm_cross_validation(const std::vector<std::vector<double>>& x,
                            const std::vector<char>& positive, size_t folds, double c) {
    std::vector<size_t> fold(x.size(), 0);
    for (char cls : {0, 1}) {
        std::vector<size_t> members;
        for (size_t t = 0; t < x.size(); ++t) {
            if (positive[t] == cls) members.push_back(t);
        }
        if (members.size() < folds) return std::nan("");
        size_t at = 0;
        for (size_t f = 0; f < folds; ++f) {
            size_t size = members.size() / folds + (f < members.size() % folds ? 1 : 0);
            for (size_t k = 0; k < size; ++k) fold[members[at++]] = f;
        }
    }
    double total = 0;
    for (size_t f = 0; f < folds; ++f) {
        std::vector<std::vector<double>> train;
        std::vector<char> train_y;
        for (size_t t = 0; t < x.size(); ++t) {
            if (fold[t] == f) continue;
            train.push_back(x[t]);
            train_y.push_back(positive[t]);
        }
        std::vector<double> w = fit_linear_svm(train, train_y, c);
        double correct = 0, tested = 0;
        for (size_t t = 0; t < x.size(); ++t) {
            if (fold[t] != f) continue;
            tested += 1;
            correct += (score(w, x[t]) > 0) == (positive[t] != 0) ? 1 : 0;
        }
        total += correct / tested;
    }
    return total / static_cast<double>(folds);
}

}  // namespace nj::rt
