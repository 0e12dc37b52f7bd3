// A linear support-vector machine (hinge loss, L2 penalty, a bias feature) fitted by dual
// coordinate descent (Hsieh et al. 2008, liblinear's solver), and its stratified k-fold
// cross-validated accuracy.
#pragma once

#include <cstddef>
#include <vector>

namespace nj::rt {

/// Weights (the last one the bias) separating `x` by `positive`, with penalty C.
std::vector<double> fit_linear_svm(const std::vector<std::vector<double>>& x,
                                   const std::vector<char>& positive, double c);

/// Mean over `folds` folds of the test accuracy of an SVM fitted on the other folds. The folds
/// are stratified, in trial order: each class's trials are cut into `folds` consecutive parts,
/// the first (n mod folds) one larger (scikit-learn's StratifiedKFold without shuffling). NaN
/// when a class has fewer trials than folds.
double svm_cross_validation(const std::vector<std::vector<double>>& x,
                            const std::vector<char>& positive, size_t folds, double c);

}  // namespace nj::rt
