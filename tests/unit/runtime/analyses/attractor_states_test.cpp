// Tests for attractor_states (attractor_states.h): synthetic spike trains whose states,
// lifetimes and transitions are known by construction; dropping of short segments; sessions;
// smoothing in time whatever dt; the iterative threshold end to end; empty input and errors.
#include "runtime/analyses/attractor_states.h"

#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <set>
#include <string>
#include <vector>

using nj::rt::attractor_states;
using nj::rt::AttractorOptions;
using nj::rt::AttractorResult;
using nj::rt::NamedArray;
using nj::rt::SpikeList;

namespace {

// Two populations of two neurons (0, 1 -> population 0; 2, 3 -> 1) and neuron 4, not analysed.
const std::vector<int> two_pops{0, 0, 1, 1, -1};

// A period [from_ms, to_ms) in which the listed populations fire.
struct Period {
    double from_ms, to_ms;
    std::vector<int> active;
};

// dt 0.5 ms; every neuron of an active population fires once per step (2000 Hz), all others are
// silent except the unanalysed neuron 4, which always fires. Steps are offset by first_step.
SpikeList schedule(const std::vector<Period>& periods, uint64_t first_step = 0) {
    SpikeList spikes;
    for (const Period& p : periods) {
        auto from = static_cast<uint64_t>(p.from_ms * 2), to = static_cast<uint64_t>(p.to_ms * 2);
        for (uint64_t step = from; step < to; ++step) {
            for (int pop : p.active)
                for (uint32_t k = 0; k < 2; ++k)
                    spikes.emplace_back(2 * pop + k, first_step + step);
            spikes.emplace_back(4, first_step + step);
        }
    }
    return spikes;
}

// No smoothing and a tolerance that keeps pass 0, so "active" is exactly "scheduled to fire".
AttractorOptions exact_options(uint64_t last_step) {
    return {.bin = 0.5e-3,
            .width = 0,
            .threshold_tol = 1e9,
            .min_lifetime = 20e-3,
            .last_step = last_step};
}

const NamedArray& array(const AttractorResult& r, const std::string& name) {
    for (const NamedArray& a : r.arrays)
        if (a.name == name) return a;
    FAIL("no array " << name);
    return r.arrays.front();
}

void check_values(const NamedArray& a, const std::vector<double>& expected) {
    INFO(a.name);
    REQUIRE(a.values.size() == expected.size());
    for (size_t i = 0; i < expected.size(); ++i) CHECK(a.values[i] == doctest::Approx(expected[i]));
}

const std::vector<Period> alternating{{0, 100, {0}},      {100, 250, {1}}, {250, 300, {0}},
                                      {300, 400, {0, 1}}, {400, 500, {}},  {500, 600, {1}}};

}  // namespace

TEST_CASE(
    "attractor_states: alternating populations give exactly their states, lifetimes and "
    "transitions") {
    AttractorResult r =
        attractor_states(schedule(alternating), two_pops, 2, 0.5e-3, exact_options(1200));
    REQUIRE(r.error.empty());
    CHECK(r.summary["n_states"] == 4);
    CHECK(r.summary["n_occurrences"] == 6);
    CHECK(r.summary["n_segments"] == 6);
    // States by first appearance: {0}, {1}, {0, 1}, {} (the empty set is a state).
    check_values(array(r, "state_members"), {1, 0, 0, 1, 1, 1, 0, 0});
    CHECK(array(r, "state_members").shape == std::vector<size_t>{4, 2});
    CHECK(r.summary["states"][3]["populations"] == nlohmann::json::array());
    check_values(array(r, "state_sequence"), {0, 1, 0, 2, 3, 1});
    check_values(array(r, "occurrence_start_s"), {0, 0.1, 0.25, 0.3, 0.4, 0.5});
    check_values(array(r, "occurrence_end_s"), {0.1, 0.25, 0.3, 0.4, 0.5, 0.6});
    check_values(array(r, "lifetimes"), {0.1, 0.15, 0.05, 0.1, 0.1, 0.1});
    check_values(array(r, "state_occurrences"), {2, 2, 1, 1});
    check_values(array(r, "state_probability"),
                 {150.0 / 600, 250.0 / 600, 100.0 / 600, 100.0 / 600});
    check_values(array(r, "state_mean_lifetime_s"), {0.075, 0.125, 0.1, 0.1});
    // 0->1, 1->0, 0->2, 2->3, 3->1; the last {1} has no successor, so its row sums to 0.5.
    check_values(array(r, "transition_counts"), {0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0});
    check_values(array(r, "transition_matrix"),
                 {0, 0.5, 0.5, 0, 0.5, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0});
    CHECK(r.summary["mean_lifetime_s"].get<double>() == doctest::Approx(0.1));
    CHECK(r.summary["covered_s"].get<double>() == doctest::Approx(0.6));
    // Pass 0 kept: each population's own mean rate is its threshold.
    check_values(array(r, "thresholds_hz"), {2000.0 * 250 / 600, 2000.0 * 350 / 600});
    CHECK(r.summary["passes"] == 0);
    check_values(array(r, "occurrence_rates"),
                 {2000, 0, 0, 2000, 2000, 0, 2000, 2000, 0, 0, 0, 2000});
    check_values(array(r, "states_by_size"), {1, 2, 1});
    check_values(array(r, "population_occupancy"), {250.0 / 600, 350.0 / 600});
}

