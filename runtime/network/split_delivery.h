// One step's spike deliveries of a pathway shared out over threads by the element each synapse
// writes (KernelCall::split_target).
//
// Requires: build() after the pathway's queue is built; `by[s]` is the element synapse s writes.
// Ensures:  deliver() runs every arriving synapse exactly once, on the thread whose range of
//           elements holds by[s], and each thread runs its synapses in the serial order; so an
//           element receives its updates in the same order as with one thread, and the results
//           are identical for any number of threads.
// Example:  2 threads, post elements 0..99: thread 0 delivers the synapses onto 0..49 of every
//           spiking source, thread 1 those onto 50..99.
#pragma once

#include "runtime/synapses/pathway_queue.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace nj::rt {

class SplitDelivery {
public:
    using Run = std::function<void(const int64_t* elements, size_t begin, size_t end)>;

    /// Prepares `threads` ranges of equal width over the values of `by` (one per synapse).
    void build(const std::vector<double>& by, const PathwayQueue& queue, int threads);
    /// Whether deliver() can share the work (built for more than one thread).
    bool ready() const { return threads_ > 1; }
    /// Runs `run` (as PathwayQueue::deliver does) on each thread's part of `arrivals`; returns
    /// false, having run nothing, when they hold too few synapses to be worth sharing.
    bool deliver(const std::vector<PathwayQueue::Arrival>& arrivals, const double* by, const Run& run);

    /// Fewer arriving synapses than this are delivered on one thread.
    static constexpr size_t min_synapses = 2048;
    /// How many deliver() calls shared their work out.
    uint64_t shared() const { return shared_; }

private:
    int threads_ = 1;
    uint64_t shared_ = 0;
    /// Each arrival is one source's synapses with non-decreasing by[]: a thread's part of it is
    /// one contiguous run, found by bisection.
    bool sorted_ = false;
    std::vector<double> bounds_;               ///< thread t: elements in [bounds_[t], bounds_[t + 1])
    std::vector<std::vector<int64_t>> lists_;  ///< per thread: its synapses of an unsorted arrival
};

}  // namespace nj::rt
