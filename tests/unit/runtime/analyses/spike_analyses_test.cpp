// Tests for the spike-train analyses (spike_analyses.h): population-vector errors of synthetic
// ring codes against values derived by hand, smoothing edges, windows, tuning widths of
// rectangular tuning curves, the Gaussian-smoothed maximum and spike counts.
#include "runtime/analyses/spike_analyses.h"

#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

using nj::rt::max_smoothed_rate;
using nj::rt::pv_metrics;
using nj::rt::PvOptions;
using nj::rt::spike_count;
using nj::rt::SpikeList;
using nj::rt::tuning_width;

namespace {

constexpr double pi = std::numbers::pi;

// Circular statistics written out from the spec's formulas, for expected values.
double circular_mean(const std::vector<double>& a) {
    double s = 0, c = 0;
    for (double x : a) s += std::sin(x), c += std::cos(x);
    return std::atan2(s, c);
}
double circular_sd(const std::vector<double>& a) {
    double s = 0, c = 0;
    for (double x : a) s += std::sin(x), c += std::cos(x);
    double n = static_cast<double>(a.size());
    return std::sqrt(-2.0 * std::log(std::hypot(s / n, c / n)));
}

// The ring code of the tests: 100 neurons, 1000 steps, neuron (step / 10 + shift) mod 100 fires
// once at every step, so each neuron covers 10 steps.
SpikeList ring_code(uint64_t first_step, uint32_t shift) {
    SpikeList spikes;
    for (uint32_t k = 0; k < 1000; ++k) spikes.emplace_back((k / 10 + shift) % 100, first_step + k);
    return spikes;
}

// Expected error at step 10 b + r of the ring code with X = step + 0.5 and window [0, 1000]
// (true angle (r + 0.5) * D / 10 past neuron b's angle, D = 2 pi / 100). The 20-step boxcar
// sees raw steps k-10 .. k+9: 10 - r spikes of neuron b-1, 10 of b, r of b+1; at the ends the
// zero padding removes neuron -1 (b = 0) or neuron 100 (b = 99).
double ring_error(int b, int r) {
    double d = 2 * pi / 100;
    double before = b == 0 ? 0 : 10 - r, after = b == 99 ? 0 : r;
    double re = before * std::cos(d) + 10 + after * std::cos(d);
    double im = (after - before) * std::sin(d);
    return std::atan2(im, re) - (r + 0.5) * d / 10;
}

PvOptions ring_options(uint64_t first_step) {
    return {.first_step = first_step,
            .last_step = first_step + 1000,
            .population = 100,
            .position_bins = 100,
            .smooth_bins = 20,
            .window = std::pair{0.0, 1000.0}};
}

std::vector<double> ramp(size_t steps, double offset) {
    std::vector<double> x(steps);
    for (size_t k = 0; k < steps; ++k) x[k] = static_cast<double>(k) + offset;
    return x;
}

}  // namespace

TEST_CASE("spike analyses: a ring code decodes with the bias the boxcar predicts") {
    std::vector<double> biases, trial_sq;
    for (int b = 0; b < 100; ++b) {
        std::vector<double> errors;
        for (int r = 0; r < 10; ++r) errors.push_back(ring_error(b, r));
        double bias = circular_mean(errors);
        biases.push_back(bias);
        std::vector<double> spread;
        for (double e : errors) spread.push_back(e - bias);
        trial_sq.push_back(std::pow(circular_sd(spread), 2));
    }
    double delta = 0;
    for (double t : trial_sq) delta += t / 100;
    nlohmann::json m = pv_metrics(ring_code(5000, 0), ramp(1000, 0.5), ring_options(5000));
    // Interior bins share one bias (about -D/2); only the two end bins differ, so sigma_theta
    // is small but not zero. (The code is mirror-symmetric, so this does not pin which side of
    // k the even boxcar leans to; the smearing test below does.)
    CHECK(m["sigma_theta_rad"].get<double>() == doctest::Approx(circular_sd(biases)).epsilon(1e-9));
    CHECK(m["sigma_theta_rad"].get<double>() < 0.01);
    CHECK(m["delta_trial_rad"].get<double>() == doctest::Approx(std::sqrt(delta)).epsilon(1e-9));
    CHECK(m["delta_trial_rad"].get<double>() < 0.01);
    CHECK(m["valid_fraction"].get<double>() == 1.0);
    CHECK(m["bins_defined"].get<size_t>() == 100);
    CHECK(m["n_spikes"].get<size_t>() == 1000);
}

