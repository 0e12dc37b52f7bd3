// One step: Poisson sources and state updates, thresholds, spike lists, resets, finiteness.
#include "runtime/network/network.h"

#include <cmath>

namespace nj::rt {

Network::Network(NetworkPlan plan, uint64_t seed, int threads)
    : plan_(std::move(plan)), seed_(seed), threads_(threads) {}

void Network::initialise() {
    arrays_.clear();
    for (const auto& a : plan_.arrays) arrays_.emplace_back(a.size, a.initial);
    for (const auto& g : plan_.groups) {
        if (g.init.valid()) call(g.init);
    }
}

void Network::call(const KernelCall& c) { call_range(c, c.begin, c.end); }

void Network::call_range(const KernelCall& c, size_t begin, size_t end) {
    if (!c.fn || begin >= end) return;
    bound_.clear();
    for (int id : c.arrays) bound_.push_back(arrays_[static_cast<size_t>(id)].data());
    KernelArgs args{bound_.data(),
                    plan_.params.data(),
                    time(),
                    plan_.dt,
                    step_,
                    seed_,
                    static_cast<int64_t>(begin),
                    static_cast<int64_t>(end)};
    size_t n = end - begin;
    if (threads_ <= 1 || n < parallel_threshold) {
        c.fn(&args);
        return;
    }
    // Kernels write only their own element and draw random numbers keyed by element index,
    // so splitting the range gives the same result for any number of threads.
    int chunks = threads_;
#pragma omp parallel for num_threads(threads_) schedule(static)
    for (int k = 0; k < chunks; ++k) {
        KernelArgs part = args;
        part.begin = static_cast<int64_t>(begin + n * static_cast<size_t>(k) / static_cast<size_t>(chunks));
        part.end = static_cast<int64_t>(begin + n * static_cast<size_t>(k + 1) / static_cast<size_t>(chunks));
        c.fn(&part);
    }
}

void Network::collect_spikes(size_t group, std::vector<uint32_t>& out) {
    const GroupPlan& g = plan_.groups[group];
    out.clear();
    if (g.spiked < 0 || g.parent >= 0) return;
    const std::vector<double>& flags = arrays_[static_cast<size_t>(g.spiked)];
    std::vector<double>* last = g.lastspike >= 0 ? &arrays_[static_cast<size_t>(g.lastspike)] : nullptr;
    for (size_t i = 0; i < flags.size(); ++i) {
        if (flags[i] == 0.0) continue;
        out.push_back(static_cast<uint32_t>(i));
        if (last) (*last)[i] = time();
    }
    spike_count_ += out.size();
}

std::optional<NonFinite> Network::find_non_finite() const {
    for (const auto& g : plan_.groups) {
        if (g.parent >= 0) continue;
        for (const auto& [name, id] : g.variables) {
            const std::vector<double>& values = arrays_[static_cast<size_t>(id)];
            for (size_t i = 0; i < values.size(); ++i) {
                if (!std::isfinite(values[i])) return NonFinite{g.name, name, i, time()};
            }
        }
    }
    return std::nullopt;
}

std::optional<NonFinite> Network::run(uint64_t steps, const std::atomic<bool>& stop,
                                      const StepHooks& hooks) {
    std::vector<std::vector<uint32_t>> spikes(plan_.groups.size());
    for (uint64_t n = 0; n < steps && !stop.load(std::memory_order_relaxed); ++n) {
        if (hooks.before) hooks.before(step_);
        // Brian2's order: state updates, thresholds (spike lists), resets; then time advances.
        for (const auto& g : plan_.groups) {
            if (g.update.valid()) call(g.update);
        }
        for (size_t k = 0; k < plan_.groups.size(); ++k) {
            const GroupPlan& g = plan_.groups[k];
            if (g.threshold.valid()) call(g.threshold);
            collect_spikes(k, spikes[k]);
        }
        for (size_t k = 0; k < plan_.groups.size(); ++k) {
            const GroupPlan& g = plan_.groups[k];
            if (g.reset.valid() && !spikes[k].empty()) call(g.reset);
        }
        if (auto bad = find_non_finite()) return bad;
        if (hooks.after) hooks.after(step_, spikes);
        ++step_;
    }
    return std::nullopt;
}

Network::Snapshot Network::snapshot() const { return Snapshot{arrays_, step_}; }

void Network::restore(const Snapshot& snapshot) {
    // Parameters are the protocol's (set, loop variables) and are not part of the state,
    // as in Brian2, where restore brings back the network but not the script's variables.
    arrays_ = snapshot.arrays;
    step_ = snapshot.step;
}

}  // namespace nj::rt
