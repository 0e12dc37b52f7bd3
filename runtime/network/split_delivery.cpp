// Sharing a pathway's deliveries out over threads (see split_delivery.h).
#include "runtime/network/split_delivery.h"

#include <algorithm>
#include <limits>

namespace nj::rt {

namespace {

/// Synapse at position `pos` of an arrival.
int64_t synapse_at(const PathwayQueue::Arrival& a, size_t pos) {
    return a.elements ? a.elements[pos] : static_cast<int64_t>(pos);
}

/// First position in [begin, end) whose synapse writes an element >= x (by[] non-decreasing).
size_t first_at_least(const PathwayQueue::Arrival& a, size_t begin, size_t end, const double* by, double x) {
    while (begin < end) {
        size_t mid = begin + (end - begin) / 2;
        if (by[synapse_at(a, mid)] < x) begin = mid + 1;
        else end = mid;
    }
    return begin;
}

}  // namespace

void SplitDelivery::build(const PathwayQueue& queue, int threads, const std::vector<double>& by, bool writes_synapses) {
    threads_ = threads;
    if (threads_ <= 1) return;
    bounds_.assign(static_cast<size_t>(threads_) + 1, 0.0);
    bounds_.front() = -std::numeric_limits<double>::infinity();
    bounds_.back() = std::numeric_limits<double>::infinity();
    lists_.assign(static_cast<size_t>(threads_), {});
    sorted_ = queue.pieces_are_sources();
    for (uint32_t source = 0; sorted_ && source < queue.sources(); ++source) {
        for (size_t pos = queue.begin(source); pos + 1 < queue.end(source) && sorted_; ++pos) {
            sorted_ = by[static_cast<size_t>(queue.synapse(pos))] <= by[static_cast<size_t>(queue.synapse(pos + 1))];
        }
    }
    // filtered lists interleave the threads' synapses: their own variables would share cache lines
    if (!sorted_ && writes_synapses) threads_ = 1;
}

void SplitDelivery::balance(const std::vector<PathwayQueue::Arrival>& arrivals, size_t total, const double* by) {
    // Any bounds keep the results (each target stays on one thread); bounds at the quantiles of
    // a sample of this step's targets give the threads equal shares even when a step's spikes
    // reach only part of the targets (a topographic map).
    constexpr size_t samples = 64;
    sample_.clear();
    size_t next = 0, seen = 0;  // the synapse at every (total / samples)-th position
    for (const auto& a : arrivals) {
        size_t n = a.end - a.begin;
        while (next < seen + n && sample_.size() < samples) {
            sample_.push_back(by[synapse_at(a, a.begin + (next - seen))]);
            next = sample_.size() * total / samples;
        }
        seen += n;
    }
    std::sort(sample_.begin(), sample_.end());
    for (int t = 1; t < threads_; ++t) {
        bounds_[static_cast<size_t>(t)] = sample_[sample_.size() * static_cast<size_t>(t) / static_cast<size_t>(threads_)];
    }
}

void SplitDelivery::run_part(int t, const std::vector<PathwayQueue::Arrival>& arrivals, const double* by,
                             const Run& run) {
    double lo = bounds_[static_cast<size_t>(t)], hi = bounds_[static_cast<size_t>(t) + 1];
    std::vector<int64_t>& list = lists_[static_cast<size_t>(t)];
    for (const auto& a : arrivals) {
        if (sorted_) {
            size_t begin = first_at_least(a, a.begin, a.end, by, lo);
            size_t end = first_at_least(a, begin, a.end, by, hi);
            if (begin < end) run(a.elements, begin, end);
            continue;
        }
        list.clear();
        for (size_t pos = a.begin; pos < a.end; ++pos) {
            int64_t s = synapse_at(a, pos);
            if (by[s] >= lo && by[s] < hi) list.push_back(s);
        }
        if (!list.empty()) run(list.data(), 0, list.size());
    }
}

namespace {

size_t synapse_count(const std::vector<PathwayQueue::Arrival>& arrivals) {
    size_t total = 0;
    for (const auto& a : arrivals) total += a.end - a.begin;
    return total;
}

}  // namespace

bool SplitDelivery::worth_sharing(const std::vector<PathwayQueue::Arrival>& arrivals) const {
    size_t total = synapse_count(arrivals);
    return threads_ > 1 && total >= min_synapses && (!sorted_ || total >= min_per_source * arrivals.size());
}

void SplitDelivery::deliver(const std::vector<PathwayQueue::Arrival>& arrivals, const double* by, const Run& run) {
    size_t total = synapse_count(arrivals);
    ++shared_;
    balance(arrivals, total, by);
#pragma omp parallel for num_threads(threads_) schedule(static)
    for (int t = 0; t < threads_; ++t) run_part(t, arrivals, by, run);
}

}  // namespace nj::rt
