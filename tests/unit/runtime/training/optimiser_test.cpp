// Adam, the parametrisations of trainable parameters and gradient-norm clipping, against their
// definitions.
#include "runtime/training/optimiser.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace nj::rt;

TEST_CASE("optimiser: each parametrisation inverts, and its slope is the derivative") {
    for (const char* t : {"identity", "log", "logit", "softplus"}) {
        for (double raw : {-2.0, -0.3, 0.0, 0.7, 3.0}) {
            double value = value_of_raw(t, raw);
            INFO(t, " at raw ", raw);
            CHECK(raw_of_value(t, value) == doctest::Approx(raw).epsilon(1e-12));
            double h = 1e-6;
            double slope = (value_of_raw(t, raw + h) - value_of_raw(t, raw - h)) / (2 * h);
            CHECK(value_slope(t, raw) == doctest::Approx(slope).epsilon(1e-8));
        }
    }
    CHECK(value_of_raw("log", 0.0) == 1.0);
    CHECK(value_of_raw("logit", 0.0) == 0.5);
    CHECK(value_of_raw("softplus", 0.0) == doctest::Approx(std::log(2.0)));
    CHECK(std::isnan(raw_of_value("log", -1.0)));  // outside the range: the trainer refuses it
}

TEST_CASE("optimiser: Adam's steps follow Kingma and Ba's update with bias correction") {
    Adam adam(0.9, 0.999, 1e-8);
    std::vector<double> raw = {1.0, -2.0}, lr = {0.1, 0.01};
    // first step: the bias-corrected moments are g and g^2, so each value moves by lr * sign(g)
    adam.step(raw, {4.0, -0.5}, lr);
    CHECK(raw[0] == doctest::Approx(1.0 - 0.1).epsilon(1e-9));
    CHECK(raw[1] == doctest::Approx(-2.0 + 0.01).epsilon(1e-9));
    // second step by the formula
    double m = 0.9 * (0.1 * 4.0) + 0.1 * 2.0, v = 0.999 * (0.001 * 16.0) + 0.001 * 4.0;
    double expected = raw[0] - 0.1 * (m / (1 - 0.81)) / (std::sqrt(v / (1 - 0.999 * 0.999)) + 1e-8);
    adam.step(raw, {2.0, 0.0}, lr);
    CHECK(raw[0] == doctest::Approx(expected).epsilon(1e-12));
}

TEST_CASE("optimiser: clipping scales the whole gradient to the norm and reports the norm before") {
    std::vector<double> g = {3.0, 4.0};
    CHECK(clip_gradient_norm(g, 0.0) == 5.0);  // 0: no clipping
    CHECK(g == std::vector<double>{3.0, 4.0});
    CHECK(clip_gradient_norm(g, 10.0) == 5.0);  // under the bound: unchanged
    CHECK(g == std::vector<double>{3.0, 4.0});
    CHECK(clip_gradient_norm(g, 1.0) == 5.0);
    CHECK(g[0] == doctest::Approx(0.6));
    CHECK(g[1] == doctest::Approx(0.8));
}