TEST_CASE("spike analyses: without a window the truth spans min X .. max X") {
    // theta = 2 pi k / 999 drifts by at most 2 pi / 1000 against the neurons' 2 pi k / 1000,
    // so the biases stay within about 0.007 rad of each other.
    PvOptions options = ring_options(0);
    options.window.reset();
    nlohmann::json m = pv_metrics(ring_code(0, 0), ramp(1000, 0), options);
    CHECK(m["sigma_theta_rad"].get<double>() < 0.01);
    CHECK(m["delta_trial_rad"].get<double>() < 0.01);
    CHECK(m["valid_fraction"].get<double>() == 1.0);
    CHECK(m["bins_defined"].get<size_t>() == 100);
}

TEST_CASE("spike analyses: the 1e-12 keeps max X inside the ring and a constant X at 0") {
    PvOptions options{.first_step = 0, .last_step = 2, .population = 100};
    // X = {0, 1}: theta = 0 and 2 pi / (1 + 1e-12) < 2 pi, the first and the last bin.
    nlohmann::json ends = pv_metrics({{0, 0}}, {0.0, 1.0}, options);
    CHECK(ends["bins_defined"].get<size_t>() == 2);
    CHECK(ends["valid_fraction"].get<double>() == 1.0);
    // Constant X: theta = 0 / 1e-12 = 0 at every step. Neuron 25 (pi/2) at step 5 is seen by
    // bins 0..15, all in position bin 0 with the same error pi/2: no spread at all.
    options.last_step = 40;
    nlohmann::json still = pv_metrics({{25, 5}}, std::vector<double>(40, 2.5), options);
    CHECK(still["bins_defined"].get<size_t>() == 1);
    CHECK(still["valid_fraction"].get<double>() == 0.4);
    CHECK(still["sigma_theta_rad"].get<double>() < 1e-6);
    CHECK(still["delta_trial_rad"].get<double>() < 1e-6);
}

TEST_CASE("spike analyses: a constant decoding offset does not change sigma_theta") {
    // Neuron j fires where neuron j + 10 should: every error moves by -2 pi 10 / 100, which
    // the bias absorbs, so both spreads equal those of the unshifted code.
    nlohmann::json exact = pv_metrics(ring_code(0, 0), ramp(1000, 0.5), ring_options(0));
    nlohmann::json shifted = pv_metrics(ring_code(0, 90), ramp(1000, 0.5), ring_options(0));
    CHECK(shifted["sigma_theta_rad"].get<double>() ==
          doctest::Approx(exact["sigma_theta_rad"].get<double>()).epsilon(1e-9));
    CHECK(shifted["delta_trial_rad"].get<double>() ==
          doctest::Approx(exact["delta_trial_rad"].get<double>()).epsilon(1e-9));
    CHECK(shifted["valid_fraction"].get<double>() == 1.0);
}

TEST_CASE("spike analyses: spikes unrelated to the position give a wide bias spread") {
    // About one spike per 5 steps from a random neuron. The 100 bin biases are then spread
    // round the circle: the circular SD of 100 uniform angles is about 2.1 rad (R ~ 0.1);
    // neighbouring bins share half their boxcar, so R is somewhat larger. This seed gives 2.01
    // and 0.64 rad, seeds 1..19 gave 1.69..2.84 and 0.50..0.72; a code that follows the
    // position gives < 0.01 (first test).
    std::mt19937_64 rng(20240611);
    SpikeList spikes;
    for (uint64_t k = 0; k < 1000; ++k)
        if (rng() % 5 == 0) spikes.emplace_back(static_cast<uint32_t>(rng() % 100), k);
    PvOptions options = ring_options(0);
    options.window.reset();
    nlohmann::json m = pv_metrics(spikes, ramp(1000, 0), options);
    CHECK(m["sigma_theta_rad"].get<double>() > 1.5);
    CHECK(m["delta_trial_rad"].get<double>() > 0.4);
    CHECK(m["n_spikes"].get<size_t>() == spikes.size());
}

