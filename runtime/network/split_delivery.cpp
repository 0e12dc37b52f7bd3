// Sharing a pathway's deliveries out over threads by target element (see split_delivery.h).
#include "runtime/network/split_delivery.h"

#include <algorithm>

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

void SplitDelivery::build(const std::vector<double>& by, const PathwayQueue& queue, int threads) {
    threads_ = by.empty() ? 1 : threads;
    if (threads_ <= 1) return;
    auto [lo, hi] = std::minmax_element(by.begin(), by.end());
    bounds_.assign(static_cast<size_t>(threads_) + 1, 0.0);
    double width = *hi + 1 - *lo;
    for (int t = 0; t <= threads_; ++t) bounds_[static_cast<size_t>(t)] = *lo + width * t / threads_;
    bounds_.back() = *hi + 1;
    lists_.assign(static_cast<size_t>(threads_), {});
    sorted_ = queue.pieces_are_sources();
    const auto& order = queue.synapse_order();
    for (uint32_t source = 0; sorted_ && source < queue.sources(); ++source) {
        for (size_t pos = queue.begin(source); pos + 1 < queue.end(source) && sorted_; ++pos) {
            sorted_ = by[static_cast<size_t>(order[pos])] <= by[static_cast<size_t>(order[pos + 1])];
        }
    }
}

bool SplitDelivery::deliver(const std::vector<PathwayQueue::Arrival>& arrivals, const double* by, const Run& run) {
    size_t total = 0;
    for (const auto& a : arrivals) total += a.end - a.begin;
    if (threads_ <= 1 || total < min_synapses) return false;
    ++shared_;
#pragma omp parallel for num_threads(threads_) schedule(static)
    for (int t = 0; t < threads_; ++t) {
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
    return true;
}

}  // namespace nj::rt
