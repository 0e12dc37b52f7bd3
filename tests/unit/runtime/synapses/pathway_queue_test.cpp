// Tests of spike delivery through a pathway queue (runtime/synapses/pathway_queue.h).
#include "runtime/synapses/pathway_queue.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

using nj::rt::PathwayQueue;

namespace {

/// (step, synapse) for each delivery, in the order delivered.
using Log = std::vector<std::pair<size_t, int64_t>>;

/// Runs steps [first, first + steps): push the step's spikes, then deliver, as the network does.
void run_steps(PathwayQueue& q, size_t first, size_t steps,
               const std::vector<std::vector<uint32_t>>& spikes_at, Log& log) {
    for (size_t n = first; n < first + steps; ++n) {
        q.push(n < spikes_at.size() ? spikes_at[n] : std::vector<uint32_t>{});
        q.deliver([&](const int64_t* elements, size_t begin, size_t end) {
            // no list: the synapses begin .. end - 1 themselves
            for (size_t k = begin; k < end; ++k) log.emplace_back(n, elements ? elements[k] : static_cast<int64_t>(k));
        });
    }
}

/// What should arrive: each synapse s of each spiking source at step n + delay[s].
Log expected_log(const std::vector<double>& sources, const std::vector<uint32_t>& delays,
                 const std::vector<std::vector<uint32_t>>& spikes_at, size_t steps) {
    Log log;
    for (size_t n = 0; n < spikes_at.size(); ++n) {
        for (uint32_t src : spikes_at[n]) {
            for (size_t s = 0; s < sources.size(); ++s) {
                const size_t at = n + (delays.empty() ? 0 : delays[s]);
                if (sources[s] == src && at < steps) log.emplace_back(at, static_cast<int64_t>(s));
            }
        }
    }
    return log;
}

Log sorted(Log log) {
    std::sort(log.begin(), log.end());
    return log;
}

}  // namespace

TEST_CASE("PathwayQueue: without delays a spike reaches exactly its source's synapses") {
    const std::vector<double> sources{2, 0, 2, 1, 2, 0};
    PathwayQueue q;
    q.build(sources, 4, {});
    // synapse() lists each source's synapses, in increasing index order
    const std::vector<std::vector<int64_t>> of_source{{1, 5}, {3}, {0, 2, 4}, {}};
    for (uint32_t src = 0; src < 4; ++src) {
        CAPTURE(src);
        std::vector<int64_t> ids;
        for (size_t pos = q.begin(src); pos < q.end(src); ++pos) ids.push_back(q.synapse(pos));
        CHECK(ids == of_source[src]);
    }
    Log log;
    run_steps(q, 0, 1, {{2}}, log);
    CHECK(log == Log{{0, 0}, {0, 2}, {0, 4}});
    log.clear();
    run_steps(q, 1, 3, {{}, {}, {}, {0, 1}}, log);  // nothing at 1 and 2; sources 0 and 1 at 3
    CHECK(sorted(log) == Log{{3, 1}, {3, 3}, {3, 5}});
}

TEST_CASE("PathwayQueue: a uniform delay d delivers exactly d steps after the spike") {
    const std::vector<double> sources{0, 1, 1, 0, 2};
    for (uint32_t d : {0u, 1u, 5u}) {
        CAPTURE(d);
        PathwayQueue q;
        q.build(sources, 3, std::vector<uint32_t>(sources.size(), d));
        Log log;
        run_steps(q, 0, 20, {{}, {}, {}, {1}}, log);  // source 1 spikes at step 3
        CHECK(log == Log{{3 + d, 1}, {3 + d, 2}});
    }
}

TEST_CASE("PathwayQueue: heterogeneous delays deliver each synapse at its own step") {
    // Example of the header: delays {2, 0} from one source, spike at step 5 → 1 at 5, 0 at 7.
    PathwayQueue two;
    two.build({0, 0}, 1, {2, 0});
    Log log;
    run_steps(two, 0, 12, {{}, {}, {}, {}, {}, {0}}, log);
    CHECK(log == Log{{5, 1}, {7, 0}});

    const std::vector<double> sources{0, 0, 1, 0, 1, 0};
    const std::vector<uint32_t> delays{2, 0, 3, 5, 0, 2};
    PathwayQueue q;
    q.build(sources, 2, delays);
    log.clear();
    run_steps(q, 0, 15, {{}, {}, {}, {}, {0, 1}}, log);
    // Within a step one source's synapses come in increasing index order (0 before 5 at step 6).
    CHECK(log == Log{{4, 1}, {4, 4}, {6, 0}, {6, 5}, {7, 2}, {9, 3}});
}