TEST_CASE("spike analyses: a silent population gives pi, pi and no valid bins") {
    PvOptions options = ring_options(0);
    options.window.reset();
    SpikeList outside = {{3, 1000}, {4, 2000}};  // after the analysed steps: ignored
    nlohmann::json m = pv_metrics(outside, ramp(1000, 0), options);
    CHECK(m["sigma_theta_rad"].get<double>() == pi);
    CHECK(m["delta_trial_rad"].get<double>() == pi);
    CHECK(m["valid_fraction"].get<double>() == 0.0);
    CHECK(m["bins_defined"].get<size_t>() == 0);
    CHECK(m["n_spikes"].get<size_t>() == 0);

    options.last_step = 0;  // no steps at all
    nlohmann::json empty = pv_metrics(ring_code(0, 0), {}, options);
    CHECK(empty["sigma_theta_rad"].get<double>() == pi);
    CHECK(empty["delta_trial_rad"].get<double>() == pi);
    CHECK(empty["valid_fraction"].get<double>() == 0.0);
}

TEST_CASE("spike analyses: the window masks steps before smoothing") {
    // X = k + 0.5 in [250, 750] for k = 250 .. 749: half the steps, each decoded.
    PvOptions options = ring_options(0);
    options.window = std::pair{250.0, 750.0};
    nlohmann::json m = pv_metrics(ring_code(0, 0), ramp(1000, 0.5), options);
    CHECK(m["valid_fraction"].get<double>() == 0.5);
    CHECK(m["bins_defined"].get<size_t>() == 100);
    CHECK(m["n_spikes"].get<size_t>() == 1000);

    // Spikes only before the window: zeroed before the boxcar, so none leaks into k = 250..259.
    SpikeList early = ring_code(0, 0);
    early.resize(250);
    nlohmann::json masked = pv_metrics(early, ramp(1000, 0.5), options);
    CHECK(masked["valid_fraction"].get<double>() == 0.0);
    CHECK(masked["sigma_theta_rad"].get<double>() == pi);
    CHECK(masked["n_spikes"].get<size_t>() == 250);
}

TEST_CASE("spike analyses: errors at X = x_hi count as valid but fall in no position bin") {
    // theta = 2 pi everywhere. Neuron 0 at step 0 is seen by bins 0..10 (error 0), neuron 25
    // (angle pi/2) at step 30 by bins 21..39 (error pi/2); with no position bin defined both
    // outputs fall back to the circular SD of all 30 errors.
    std::vector<double> x(40, 1.0);
    PvOptions options{
        .first_step = 0, .last_step = 40, .population = 100, .window = std::pair{0.0, 1.0}};
    nlohmann::json m = pv_metrics({{0, 0}, {25, 30}}, x, options);
    double fallback = std::sqrt(-2.0 * std::log(std::hypot(11.0, 19.0) / 30.0));
    CHECK(m["bins_defined"].get<size_t>() == 0);
    CHECK(m["valid_fraction"].get<double>() == 0.75);
    CHECK(m["sigma_theta_rad"].get<double>() == doctest::Approx(fallback).epsilon(1e-12));
    CHECK(m["delta_trial_rad"].get<double>() == doctest::Approx(fallback).epsilon(1e-12));
}

