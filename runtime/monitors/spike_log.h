// The spikes of a group as they happen: 4 bytes a spike plus one entry per step that had any.
#pragma once

#include "runtime/monitors/block_array.h"

#include <cstdint>
#include <limits>
#include <span>

namespace nj::rt {

/// A recording of (element, step) spikes in the order they were appended. Spike monitors and
/// the analyses' logs keep one each; it is compact and never copied while it grows, because
/// recording must cost little beside the step it records (see BlockArray).
class SpikeLog {
public:
    /// Appends the spikes of `step` whose index lies in [first, last), as index - first.
    void append(uint64_t step, std::span<const uint32_t> indices, uint32_t first = 0,
                uint32_t last = std::numeric_limits<uint32_t>::max());

    /// Calls f(index, step) for every spike, in the order appended.
    template <class F>
    void for_each(F&& f) const {
        size_t k = 0;
        for (size_t r = 0; r < steps_.size(); ++r) {
            const StepEnd& s = steps_[r];
            for (; k < s.end; ++k) f(indices_[k], s.step);
        }
    }

    /// Calls f(index, step) for the spikes of steps [first, last), in the order appended.
    /// Requires the steps to have been appended in increasing order (see truncate_from).
    template <class F>
    void for_each_between(uint64_t first, uint64_t last, F&& f) const {
        size_t r = entry_at(first);
        size_t k = r == 0 ? 0 : steps_[r - 1].end;
        for (; r < steps_.size() && steps_[r].step < last; ++r) {
            const StepEnd& s = steps_[r];
            for (; k < s.end; ++k) f(indices_[k], s.step);
        }
    }

    /// Forgets the spikes of `step` and later ones (a restored, earlier state). Requires the
    /// steps to have been appended in increasing order, as the analyses' logs are: they are
    /// truncated whenever the network goes back to an earlier step.
    void truncate_from(uint64_t step);
    void clear();
    size_t size() const { return indices_.size(); }

private:
    /// The first entry of steps_ at or after `step` (binary search: steps_ is ordered).
    size_t entry_at(uint64_t step) const;

    /// A step with spikes, and where its indices end in indices_.
    struct StepEnd {
        uint64_t step;
        uint64_t end;
    };
    BlockArray<uint32_t> indices_;
    BlockArray<StepEnd> steps_;
};

}  // namespace nj::rt