TEST_CASE("PathwayQueue: spikes in consecutive steps each arrive on time, across ring wraps") {
    const std::vector<double> sources{0, 1, 2, 0, 3, 1, 2, 2};
    std::vector<std::vector<uint32_t>> spikes_at(40);
    for (size_t n = 0; n < 30; ++n) {
        // a fixed irregular pattern, with the same source spiking while its last spike travels
        for (uint32_t src = 0; src < 4; ++src) {
            if ((n * 7 + src * 3) % 5 < 2) spikes_at[n].push_back(src);
        }
    }
    SUBCASE("uniform delay 3") {
        const std::vector<uint32_t> delays(sources.size(), 3);
        PathwayQueue q;
        q.build(sources, 4, delays);
        Log log;
        run_steps(q, 0, 40, spikes_at, log);
        CHECK(sorted(log) == sorted(expected_log(sources, delays, spikes_at, 40)));
    }
    SUBCASE("heterogeneous delays up to 6") {
        const std::vector<uint32_t> delays{6, 0, 1, 3, 2, 6, 4, 0};
        PathwayQueue q;
        q.build(sources, 4, delays);
        Log log;
        run_steps(q, 0, 40, spikes_at, log);
        CHECK(sorted(log) == sorted(expected_log(sources, delays, spikes_at, 40)));
    }
}

TEST_CASE("PathwayQueue: a restored in-transit state delivers the pending spikes again") {
    const std::vector<double> sources{0, 1, 1, 2, 0};
    for (bool uniform : {true, false}) {
        CAPTURE(uniform);
        const std::vector<uint32_t> delays = uniform ? std::vector<uint32_t>(sources.size(), 4)
                                                     : std::vector<uint32_t>{4, 1, 3, 0, 2};
        const std::vector<std::vector<uint32_t>> spikes_at{{0}, {1, 2}, {}, {0, 1}, {2}, {1}};
        PathwayQueue q;
        q.build(sources, 3, delays);
        Log before;
        run_steps(q, 0, 5, spikes_at, before);
        const PathwayQueue::InTransit saved = q.in_transit();

        Log after;  // steps 5.. : the rest of the spikes, with no new ones from step 6 on
        run_steps(q, 5, 10, spikes_at, after);
        REQUIRE(!after.empty());
        CHECK(sorted(after) == sorted([&] {
                  Log all = expected_log(sources, delays, spikes_at, 15);
                  std::erase_if(all, [](const auto& e) { return e.first < 5; });
                  return all;
              }()));

        // The same queue, set back, and a freshly built one give the same deliveries again.
        q.set_in_transit(saved);
        Log again;
        run_steps(q, 5, 10, spikes_at, again);
        CHECK(again == after);

        PathwayQueue fresh;
        fresh.build(sources, 3, delays);
        Log other;
        run_steps(fresh, 0, 2, {{2}, {0}}, other);  // pending spikes that the restore replaces
        fresh.set_in_transit(saved);
        CHECK(fresh.in_transit().now == saved.now);
        CHECK(fresh.in_transit().slots == saved.slots);
        Log restored;
        run_steps(fresh, 5, 10, spikes_at, restored);
        CHECK(restored == after);
    }
}

TEST_CASE("PathwayQueue: sources without synapses are harmless") {
    const std::vector<double> sources{1, 3, 1};
    for (bool uniform : {true, false}) {
        CAPTURE(uniform);
        const std::vector<uint32_t> delays =
            uniform ? std::vector<uint32_t>{2, 2, 2} : std::vector<uint32_t>{2, 0, 1};
        PathwayQueue q;
        q.build(sources, 5, delays);
        for (uint32_t src : {0u, 2u, 4u}) CHECK(q.begin(src) == q.end(src));
        Log log;
        size_t calls_with_work = 0;
        for (size_t n = 0; n < 10; ++n) {
            q.push(n == 1 ? std::vector<uint32_t>{0, 2, 4} : std::vector<uint32_t>{});
            q.deliver(
                [&](const int64_t*, size_t begin, size_t end) { calls_with_work += begin < end; });
        }
        CHECK(calls_with_work == 0);
        // mixed with a source that has synapses, only that one's arrive
        run_steps(q, 10, 5, std::vector<std::vector<uint32_t>>(11, std::vector<uint32_t>{0, 1, 4}),
                  log);
        CHECK(sorted(log) == sorted(uniform ? Log{{12, 0}, {12, 2}} : Log{{11, 2}, {12, 0}}));
    }
    // A pathway with no synapses at all.
    PathwayQueue empty;
    empty.build({}, 3, {});
    size_t calls_with_work = 0;
    for (int n = 0; n < 3; ++n) {
        empty.push({0, 1, 2});
        empty.deliver(
            [&](const int64_t*, size_t begin, size_t end) { calls_with_work += begin < end; });
    }
    CHECK(calls_with_work == 0);
}

TEST_CASE("PathwayQueue: synapses made in source order keep no index list and arrive as with one") {
    // sources 0, 0, 1, 1, 1, 3: sorted, so position k is synapse k
    const std::vector<double> sources{0, 0, 1, 1, 1, 3};
    const std::vector<std::vector<uint32_t>> spikes{{1}, {0, 3}, {}, {1, 3}};
    for (const std::vector<uint32_t>& delays : {std::vector<uint32_t>{}, std::vector<uint32_t>(6, 2),
                                                std::vector<uint32_t>{0, 3, 1, 0, 2, 1}}) {
        CAPTURE(delays.size());
        PathwayQueue q;
        q.build(sources, 4, delays);
        for (size_t pos = 0; pos < sources.size(); ++pos) CHECK(q.synapse(pos) == static_cast<int64_t>(pos));
        Log log;
        run_steps(q, 0, 8, spikes, log);
        CHECK(sorted(log) == sorted(expected_log(sources, delays, spikes, 8)));
    }
}