TEST_CASE("spike analyses: one spike is smeared over the boxcar as numpy 'same' does") {
    // Bin k averages raw bins k - L/2 .. k - L/2 + L - 1: for L = 20 a spike at s is seen by
    // k = s-9 .. s+10, for L = 21 by k = s-10 .. s+10; zero padding cuts the ends.
    auto valid = [](uint64_t step, size_t smooth_bins) {
        PvOptions options{.first_step = 0,
                          .last_step = 100,
                          .population = 10,
                          .position_bins = 10,
                          .smooth_bins = smooth_bins};
        return pv_metrics({{3, step}}, ramp(100, 0), options)["valid_fraction"].get<double>();
    };
    CHECK(valid(50, 20) == 0.20);
    CHECK(valid(0, 20) == 0.11);
    CHECK(valid(99, 20) == 0.10);
    CHECK(valid(50, 21) == 0.21);
    CHECK(valid(0, 21) == 0.11);
    CHECK(valid(99, 21) == 0.11);
    CHECK(valid(50, 1) == 0.01);
}

TEST_CASE("spike analyses: tuning widths of rectangular tuning curves") {
    // X = 0 .. 99 over steps 1000 .. 1099, 9 bins of width 11: bins 0..7 hold 11 steps, the
    // closed last bin 12 (X = 88 .. 99). At dt = 1 ms one spike per step is 1000 Hz.
    std::vector<double> x = ramp(100, 0);
    SpikeList spikes;
    auto fire = [&](uint32_t j, int from, int to, int per_step) {
        for (int k = from; k < to; ++k)
            for (int i = 0; i < per_step; ++i) spikes.emplace_back(j, 1000 + k);
    };
    fire(0, 22, 55, 1);  // bins 2..4: width 33
    fire(1, 0, 11, 1);   // bins 0 and 7, not contiguous, plus 91 Hz in bin 4: width 22
    fire(1, 77, 88, 1);
    fire(1, 50, 51, 1);
    fire(2, 40, 41, 1);  // peak 91 Hz < 100 Hz: excluded
    fire(3, 55, 66, 2);  // bin 5 at 2000 Hz, bin 6 at exactly half, bin 1 at 455 Hz: width 22
    fire(3, 66, 77, 1);
    fire(3, 11, 16, 1);
    fire(5, 88, 100, 1);           // the last bin, X = 99 included: width 11
    spikes.emplace_back(2, 1100);  // after the analysed steps: ignored
    spikes.emplace_back(7, 1050);  // beyond the population: ignored
    nlohmann::json w = tuning_width(spikes, x, 1000, 6, 9, 100.0, 1e-3);
    CHECK(w["neurons"].get<size_t>() == 4);
    CHECK(w["mean"].get<double>() == doctest::Approx(22.0).epsilon(1e-12));
    CHECK(w["sd"].get<double>() == doctest::Approx(std::sqrt(242.0 / 3.0)).epsilon(1e-12));

    // Only neuron 3 reaches 1500 Hz: fewer than 2 neurons leave mean and SD undefined.
    nlohmann::json one = tuning_width(spikes, x, 1000, 6, 9, 1500.0, 1e-3);
    CHECK(one["neurons"].get<size_t>() == 1);
    CHECK(one["mean"].is_null());
    CHECK(one["sd"].is_null());
    // At dt = 10 ms the same spikes are ten times slower.
    CHECK(tuning_width(spikes, x, 1000, 6, 9, 150.0, 1e-2)["neurons"].get<size_t>() == 1);

    std::vector<double> still(100, 3.0);
    nlohmann::json none = tuning_width(spikes, still, 1000, 6, 9, 100.0, 1e-3);
    CHECK(none["neurons"].get<size_t>() == 0);
    CHECK(none["mean"].is_null());
}

