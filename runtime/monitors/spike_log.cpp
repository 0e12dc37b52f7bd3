// Appending to and truncating a spike log.
#include "runtime/monitors/spike_log.h"

namespace nj::rt {

void SpikeLog::append(uint64_t step, std::span<const uint32_t> indices, uint32_t first, uint32_t last) {
    size_t before = indices_.size();
    for (uint32_t i : indices) {
        if (i >= first && i < last) indices_.push_back(i - first);
    }
    if (indices_.size() == before) return;
    if (!steps_.empty() && steps_.back().step == step) {
        // a second append for the same step extends its entry
        steps_.truncate(steps_.size() - 1);
    }
    steps_.push_back({step, indices_.size()});
}

size_t SpikeLog::entry_at(uint64_t step) const {
    size_t lo = 0, hi = steps_.size();
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (steps_[mid].step < step) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

void SpikeLog::truncate_from(uint64_t step) {
    size_t entry = entry_at(step);
    indices_.truncate(entry == 0 ? 0 : steps_[entry - 1].end);
    steps_.truncate(entry);
}

void SpikeLog::clear() {
    indices_.clear();
    steps_.clear();
}

}  // namespace nj::rt
