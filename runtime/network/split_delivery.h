// One step's spike deliveries of a pathway shared out over threads by the element each synapse
// writes (KernelCall::split_target).
//
// Requires: build() after the pathway's queue is built.
// Ensures:  deliver() runs every arriving synapse exactly once: each thread takes the synapses
//           whose target (by[s]) lies in its range and runs them in the serial order, so a target
//           receives its updates in the same order as with one thread, and the results are
//           identical for any number of threads.
// Example:  2 threads, this step's synapses reach post elements 0..99 evenly: thread 0 delivers
//           the synapses onto 0..49 of every spiking source, thread 1 those onto 50..99 (the
//           split point is the median of a sample of the step's targets).
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

    /// Prepares for `threads` threads; `by[s]`: the element synapse s writes (for a kernel that
    /// writes only its own synapse, the neuron at its other end: any split is then correct, and
    /// this one gives each thread its own stretch of synapses where they are numbered by either
    /// end). A kernel that `writes_synapses` (its own synapse's variables) is shared out only
    /// where each source's synapses are sorted by `by`: a thread's part of a source is then one
    /// contiguous run, and the threads do not write to the same cache lines.
    void build(const PathwayQueue& queue, int threads, const std::vector<double>& by, bool writes_synapses);
    /// Whether deliver() can share the work.
    bool ready() const { return threads_ > 1; }
    /// Whether `arrivals` hold enough work to share out (see min_synapses, min_per_source).
    bool worth_sharing(const std::vector<PathwayQueue::Arrival>& arrivals) const;
    /// Runs `run` (as PathwayQueue::deliver does) on each thread's part of `arrivals`.
    void deliver(const std::vector<PathwayQueue::Arrival>& arrivals, const double* by, const Run& run);

    /// Fewer arriving synapses than this are delivered on one thread: waking the other thread
    /// for a parallel region can cost more than the work. On the lateral line, whose steps deliver
    /// a few thousand synapses at a time, sharing them made two threads slower than one.
    static constexpr size_t min_synapses = 8192;
    /// Nor are sources with fewer synapses than this on average, when each thread runs a part of
    /// every source: the calls would cost more than the work.
    static constexpr size_t min_per_source = 32;
    /// How many deliver() calls shared their work out.
    uint64_t shared() const { return shared_; }

private:
    int threads_ = 1;
    /// Each arrival is one source's synapses with non-decreasing by[]: a thread's part of it is
    /// one contiguous run, found by bisection.
    bool sorted_ = false;
    uint64_t shared_ = 0;
    std::vector<double> bounds_;               ///< thread t: targets in [bounds_[t], bounds_[t + 1])
    std::vector<std::vector<int64_t>> lists_;  ///< per thread: its synapses of an unsorted arrival
    std::vector<double> sample_;               ///< scratch of balance()
    /// Sets the inner bounds at the quantiles of a sample of the targets in `arrivals`.
    void balance(const std::vector<PathwayQueue::Arrival>& arrivals, size_t total, const double* by);
    /// Thread t's part of `arrivals`.
    void run_part(int t, const std::vector<PathwayQueue::Arrival>& arrivals, const double* by, const Run& run);
};

}  // namespace nj::rt