TEST_CASE("spike analyses: an X on a bin edge belongs to the bin above it, as in numpy") {
    // Over [0, 0.3] in 3 bins the edge 0.3/3 scales to 0.99999... bins; numpy's histogram
    // corrects it against the edges into bin 1. A neuron firing at X = 0 and X = 0.3/3 then
    // has two bins at its peak rate; put X = 0.3/3 in bin 0 and it would have one.
    double edge = 0.3 / 3;
    std::vector<double> x = {0.0, edge, 2 * edge, 0.3};
    nlohmann::json w = tuning_width({{0, 0}, {0, 1}, {1, 0}, {1, 1}}, x, 0, 2, 3, 1.0, 1e-3);
    CHECK(w["neurons"].get<size_t>() == 2);
    CHECK(w["mean"].get<double>() == doctest::Approx(2 * edge).epsilon(1e-12));
    CHECK(w["sd"].get<double>() == 0.0);
}

TEST_CASE("spike analyses: tuning_width's rate map holds each neuron's rate per position bin") {
    // X visits bin 0 twice, bin 1 once, bin 2 once (4 steps of 1 ms); neuron 0 fires in both
    // bin-0 steps (1000 Hz), neuron 1 once in bin 2 (1000 Hz) and never elsewhere
    std::vector<double> x = {0.0, 0.0, 0.15, 0.3};
    std::vector<double> map;
    tuning_width({{0, 0}, {0, 1}, {1, 3}}, x, 0, 2, 3, 1.0, 1e-3, &map);
    REQUIRE(map.size() == 6);
    CHECK(map == std::vector<double>{1000, 0, 0, 0, 0, 1000});
    // a bin X never visits has no rate
    std::vector<double> gap = {0.0, 0.3};
    tuning_width({{0, 0}}, gap, 0, 1, 3, 1.0, 1e-3, &map);
    CHECK(std::isnan(map[1]));
}

TEST_CASE("spike analyses: max_smoothed_rate uses Brian2's Gaussian window") {
    auto peak_weight = [](int half, double w) {
        double sum = 0;
        for (int k = -half; k <= half; ++k) sum += std::exp(-k * k / (2.0 * w * w));
        return 1.0 / sum;
    };
    // Constant rate: the kernel sums to 1, so the middle is the constant itself.
    CHECK(max_smoothed_rate(std::vector<double>(200, 7.0), 20) ==
          doctest::Approx(7.0).epsilon(1e-12));
    // An impulse: its height times the kernel's peak weight, k = -40 .. 40 for 20 steps.
    std::vector<double> impulse(201, 0.0);
    impulse[100] = 3.0;
    CHECK(max_smoothed_rate(impulse, 20) ==
          doctest::Approx(3.0 * peak_weight(40, 20)).epsilon(1e-12));
    impulse[100] = 0.0;
    impulse[0] = 3.0;  // at the edge the kernel's centre still covers it
    CHECK(max_smoothed_rate(impulse, 20) ==
          doctest::Approx(3.0 * peak_weight(40, 20)).epsilon(1e-12));
    // Shorter than the kernel: numpy swaps the arguments, the peak is unchanged.
    CHECK(max_smoothed_rate({5.0}, 20) ==
          doctest::Approx(5.0 * peak_weight(40, 20)).epsilon(1e-12));
    // Half-width round(2 w) with w unrounded: 2.3 -> 5; 1.25 -> round(2.5) = 2 (half to even).
    CHECK(max_smoothed_rate({0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0}, 2.3) ==
          doctest::Approx(peak_weight(5, 2.3)).epsilon(1e-12));
    CHECK(max_smoothed_rate({0, 0, 0, 1, 0, 0, 0}, 1.25) ==
          doctest::Approx(peak_weight(2, 1.25)).epsilon(1e-12));
    CHECK(max_smoothed_rate({1, 4, 2}, 0) == 4.0);
    CHECK(std::isnan(max_smoothed_rate({}, 20)));
}

TEST_CASE("spike analyses: spike_count includes the first step and excludes the last") {
    SpikeList spikes = {{0, 9}, {1, 10}, {2, 19}, {0, 20}, {1, 10}};
    CHECK(spike_count(spikes, 10, 20) == 3);
    CHECK(spike_count(spikes, 0, 100) == 5);
    CHECK(spike_count(spikes, 10, 10) == 0);
    CHECK(spike_count(spikes, 20, 10) == 0);
}
