// Tests for the iterative activity threshold (activity_threshold.h): passes, the strict
// tolerance, the kept (not recomputed) matrix, per-population pass 0 and max_passes, all
// computed by hand.
#include "runtime/analyses/activity_threshold.h"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using nj::rt::threshold_activity;

namespace {

// One population, ten bins: mean 1100 Hz; active means 3000, then 4000.
const std::vector<double> ramp{0, 0, 0, 0, 0, 1000, 1000, 2000, 3000, 4000};

std::vector<uint8_t> only_last(size_t n) {
    std::vector<uint8_t> a(n, 0);
    a.back() = 1;
    return a;
}

}  // namespace

TEST_CASE(
    "threshold_activity: stops when the next mean is within the tolerance, keeping the "
    "matrix of the current threshold") {
    auto th = threshold_activity(ramp, 10, 1, 1500, 50);
    // Pass 0: > 1100 -> {2000, 3000, 4000}, m = 3000 (1900 >= 1500: adopt). > 3000 -> {4000},
    // m = 4000 (1000 < 1500: stop; keep the 3000 Hz matrix).
    CHECK(th.passes == 1);
    CHECK(th.converged);
    CHECK(th.history_hz == std::vector<double>{1100, 3000});
    CHECK(th.rejected_hz == 4000);
    CHECK(th.thresholds_hz == std::vector<double>{3000});
    CHECK(th.active == only_last(10));
}

TEST_CASE("threshold_activity: the tolerance is strict, and nothing active stops the iteration") {
    auto th = threshold_activity(ramp, 10, 1, 1000, 50);
    // |4000 - 3000| = 1000 is not < 1000: adopt 4000, then nothing is > 4000.
    CHECK(th.passes == 2);
    CHECK(th.converged);
    CHECK(th.history_hz == std::vector<double>{1100, 3000, 4000});
    CHECK(std::isnan(th.rejected_hz));
    CHECK(th.active == std::vector<uint8_t>(10, 0));
}

TEST_CASE("threshold_activity: max_passes returns the last matrix unconverged") {
    auto th = threshold_activity(ramp, 10, 1, 1, 1);
    CHECK(th.passes == 1);
    CHECK_FALSE(th.converged);
    CHECK(th.active == only_last(10));
    auto none = threshold_activity(ramp, 10, 1, 1, 0);
    CHECK(none.passes == 0);
    CHECK(none.history_hz == std::vector<double>{1100});
}

TEST_CASE(
    "threshold_activity: pass 0 uses each population's own mean, later passes one global "
    "threshold") {
    // [bins 3, populations 2] row-major: A = 10, 20, 30; B = 100, 200, 300.
    std::vector<double> rates{10, 100, 20, 200, 30, 300};
    // Pass 0: thresholds 20, 200 -> A and B active in bin 2; m = 165 vs mean 110 (55: adopt).
    // 165: B in bins 1, 2; m = 250 (85: adopt). 250: B in bin 2; m = 300 (50 < 52: stop).
    auto th = threshold_activity(rates, 3, 2, 52, 50);
    CHECK(th.passes == 2);
    CHECK(th.history_hz == std::vector<double>{110, 165, 250});
    CHECK(th.rejected_hz == 300);
    CHECK(th.thresholds_hz == std::vector<double>{250, 250});
    CHECK(th.active == std::vector<uint8_t>{0, 0, 0, 0, 0, 1});
    auto first = threshold_activity(rates, 3, 2, 1000, 50);
    CHECK(first.passes == 0);
    CHECK(first.thresholds_hz == std::vector<double>{20, 200});
    CHECK(first.active == std::vector<uint8_t>{0, 0, 0, 0, 1, 1});
}
