// The synapses of one pathway grouped by source neuron, and the spikes in transit to them.
//
// Requires: build() before push(); sources are element indices of the source root group.
// Ensures:  a spike pushed at step n reaches a synapse with delay d (in steps) at the
//           deliver() of step n + d; with one delay for all synapses the queue holds source
//           neurons and delivers each one's synapses as one contiguous range, otherwise it holds
//           synapse indices. Synapses of one source are delivered in increasing index order.
// Example:  delays {2, 0}: a spike of their source at step 5 reaches synapse 1 at step 5 and
//           synapse 0 at step 7.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace nj::rt {

class PathwayQueue {
public:
    /// Runs a kernel on elements[begin, end) (synapse indices), or on the synapses begin .. end - 1
    /// themselves when `elements` is null (a source's synapses are contiguous: they were made in
    /// source order).
    using Deliver = std::function<void(const int64_t* elements, size_t begin, size_t end)>;

    /// `sources[s]`: synapse s's source element in [0, n_sources); `delay_steps[s]`: its delay
    /// (empty: no delays).
    void build(const std::vector<double>& sources, size_t n_sources, const std::vector<uint32_t>& delay_steps);

    /// Queues the synapses of the neurons that spiked at this step.
    void push(const std::vector<uint32_t>& spikes);
    /// Delivers what arrives at this step and moves on to the next step.
    void deliver(const Deliver& run);

    /// One piece of what arrives: the arguments deliver() passes to its function.
    struct Arrival {
        const int64_t* elements;
        size_t begin;
        size_t end;
    };
    /// What arrives at this step, in deliver()'s order (valid until advance()). With one delay
    /// for all synapses each piece is one source's synapses, as positions of synapse().
    void arrivals(std::vector<Arrival>& out) const;
    /// Forgets what arrived at this step and moves on to the next (deliver() without running).
    void advance();
    /// Each piece of arrivals() is one source's synapses (one delay for all).
    bool pieces_are_sources() const { return uniform_; }
    /// Synapses of `source`, as positions [begin, end) of the synapses sorted by source.
    size_t begin(uint32_t source) const { return offsets_[source]; }
    size_t end(uint32_t source) const { return offsets_[source + 1]; }
    /// The synapse at `position` of the synapses sorted by source (stable).
    int64_t synapse(size_t position) const { return in_order_ ? static_cast<int64_t>(position) : ids_[position]; }
    /// Number of sources (the source root group's size).
    uint32_t sources() const { return offsets_.empty() ? 0 : static_cast<uint32_t>(offsets_.size() - 1); }

    /// The spikes in transit, for store/restore.
    struct InTransit {
        std::vector<std::vector<int64_t>> slots;
        size_t now = 0;
    };
    InTransit in_transit() const { return {slots_, now_}; }
    void set_in_transit(const InTransit& state);

private:
    /// Calls run(elements, begin, end) for each piece arriving at this step.
    template <typename F>
    void for_each_arrival(F&& run) const;

    std::vector<size_t> offsets_;   ///< source → first position in ids_
    std::vector<int64_t> ids_;      ///< synapse indices sorted by source (stable); empty when in order
    std::vector<uint32_t> delays_;  ///< delay of ids_[k], when not uniform
    bool uniform_ = true;           ///< one delay for all: slots hold source neurons
    bool in_order_ = true;          ///< sorted by source, synapses are 0, 1, 2, ...: no index list
    uint32_t delay_ = 0;            ///< the uniform delay
    std::vector<std::vector<int64_t>> slots_;  ///< ring over the next max-delay + 1 steps
    size_t now_ = 0;
};

}  // namespace nj::rt
