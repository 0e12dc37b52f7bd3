// Tests for SpikeLog (spike_log.h) and the BlockArray under it: order, ranges, truncation.
#include "runtime/monitors/spike_log.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <utility>
#include <vector>

using nj::rt::BlockArray;
using nj::rt::SpikeLog;

namespace {

std::vector<std::pair<uint32_t, uint64_t>> contents(const SpikeLog& log) {
    std::vector<std::pair<uint32_t, uint64_t>> out;
    log.for_each([&](uint32_t i, uint64_t step) { out.emplace_back(i, step); });
    return out;
}

}  // namespace

TEST_CASE("BlockArray: values stay in order and in place across many blocks") {
    BlockArray<uint32_t, 64> a;  // 16 values a block
    for (uint32_t k = 0; k < 1000; ++k) a.push_back(k * 3);
    REQUIRE(a.size() == 1000);
    bool all = true;
    for (uint32_t k = 0; k < 1000; ++k) all = all && a[k] == k * 3;
    CHECK(all);
    const uint32_t* first = &a[0];
    for (uint32_t k = 0; k < 1000; ++k) a.push_back(k);
    CHECK(&a[0] == first);  // growing never moves what is stored
    a.truncate(17);
    CHECK(a.size() == 17);
    CHECK(a.back() == 48);
    a.clear();
    CHECK(a.empty());
    a.push_back(5);
    CHECK(a[0] == 5);
}

TEST_CASE("SpikeLog: spikes come back in order with their steps; empty steps take no entry") {
    SpikeLog log;
    std::vector<uint32_t> step0{1, 4, 9}, none, step7{0, 4};
    log.append(0, step0);
    log.append(3, none);
    log.append(7, step7);
    CHECK(log.size() == 5);
    CHECK(contents(log) == std::vector<std::pair<uint32_t, uint64_t>>{{1, 0}, {4, 0}, {9, 0}, {0, 7}, {4, 7}});
}

TEST_CASE("SpikeLog: a range keeps the indices in [first, last), relative to first") {
    SpikeLog log;
    std::vector<uint32_t> a{2, 3, 5, 8, 9}, b{1, 9};
    log.append(10, a, 3, 9);
    log.append(11, b, 3, 9);  // nothing in range: the step leaves no trace
    CHECK(contents(log) == std::vector<std::pair<uint32_t, uint64_t>>{{0, 10}, {2, 10}, {5, 10}});
}

TEST_CASE("SpikeLog: two appends for one step make one step; truncate_from forgets that step and later ones") {
    SpikeLog log;
    std::vector<uint32_t> a{1}, b{2, 3}, c{4};
    log.append(1, a);
    log.append(5, b);
    log.append(5, c);
    log.append(9, a);
    CHECK(contents(log) == std::vector<std::pair<uint32_t, uint64_t>>{{1, 1}, {2, 5}, {3, 5}, {4, 5}, {1, 9}});
    log.truncate_from(6);
    CHECK(contents(log) == std::vector<std::pair<uint32_t, uint64_t>>{{1, 1}, {2, 5}, {3, 5}, {4, 5}});
    log.truncate_from(5);
    CHECK(contents(log) == std::vector<std::pair<uint32_t, uint64_t>>{{1, 1}});
    log.append(2, c);  // the restored timeline goes on from an earlier step
    CHECK(contents(log) == std::vector<std::pair<uint32_t, uint64_t>>{{1, 1}, {4, 2}});
    log.truncate_from(0);
    CHECK(log.size() == 0);
    CHECK(contents(log).empty());
}

TEST_CASE("SpikeLog: a long recording spans many blocks and keeps every spike") {
    SpikeLog log;
    std::vector<uint32_t> fired;
    uint64_t expected = 0;
    for (uint64_t step = 0; step < 20000; ++step) {
        fired.clear();
        for (uint32_t i = static_cast<uint32_t>(step % 7); i < 40; i += 7) fired.push_back(i);
        expected += fired.size();
        log.append(step, fired);
    }
    CHECK(log.size() == expected);
    uint64_t count = 0, last_step = 0;
    bool ordered = true;
    log.for_each([&](uint32_t i, uint64_t step) {
        ordered = ordered && step >= last_step && i % 7 == step % 7;
        last_step = step;
        ++count;
    });
    CHECK(count == expected);
    CHECK(ordered);
}

TEST_CASE("SpikeLog: for_each_between gives exactly the spikes of steps [first, last)") {
    // spikes at every third step, 1 + step % 4 of them: windows that start and end on steps
    // with and without spikes, empty ones, and ones past the end
    SpikeLog log;
    std::vector<std::pair<uint32_t, uint64_t>> all;
    for (uint64_t step = 0; step < 3000; step += 3) {
        std::vector<uint32_t> fired;
        for (uint32_t i = 0; i <= step % 4; ++i) {
            fired.push_back(i);
            all.emplace_back(i, step);
        }
        log.append(step, fired);
    }
    const std::pair<uint64_t, uint64_t> windows[] = {{0, 3000}, {0, 1}, {1, 3}, {3, 4}, {2, 7},
                                                     {1500, 1503}, {2998, 5000}, {5000, 6000}, {10, 10}};
    for (auto [first, last] : windows) {
        CAPTURE(first);
        CAPTURE(last);
        std::vector<std::pair<uint32_t, uint64_t>> expected, got;
        for (const auto& s : all) {
            if (s.second >= first && s.second < last) expected.push_back(s);
        }
        log.for_each_between(first, last, [&](uint32_t i, uint64_t step) { got.emplace_back(i, step); });
        CHECK(got == expected);
    }
}