TEST_CASE("attractor_states: times are simulation times from first_step") {
    AttractorOptions o = exact_options(3000);
    o.first_step = 1800;
    o.last_step = 3000;
    AttractorResult r = attractor_states(schedule(alternating, 1800), two_pops, 2, 0.5e-3, o);
    REQUIRE(r.error.empty());
    check_values(array(r, "state_sequence"), {0, 1, 0, 2, 3, 1});
    check_values(array(r, "occurrence_start_s"), {0.9, 1.0, 1.15, 1.2, 1.3, 1.4});
}

TEST_CASE(
    "attractor_states: a segment shorter than min_lifetime is dropped, its neighbours "
    "are not merged, and A -> A counts") {
    std::vector<Period> blip{{0, 100, {0}}, {100, 110, {1}}, {110, 200, {0}}, {200, 300, {1}}};
    AttractorResult r = attractor_states(schedule(blip), two_pops, 2, 0.5e-3, exact_options(600));
    REQUIRE(r.error.empty());
    CHECK(r.summary["n_segments"] == 4);
    CHECK(r.summary["n_states"] == 2);
    check_values(array(r, "state_sequence"), {0, 0, 1});
    check_values(array(r, "occurrence_start_s"), {0, 0.11, 0.2});
    check_values(array(r, "transition_matrix"), {0.5, 0.5, 0, 0});
    check_values(array(r, "state_dwell_s"), {0.19, 0.1});
    const NamedArray& bins = array(r, "bin_state");
    CHECK(bins.values[199] == 0);
    CHECK(bins.values[200] == -1);
    CHECK(bins.values[219] == -1);
    CHECK(bins.values[220] == 0);

    // The blip lasts 20 bins = 10 ms: kept at a 10 ms minimum (>=), dropped at 10.5 ms.
    AttractorOptions o = exact_options(600);
    o.min_lifetime = 10e-3;
    AttractorResult kept = attractor_states(schedule(blip), two_pops, 2, 0.5e-3, o);
    check_values(array(kept, "state_sequence"), {0, 1, 0, 1});
    o.min_lifetime = 10.5e-3;
    AttractorResult dropped = attractor_states(schedule(blip), two_pops, 2, 0.5e-3, o);
    check_values(array(dropped, "state_sequence"), {0, 0, 1});
}

TEST_CASE("attractor_states: sessions are thresholded apart and no transition crosses them") {
    AttractorOptions o = exact_options(1200);
    o.session = 0.3;
    AttractorResult r = attractor_states(schedule(alternating), two_pops, 2, 0.5e-3, o);
    REQUIRE(r.error.empty());
    CHECK(r.summary["n_sessions"] == 2);
    check_values(array(r, "state_sequence"), {0, 1, 0, 2, 3, 1});
    check_values(array(r, "occurrence_session"), {0, 0, 0, 1, 1, 1});
    // 0 -> 2 would cross the boundary at 0.3 s.
    check_values(array(r, "transition_matrix"),
                 {0, 0.5, 0, 0, 0.5, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0});
    // Session 0: population 0 fires 150 of 300 ms, population 1 150; session 1: 100 and 200.
    check_values(array(r, "thresholds_hz"), {1000, 1000, 2000.0 / 3, 4000.0 / 3});
}

TEST_CASE("attractor_states: the iterative threshold end to end, one population by hand") {
    // dt = bin = 1 ms, one neuron; spikes per bin 0 0 0 0 0 1 1 2 3 4 -> rates x 1000 Hz.
    SpikeList spikes;
    std::vector<int> counts{0, 0, 0, 0, 0, 1, 1, 2, 3, 4};
    for (uint64_t t = 0; t < counts.size(); ++t)
        for (int k = 0; k < counts[t]; ++k) spikes.emplace_back(0, t);
    AttractorOptions o{
        .bin = 1e-3, .width = 0, .threshold_tol = 1500, .min_lifetime = 0, .last_step = 10};
    AttractorResult r = attractor_states(spikes, {0}, 1, 1e-3, o);
    REQUIRE(r.error.empty());
    CHECK(r.summary["threshold_hz"].get<double>() == doctest::Approx(3000));
    CHECK(r.summary["passes"] == 1);
    CHECK(r.summary["sessions"][0]["rejected_hz"].get<double>() == doctest::Approx(4000));
    check_values(array(r, "state_members"), {0, 1});  // {} then {0}
    check_values(array(r, "lifetimes"), {9e-3, 1e-3});
    check_values(array(r, "active_fraction_by_size"), {0.9, 0.1});
}

