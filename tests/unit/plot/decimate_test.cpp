// Tests thin_points, line_envelope, block_means and moving_average.
#include "plot/decimate.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

using namespace nj::plot;

TEST_CASE("thin_points: keeps every k-th point and reports k") {
    std::vector<double> x(1000), y(1000);
    for (int k = 0; k < 1000; ++k) x[k] = y[k] = k;
    CHECK(thin_points(x, y, 300) == 4);
    CHECK(x.size() == 250);
    CHECK(y[1] == 4);
}

TEST_CASE("line_envelope: a spike between many flat points survives") {
    std::vector<double> x(10000), y(10000, 0.0);
    for (int k = 0; k < 10000; ++k) x[k] = k;
    y[5001] = 10;
    line_envelope(x, y, 0, 10000, 100);
    CHECK(x.size() <= 200);
    CHECK(*std::max_element(y.begin(), y.end()) == 10);
}

TEST_CASE("block_means: averages blocks and skips NaN") {
    std::vector<double> v = {1, 3, NAN, 5};
    size_t rows = 2, cols = 2;
    auto m = block_means(v, rows, cols, 1, 1);
    CHECK(rows == 1);
    CHECK(cols == 1);
    CHECK(m[0] == doctest::Approx(3));
}

TEST_CASE("moving_average: a constant stays constant, a step is smoothed") {
    std::vector<double> v = {0, 0, 0, 3, 3, 3};
    auto m = moving_average(v, 3);
    CHECK(m.front() == 0);
    CHECK(m.back() == 3);
    CHECK(m[2] == doctest::Approx(1));
    // an edge value is the mean of the samples around it, not of the first full window
    auto burst = moving_average({9, 0, 0, 0, 0, 0, 0}, 5);
    CHECK(burst[0] == doctest::Approx(3));      // samples 0..2
    CHECK(burst[1] == doctest::Approx(2.25));   // samples 0..3
    CHECK(burst[2] == doctest::Approx(1.8));    // samples 0..4
    CHECK(burst[6] == 0);
}
