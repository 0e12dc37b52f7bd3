// Synapses by source (counting sort) and a ring of per-step lists for delayed delivery.
#include "runtime/synapses/pathway_queue.h"

#include "runtime/memory/huge_pages.h"

#include <algorithm>

namespace nj::rt {

void PathwayQueue::build(const std::vector<double>& sources, size_t n_sources,
                         const std::vector<uint32_t>& delay_steps) {
    offsets_.assign(n_sources + 1, 0);
    for (double s : sources) ++offsets_[static_cast<size_t>(s) + 1];
    for (size_t k = 0; k < n_sources; ++k) offsets_[k + 1] += offsets_[k];
    // The stable counting sort is the identity exactly when the sources do not decrease: then
    // no list is kept (8 bytes a synapse, e.g. 80 MB for 10^7 synapses).
    in_order_ = std::is_sorted(sources.begin(), sources.end());
    ids_.clear();
    ids_.shrink_to_fit();
    if (!in_order_) {
        assign_advised(ids_, sources.size(), decltype(ids_)::value_type{0});
        std::vector<size_t> next(offsets_.begin(), offsets_.end() - 1);
        for (size_t s = 0; s < sources.size(); ++s) ids_[next[static_cast<size_t>(sources[s])]++] = static_cast<int64_t>(s);
    }

    uint32_t max_delay = 0;
    delay_ = delay_steps.empty() ? 0 : delay_steps[0];
    uniform_ = true;
    for (uint32_t d : delay_steps) {
        max_delay = std::max(max_delay, d);
        uniform_ = uniform_ && d == delay_;
    }
    delays_.clear();
    if (!uniform_) {
        delays_.resize(sources.size());
        for (size_t k = 0; k < sources.size(); ++k) delays_[k] = delay_steps[static_cast<size_t>(synapse(k))];
    }
    slots_.assign(static_cast<size_t>(max_delay) + 1, {});
    now_ = 0;
}

void PathwayQueue::push(const std::vector<uint32_t>& spikes) {
    size_t n = slots_.size();
    if (uniform_) {
        auto& slot = slots_[(now_ + delay_) % n];
        for (uint32_t s : spikes) {
            if (offsets_[s] != offsets_[s + 1]) slot.push_back(s);
        }
        return;
    }
    for (uint32_t s : spikes) {
        for (size_t k = offsets_[s]; k < offsets_[s + 1]; ++k) slots_[(now_ + delays_[k]) % n].push_back(synapse(k));
    }
}

template <typename F>
void PathwayQueue::for_each_arrival(F&& run) const {
    const auto& slot = slots_[now_];
    if (uniform_) {
        const int64_t* elements = in_order_ ? nullptr : ids_.data();
        for (int64_t s : slot) run(elements, offsets_[static_cast<size_t>(s)], offsets_[static_cast<size_t>(s) + 1]);
    } else if (!slot.empty()) {
        run(slot.data(), size_t{0}, slot.size());
    }
}

void PathwayQueue::deliver(const Deliver& run) {
    for_each_arrival(run);
    advance();
}

void PathwayQueue::arrivals(std::vector<Arrival>& out) const {
    out.clear();
    for_each_arrival([&](const int64_t* elements, size_t begin, size_t end) { out.push_back({elements, begin, end}); });
}

void PathwayQueue::advance() {
    slots_[now_].clear();
    now_ = (now_ + 1) % slots_.size();
}

void PathwayQueue::set_in_transit(const InTransit& state) {
    slots_ = state.slots;
    now_ = state.now;
}

}  // namespace nj::rt
