// Tests for the recorders (recorders.h): output files, shapes, sampling and index ranges.
#include "runtime/monitors/recorders.h"

#include "tests/unit/runtime/run_helpers.h"

#include <doctest/doctest.h>

#include "runtime/io/npy_reader.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using nj::rt::testing::run_ok;

namespace {

// Ten neurons; neuron i fires at steps i, i + 10, i + 20, ... (c counts steps and wraps at 10,
// every neuron starts at c = 9 - i so that it reaches the threshold after i + 1 updates).
// v = t/second integrates without noise and x = i is constant, so recorded values are known.
const std::string clock_model = R"(
param dt = 0.1 ms
neuron Clock {
  equations {
    dc/dt = 1 / dt_step : 1
    dv/dt = 1 / second : 1
    x : 1 (constant)
  }
  threshold: c > 9.5
  reset: c = 0
  method: euler
}
param dt_step = 0.1 ms
group G = Clock(10) {
  init: c = 9 - i
  x = i
}
group Sub = G[4:8]
monitor trace = state(G, v, x, record = 2:7, every = 1 ms)
monitor all = state(G, x)
monitor sub_trace = state(Sub, x, record = 1:3)
monitor spikes(G)
monitor spikes(Sub)
monitor pop = rate(G)
monitor pop_sub = rate(Sub)
run 20 ms
)";

}  // namespace

TEST_CASE("Recorder: state(record = 2:7, every = 1 ms) over 20 ms writes (20, 5) arrays") {
    auto r = run_ok(clock_model);
    CHECK(r.shape("trace_t.npy") == std::vector<size_t>{20});
    CHECK(r.shape("trace_v.npy") == std::vector<size_t>{20, 5});
    CHECK(r.shape("trace_x.npy") == std::vector<size_t>{20, 5});
    const auto& t = r.values("trace_t.npy");
    const auto& v = r.values("trace_v.npy");
    const auto& x = r.values("trace_x.npy");
    REQUIRE(v.size() == 100);
    for (size_t k = 0; k < 20; ++k) {
        CAPTURE(k);
        // sampled at the start of steps 0, 10, 20, ...: t = k ms, v = t/second
        CHECK(t[k] == static_cast<double>(10 * k) * r.dt_s);
        for (size_t j = 0; j < 5; ++j) {
            CHECK(v[5 * k + j] == doctest::Approx(t[k]).epsilon(1e-9));
            CHECK(x[5 * k + j] == static_cast<double>(2 + j));  // rows are elements 2..6
        }
    }
    // without record and every: every element at every step
    CHECK(r.shape("all_x.npy") == std::vector<size_t>{200, 10});
    CHECK(r.shape("all_t.npy") == std::vector<size_t>{200});
    // record counts within the monitored subgroup: Sub[1:3] is G[5:7]
    CHECK(r.shape("sub_trace_x.npy") == std::vector<size_t>{200, 2});
    const auto& sub = r.values("sub_trace_x.npy");
    for (size_t k = 0; k < 200; ++k) {
        CHECK(sub[2 * k] == 5);
        CHECK(sub[2 * k + 1] == 6);
    }
    // files: 3 + 2 + 2 state, 2 + 2 spikes, 2 + 2 rate
    CHECK(r.outputs.size() == 15);
}

TEST_CASE("Recorder: spike monitors give indices relative to their group, within its range") {
    auto r = run_ok(clock_model);
    const auto& gi = r.values("spikes_G_i.npy");
    const auto& gt = r.values("spikes_G_t.npy");
    const auto& si = r.values("spikes_Sub_i.npy");
    const auto& st = r.values("spikes_Sub_t.npy");
    CHECK(r.outputs.at("spikes_G_i.npy").integer);
    CHECK_FALSE(r.outputs.at("spikes_G_t.npy").integer);
    // every neuron fires every 10 steps: 200 steps → 20 spikes each
    REQUIRE(gi.size() == 200);
    REQUIRE(gt.size() == 200);
    for (size_t k = 0; k < gi.size(); ++k) {
        CAPTURE(k);
        CHECK(gi[k] >= 0);
        CHECK(gi[k] <= 9);
        auto step = std::llround(gt[k] / r.dt_s);
        CHECK(step % 10 == static_cast<long long>(gi[k]));  // neuron i fires at steps i mod 10
    }
    // the subgroup G[4:8] sees neurons 4..7 as 0..3
    REQUIRE(si.size() == 80);
    for (size_t k = 0; k < si.size(); ++k) {
        CAPTURE(k);
        CHECK(si[k] >= 0);
        CHECK(si[k] <= 3);
        CHECK(std::llround(st[k] / r.dt_s) % 10 == static_cast<long long>(si[k]) + 4);
    }
    CHECK(*std::max_element(si.begin(), si.end()) == 3);
    CHECK(r.spike_count == 200);
}

