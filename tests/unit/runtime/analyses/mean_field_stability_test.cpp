// Tests for the stability labels (mean_field_stability.h): the original order of spec §8.4
// with its unreachable focus labels, and the corrected labels.
#include "runtime/analyses/mean_field_stability.h"

#include <doctest/doctest.h>

#include <initializer_list>
#include <limits>
#include <string>

using nj::rt::stability_label;

namespace {

std::string label(std::initializer_list<double> re, std::initializer_list<double> im,
                  bool corrected) {
    Eigen::VectorXd r(static_cast<Eigen::Index>(re.size())), i(r.size());
    Eigen::Index k = 0;
    for (double x : re) r[k++] = x;
    k = 0;
    for (double x : im) i[k++] = x;
    return stability_label(r, i, 1e-6, corrected);
}

}  // namespace

TEST_CASE("stability_label: the original order calls stable and unstable spirals nodes") {
    CHECK(label({-1, -2}, {0, 0}, false) == "stable node");
    CHECK(label({-1, -1}, {0.5, -0.5}, false) == "stable node");  // §8.4 quirk
    CHECK(label({1, 1}, {0.5, -0.5}, false) == "unstable node");
    CHECK(label({2, 2, -1}, {3, -3, 0}, false) == "saddle");
    CHECK(label({0, 0, -1}, {1, -1, 0}, false) == "spiral saddle");  // some |Re| <= tol
    CHECK(label({1e-7, -1}, {0, 0}, false) == "neutral / marginal");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    CHECK(label({nan}, {nan}, false) == "undefined (numerical issues)");
}

TEST_CASE("stability_label: corrected labels reach the focus labels") {
    CHECK(label({-1, -2}, {0, 0}, true) == "stable node");
    CHECK(label({-1, -1}, {0.5, -0.5}, true) == "stable focus");
    CHECK(label({1, 1}, {0.5, -0.5}, true) == "unstable focus");
    CHECK(label({2, 2, -1}, {3, -3, 0}, true) == "spiral saddle");
    CHECK(label({2, -1}, {0, 0}, true) == "saddle");
    CHECK(label({0, 0, -1}, {1, -1, 0}, true) == "neutral / marginal");
}
