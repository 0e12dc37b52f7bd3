// Spikes of a Poisson group whose rate is one value for all its elements, drawn per step as a
// count and a subset instead of one Bernoulli draw per element.
//
// Each element spiking independently with probability p is the same process as: the number
// that spike is Binomial(N, p), and given that number every subset of that size is equally
// likely. So a step costs a binomial draw plus one draw per spike (Floyd's algorithm), not N
// draws: a thousand inputs at 15 Hz and dt = 0.1 ms make 1.5 spikes a step. The draws are keyed
// by (seed, group, step) like every other random number, so thread counts do not change them.
#include "runtime/network/network.h"

#include "runtime/rng/counter_rng.h"

#include <algorithm>

namespace nj::rt {

namespace {

/// Streams of these draws, apart from the kernels' (which count from 0) and the connect rules'.
constexpr uint32_t poisson_stream_base = 0x40000000u;

}  // namespace

void Network::draw_poisson_spikes(size_t k, std::vector<uint32_t>& out) {
    const GroupPlan& g = plan_.groups[k];
    call(g.spike_probability);
    double p = arrays_[static_cast<size_t>(g.spike_probability_array)][0];
    std::vector<double>& flags = arrays_[static_cast<size_t>(g.spiked)];
    // the flags are also the chosen set of Floyd's algorithm: clear the last step's first
    if (poisson_flags_.size() != plan_.groups.size()) {
        poisson_flags_.resize(plan_.groups.size());
        poisson_flags_known_.assign(plan_.groups.size(), 0);
    }
    std::vector<uint32_t>& set_before = poisson_flags_[k];
    if (poisson_flags_known_[k]) {
        for (uint32_t i : set_before) flags[i] = 0.0;
    } else {
        std::fill(flags.begin(), flags.end(), 0.0);
        poisson_flags_known_[k] = 1;
    }
    const RngKey key{seed_, poisson_stream_base + static_cast<uint32_t>(k)};
    const uint64_t n = g.size;
    const uint64_t count = p > 0.0 ? binomial(n, p, key, draw_step_, 0, 0) : 0;
    out.clear();
    // Floyd: for j = n - count .. n - 1 pick t uniform in [0, j]; take t, or j when t is taken
    for (uint64_t j = n - count; j < n; ++j) {
        double u = uniform01(key, draw_step_, static_cast<uint32_t>(j), 1);
        auto t = std::min(static_cast<uint64_t>(u * static_cast<double>(j + 1)), j);
        auto chosen = static_cast<uint32_t>(flags[t] != 0.0 ? j : t);
        flags[chosen] = 1.0;
        out.push_back(chosen);
    }
    std::sort(out.begin(), out.end());
    set_before = out;
    note_spikes(g, out);
}

}  // namespace nj::rt
