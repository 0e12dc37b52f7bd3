// Tests for the linear SVM and its stratified cross-validation (linear_svm.h).
#include "runtime/analyses/linear_svm.h"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

TEST_CASE("fit_linear_svm: separates two clusters on a line") {
    std::vector<std::vector<double>> x = {{1}, {2}, {3}, {-1}, {-2}, {-3}};
    std::vector<char> y = {1, 1, 1, 0, 0, 0};
    std::vector<double> w = nj::rt::fit_linear_svm(x, y, 1.0);
    REQUIRE(w.size() == 2);
    for (size_t i = 0; i < x.size(); ++i) CHECK((w[0] * x[i][0] + w[1] > 0) == (y[i] != 0));
}

TEST_CASE("svm_cross_validation: separable classes score 1; too few trials per class give NaN") {
    std::vector<std::vector<double>> x = {{1, 0},  {2, 1},  {3, 0},  {1.5, 1},  {2.5, 0},
                                          {-1, 0}, {-2, 1}, {-3, 0}, {-1.5, 1}, {-2.5, 0}};
    std::vector<char> y = {1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
    CHECK(nj::rt::svm_cross_validation(x, y, 5, 1.0) == doctest::Approx(1.0));
    CHECK(std::isnan(nj::rt::svm_cross_validation(x, y, 6, 1.0)));
}