TEST_CASE("Recorder: write_spike_files writes the spike outputs as int32 indices and float64 times") {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("nj_spike_files_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    nj::rt::testing::RunOptions options;
    bool written = false;
    std::string error;
    options.after_protocol = [&](const std::vector<nj::rt::Recorder>& recorders) {
        for (const auto& rec : recorders) {
            if (rec.name() == "spikes_Sub") written = rec.write_spike_files(dir, &error);
        }
    };
    auto r = run_ok(clock_model, options);
    REQUIRE(written);
    CHECK(error.empty());
    std::vector<double> times;
    REQUIRE(nj::rt::read_npy_vector(dir / "spikes_Sub_t.npy", times, error));
    CHECK(times == r.values("spikes_Sub_t.npy"));
    // the index file: a '<i4' header of shape (80,), then the indices
    std::ifstream in(dir / "spikes_Sub_i.npy", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    REQUIRE(bytes.size() > 10);
    size_t header = 10 + static_cast<unsigned char>(bytes[8]) + 256 * static_cast<unsigned char>(bytes[9]);
    std::string text = bytes.substr(10, header - 10);
    CHECK(text.find("'<i4'") != std::string::npos);
    CHECK(text.find("(80,)") != std::string::npos);
    REQUIRE(bytes.size() == header + 80 * 4);
    std::vector<int32_t> indices(80);
    std::memcpy(indices.data(), bytes.data() + header, 80 * 4);
    const auto& expected = r.values("spikes_Sub_i.npy");
    for (size_t k = 0; k < 80; ++k) CHECK(indices[k] == expected[k]);
    fs::remove_all(dir);
}

TEST_CASE("Recorder: a rate monitor has one value per step: the fraction that fired per dt") {
    auto r = run_ok(clock_model);
    CHECK(r.shape("pop_rate.npy") == std::vector<size_t>{200});
    CHECK(r.shape("pop_t.npy") == std::vector<size_t>{200});
    // exactly one of the 10 neurons fires on each step: 1/10 per 0.1 ms = 1000 Hz
    for (double rate : r.values("pop_rate.npy")) CHECK(rate == doctest::Approx(1000));
    // the subgroup: one of its 4 neurons on steps 4..7 of every 10, none on the others
    const auto& sub = r.values("pop_sub_rate.npy");
    REQUIRE(sub.size() == 200);
    for (size_t k = 0; k < sub.size(); ++k) {
        CAPTURE(k);
        bool fires = k % 10 >= 4 && k % 10 <= 7;
        CHECK(sub[k] == doctest::Approx(fires ? 2500 : 0));
    }
}

TEST_CASE("Recorder: a rate monitor with bin = 1 ms averages over each bin") {
    // `bin` is the width of the bins the rate is counted in: with one of 10 neurons firing on
    // every step the rate is 1000 Hz in each bin, and for Sub (4 of 10 steps) 1000 Hz as well.
    auto r = run_ok(R"(
param dt = 0.1 ms
param dt_step = 0.1 ms
neuron Clock {
  equations { dc/dt = 1 / dt_step : 1 }
  threshold: c > 9.5
  reset: c = 0
  method: euler
}
group G = Clock(10) { init: c = 9 - i }
group Sub = G[4:8]
monitor pop = rate(Sub, bin = 1 ms)
run 20 ms
)");
    CHECK(r.shape("pop_rate.npy") == std::vector<size_t>{20});
    for (double rate : r.values("pop_rate.npy")) CHECK(rate == doctest::Approx(1000));
}

TEST_CASE("Recorder: after a rebuild a state monitor starts over; rows recorded past the planned time are kept") {
    // The recorders reserve room for the protocol's planned 2 ms (n = 1 when it is planned); the
    // `repeat` runs 3 ms, so recording must grow past the room. A rebuild starts at t = 0.
    std::string model = clock_model.substr(0, clock_model.find("run 20 ms")) + R"(
param n = 1
run 1 ms
apply rebuild(seed = 2)
set n = 3
repeat n {
  run 1 ms
}
)";
    auto r = run_ok(model);
    const auto& t = r.values("all_t.npy");
    REQUIRE(t.size() == 30);  // 3 ms after the rebuild, every step; the first 1 ms is gone
    CHECK(t.front() == 0);
    CHECK(t.back() == doctest::Approx(2.9e-3));
    CHECK(r.shape("all_x.npy") == std::vector<size_t>{30, 10});
    const auto& x = r.values("all_x.npy");
    for (size_t row = 0; row < 30; ++row) CHECK(x[row * 10 + 7] == 7);
}
