// Tests for rate smoothing (rate_smoothing.h): the Gaussian kernel and SciPy's reflecting edges
// written out by hand, conservation of mass, and the centring of the numpy-style boxcar.
#include "runtime/analyses/rate_smoothing.h"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using nj::rt::smooth_box_same;
using nj::rt::smooth_gaussian_reflect;

namespace {

// Normalised Gaussian weight of offset k for sigma s, truncated at int(4 s + 0.5).
double weight(int k, double s) {
    int r = static_cast<int>(std::floor(4 * s + 0.5));
    if (std::abs(k) > r) return 0;
    double total = 0;
    for (int j = -r; j <= r; ++j) total += std::exp(-0.5 * j * j / (s * s));
    return std::exp(-0.5 * k * k / (s * s)) / total;
}

}  // namespace

TEST_CASE("smooth_gaussian_reflect: an impulse in the middle becomes the truncated kernel") {
    std::vector<double> x(100, 0.0);
    x[50] = 7;
    std::vector<double> y = smooth_gaussian_reflect(x, 2.0);  // radius 8
    for (int k = -10; k <= 10; ++k) CHECK(y[50 + k] == doctest::Approx(7 * weight(k, 2.0)));
    CHECK(y[41] == 0.0);
    CHECK(y[42] > 0.0);
}

TEST_CASE("smooth_gaussian_reflect: the edge sample is mirrored with itself (d c b a | a b c d)") {
    std::vector<double> x(30, 0.0);
    x[0] = 1;
    std::vector<double> y = smooth_gaussian_reflect(x, 2.0);
    // Position -1 reads sample 0 and position -2 reads sample 1.
    CHECK(y[0] == doctest::Approx(weight(0, 2.0) + weight(1, 2.0)));
    CHECK(y[1] == doctest::Approx(weight(1, 2.0) + weight(2, 2.0)));
    double sum = 0;
    for (double v : y) sum += v;
    CHECK(sum == doctest::Approx(1.0));
}

TEST_CASE("smooth_gaussian_reflect: a kernel longer than the trace reflects repeatedly") {
    std::vector<double> x{1, 2, 3};
    std::vector<double> y = smooth_gaussian_reflect(x, 5.0);  // radius 20 over 3 samples
    double sum = 0;
    for (double v : y) sum += v;
    CHECK(sum == doctest::Approx(6.0));
    CHECK(y[0] < y[2]);
    CHECK(smooth_gaussian_reflect(x, 0.0) == x);
}

TEST_CASE("smooth_box_same: L = 4 averages k-2 .. k+1, L = 5 averages k-2 .. k+2") {
    std::vector<double> x(20, 0.0);
    x[10] = 8;
    std::vector<double> y4 = smooth_box_same(x, 4);
    for (size_t k = 0; k < 20; ++k) CHECK(y4[k] == (k >= 9 && k <= 12 ? 2.0 : 0.0));
    std::vector<double> y5 = smooth_box_same(x, 5);
    for (size_t k = 0; k < 20; ++k) CHECK(y5[k] == doctest::Approx(k >= 8 && k <= 12 ? 1.6 : 0.0));
    // Zero padding at the edges: out[0..2] see x[0], position -1 would too but is cut off.
    std::vector<double> edge(6, 0.0);
    edge[0] = 4;
    CHECK(smooth_box_same(edge, 4) == std::vector<double>{1, 1, 1, 0, 0, 0});
}
