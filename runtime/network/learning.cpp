// The Learning slot of a step: learning operators (RLS) that update a projection's weights from
// a pre variable, a post target and the current weights.
#include "runtime/network/network.h"
#include "runtime/synapses/connect.h"

#include <cmath>
#include <cstdio>

namespace nj::rt {

void Network::build_learners() {
    learners_.clear();
    for (const LearningPlan& l : plan_.learning) {
        const SynapsesPlan& syn = plan_.synapses[static_cast<size_t>(l.synapses)];
        const GroupPlan& post = plan_.groups[static_cast<size_t>(syn.post_group)];
        size_t n = synapse_counts_[static_cast<size_t>(l.synapses)];
        const std::vector<double>& pre_index = arrays_[static_cast<size_t>(syn.pre_index)];
        const std::vector<double>& post_index = arrays_[static_cast<size_t>(syn.post_index)];
        // incoming lists relative to the post group; pre elements index the pre root's arrays
        std::vector<std::vector<uint32_t>> incoming(post.size);
        std::vector<uint32_t> pre_of(n);
        for (size_t s = 0; s < n; ++s) {
            incoming[static_cast<size_t>(post_index[s]) - post.offset].push_back(static_cast<uint32_t>(s));
            pre_of[s] = static_cast<uint32_t>(pre_index[s]);
        }
        double alpha = 1.0;
        if (l.alpha.valid()) {
            call(l.alpha);
            alpha = arrays_[static_cast<size_t>(l.alpha_scratch)][0];
        }
        if (!(alpha > 0) || !std::isfinite(alpha)) {
            char value[32];
            std::snprintf(value, sizeof value, "%g", alpha);
            throw ConnectError("the learning operator '" + l.name + "' needs alpha > 0, not " + value);
        }
        learners_.emplace_back(std::move(incoming), std::move(pre_of), alpha);
    }
}

void Network::run_learning() {
    for (size_t k = 0; k < learners_.size(); ++k) {
        const LearningPlan& l = plan_.learning[k];
        if (step_ % l.every_steps != 0) continue;
        if (l.active.valid()) {
            call(l.active);
            if (arrays_[static_cast<size_t>(l.active_scratch)][0] == 0.0) continue;
        }
        for (const KernelCall& c : l.prepare) call(c);
        const SynapsesPlan& syn = plan_.synapses[static_cast<size_t>(l.synapses)];
        size_t offset = plan_.groups[static_cast<size_t>(syn.post_group)].offset;
        double* error = l.error_array >= 0 ? arrays_[static_cast<size_t>(l.error_array)].data() + offset : nullptr;
        learners_[k].update(arrays_[static_cast<size_t>(l.input_array)].data(),
                            arrays_[static_cast<size_t>(l.target_array)].data() + offset,
                            arrays_[static_cast<size_t>(l.weight_array)].data(), error, threads_);
    }
}

}  // namespace nj::rt