TEST_CASE("attractor_states: the Gaussian width is a time, so dt 0.1 ms and 0.5 ms agree") {
    // Three populations of 10 neurons switching between 100 Hz and 4 Hz in blocks of 50-200 ms,
    // drawn on a 0.5 ms grid; at dt 0.1 ms each spike lands on a random step inside its 0.5 ms.
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<int> population(30);
    for (int k = 0; k < 30; ++k) population[k] = k / 10;
    SpikeList coarse, fine;
    for (int pop = 0; pop < 3; ++pop) {
        bool high = pop == 0;
        for (int bin = 0, block_end = 0; bin < 4000; ++bin) {
            if (bin == block_end) {
                high = !high;
                block_end += 100 + static_cast<int>(u(rng) * 300);
            }
            for (uint32_t k = 0; k < 10; ++k) {
                if (u(rng) >= (high ? 0.05 : 0.002)) continue;
                coarse.emplace_back(10 * pop + k, bin);
                uint64_t step = 5 * static_cast<uint64_t>(bin) + static_cast<uint64_t>(u(rng) * 5);
                fine.emplace_back(10 * pop + k, step);
            }
        }
    }
    AttractorOptions o{.last_step = 4000};
    AttractorResult a = attractor_states(coarse, population, 3, 0.5e-3, o);
    o.last_step = 20000;
    AttractorResult b = attractor_states(fine, population, 3, 0.1e-3, o);
    REQUIRE(a.error.empty());
    REQUIRE(b.error.empty());
    CHECK(a.summary["n_states"].get<int>() >= 3);
    CHECK(a.summary == b.summary);
    for (const char* name : {"smoothed_rates", "state_sequence", "lifetimes", "transition_matrix"})
        check_values(array(b, name), array(a, name).values);
}

TEST_CASE("attractor_states: the smoothed rate is the Gaussian of sigma width / bin") {
    // One neuron, one spike at step 100 of 200 (dt 0.5 ms): 2000 Hz in one bin, sigma 2 bins.
    AttractorOptions o{.width = 1e-3, .last_step = 200};
    AttractorResult r = attractor_states({{0, 100}}, {0}, 1, 0.5e-3, o);
    const NamedArray& rates = array(r, "smoothed_rates");
    double total = 0;
    for (int j = -8; j <= 8; ++j) total += std::exp(-0.5 * j * j / 4.0);
    for (int k = -3; k <= 3; ++k)
        CHECK(rates.values[100 + k] ==
              doctest::Approx(2000 * std::exp(-0.5 * k * k / 4.0) / total));
    // Every other bin kept.
    o.rates_every = 2;
    CHECK(array(attractor_states({{0, 100}}, {0}, 1, 0.5e-3, o), "smoothed_rates").shape ==
          std::vector<size_t>{100, 1});
}

TEST_CASE("attractor_states: no spikes is one empty state covering the window") {
    AttractorResult r = attractor_states({}, two_pops, 2, 0.5e-3, {.last_step = 1000});
    REQUIRE(r.error.empty());
    CHECK(r.summary["n_states"] == 1);
    CHECK(r.summary["states"][0]["populations"] == nlohmann::json::array());
    CHECK(r.summary["states"][0]["probability"].get<double>() == doctest::Approx(1.0));
    check_values(array(r, "transition_matrix"), {0});
    CHECK(r.summary["threshold_hz"].get<double>() == 0);
}

TEST_CASE("attractor_states: bad options and inputs are errors, not crashes") {
    auto error = [](const std::vector<int>& population, size_t populations, double dt,
                    AttractorOptions o) {
        AttractorResult r = attractor_states({{0, 1}}, population, populations, dt, o);
        if (!r.error.empty()) CHECK(r.arrays.empty());
        return r.error;
    };
    AttractorOptions ok{.last_step = 100};
    CHECK(error(two_pops, 2, 0.5e-3, ok).empty());
    AttractorOptions o = ok;
    o.bin = 0.75e-3;
    CHECK(error(two_pops, 2, 0.5e-3, o).find("whole multiple of the time step") !=
          std::string::npos);
    o.bin = 0;
    CHECK(error(two_pops, 2, 0.5e-3, o).find("rate bin must be positive") != std::string::npos);
    CHECK(error(two_pops, 2, 0, ok).find("time step") != std::string::npos);
    CHECK(error({}, 2, 0.5e-3, ok).find("no neurons") != std::string::npos);
    CHECK(error(two_pops, 0, 0.5e-3, ok).find("no populations") != std::string::npos);
    CHECK(error(two_pops, 3, 0.5e-3, ok) == "population 2 has no neurons");
    o = ok;
    o.kernel = "triangle";
    CHECK(error(two_pops, 2, 0.5e-3, o).find("'triangle'") != std::string::npos);
    o = ok;
    o.width = -1;
    CHECK(!error(two_pops, 2, 0.5e-3, o).empty());
    o = ok;
    o.session = 0.7e-3;
    CHECK(error(two_pops, 2, 0.5e-3, o).find("session length") != std::string::npos);
    o = ok;
    o.first_step = 100;
    CHECK(error(two_pops, 2, 0.5e-3, o).find("empty") != std::string::npos);
    o = ok;
    o.bin = 10e-3;  // 20 steps, window 100 steps: fine; a window of 10 steps is too short
    o.last_step = 10;
    CHECK(error(two_pops, 2, 0.5e-3, o).find("shorter than one rate bin") != std::string::npos);
}
