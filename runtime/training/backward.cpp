// The reverse sweep over a tape (see backward.h).
#include "runtime/training/backward.h"

#include "runtime/network/split_call.h"

#include <algorithm>
#include <stdexcept>

namespace nj::rt {

std::vector<double>& Adjoints::of(int id, size_t size) {
    auto k = static_cast<size_t>(id);
    if (arrays.size() <= k) arrays.resize(k + 1);
    if (arrays[k].size() < size) arrays[k].resize(size, 0.0);
    return arrays[k];
}

void run_adjoint(Network& network, const AdjointPlan& plan, const std::vector<int>& forward_arrays,
                 size_t begin, size_t end, double t, double dt, uint64_t step, Adjoints& adjoints,
                 const std::vector<int64_t>* elements) {
    std::vector<double*> bound(plan.slot_count, nullptr);
    for (size_t s = 0; s < forward_arrays.size(); ++s) {
        std::vector<double>& values = network.array(forward_arrays[s]);
        bound[s] = values.data();
        int a = s < plan.adjoint_slots.size() ? plan.adjoint_slots[s] : -1;
        if (a >= 0) bound[static_cast<size_t>(a)] = adjoints.of(forward_arrays[s], values.size()).data();
    }
    // per-element accumulators, summed once the kernel has run: the kernel itself stays race-free
    // (an indexed kernel's element i is a listed element: the accumulators cover the largest)
    size_t span = end;
    if (elements) {
        span = 0;
        for (size_t k = begin; k < end; ++k) span = std::max(span, static_cast<size_t>((*elements)[k]) + 1);
    }
    std::vector<std::vector<double>> accumulators(plan.gradient_slots.size(), std::vector<double>(span, 0.0));
    for (size_t k = 0; k < plan.gradient_slots.size(); ++k) {
        bound[static_cast<size_t>(plan.gradient_slots[k])] = accumulators[k].data();
    }
    KernelArgs args{bound.data(), network.params().data(), t, dt, step, network.seed(),
                    static_cast<int64_t>(begin), static_cast<int64_t>(end)};
    if (elements) args.elements = elements->data();
    size_t n = end - begin;
    int threads = network.threads();
    if (plan.serial || elements || threads <= 1 || n < Network::parallel_threshold) {
        plan.fn(&args);
    } else {
        // as a forward call: each element writes only its own adjoints and accumulators, so the
        // split changes nothing (the accumulators are summed in element order below)
        run_split(plan.fn, args, threads);
    }
    for (size_t k = 0; k < plan.gradient_slots.size(); ++k) {
        double sum = 0.0;
        for (size_t i = elements ? 0 : begin; i < span; ++i) sum += accumulators[k][i];
        adjoints.parameters[plan.gradient_params[k]] += sum;
    }
}

namespace {

/// dL/dW and dL/df of target[post] += sum over pre of W[pre, post] f[pre].
void matrix_product_adjoint(Network& network, const TapeEntry& e, Adjoints& adjoints) {
    const std::vector<double>& w = network.array(e.weights);
    const std::vector<double>& f = network.array(e.factor);
    std::vector<double>& adj_w = adjoints.of(e.weights, w.size());
    std::vector<double>& adj_f = adjoints.of(e.factor, f.size());
    const std::vector<double>& adj_target = adjoints.of(e.target, network.array(e.target).size());
    for (size_t a = 0; a < e.pre_size; ++a) {
        double sum = 0.0;
        double fa = f[e.pre_offset + a];
        for (size_t b = 0; b < e.post_size; ++b) {
            double g = adj_target[e.post_offset + b];
            sum += w[a * e.post_size + b] * g;
            adj_w[a * e.post_size + b] += fa * g;
        }
        adj_f[e.pre_offset + a] += sum;
    }
}

}  // namespace

void run_backward(Network& network, CallTape& tape, const std::map<std::string, AdjointPlan>& adjoint_plans,
                  Adjoints& adjoints) {
    std::vector<TapeEntry>& entries = tape.entries();
    for (size_t n = entries.size(); n-- > 0;) {
        TapeEntry& e = entries[n];
        for (auto& s : e.saved) {  // the state before the entry
            std::vector<double>& array = network.array(s.array);
            if (!s.at.empty()) {
                for (size_t k = s.values.size(); k-- > 0;) array[static_cast<size_t>(s.at[k])] = s.values[k];
            } else if (s.at_listed) {
                for (size_t k = 0; k < s.values.size(); ++k) array[static_cast<size_t>(e.elements_list[k])] = s.values[k];
            } else if (s.offset == 0 && s.values.size() == array.size()) {
                array.swap(s.values);
            } else {
                std::copy(s.values.begin(), s.values.end(), array.begin() + static_cast<long>(s.offset));
            }
        }
        switch (e.kind) {
        case TapeEntry::Kind::Overwrite:
            for (const auto& s : e.saved) {
                std::vector<double>& adj = adjoints.of(s.array, network.array(s.array).size());
                for (uint32_t i : e.elements) adj[i] = 0.0;
            }
            break;
        case TapeEntry::Kind::MatrixProduct: matrix_product_adjoint(network, e, adjoints); break;
        case TapeEntry::Kind::Call: {
            auto plan = adjoint_plans.find(e.call->kernel);
            if (plan == adjoint_plans.end() || !plan->second.fn) {
                std::string why = plan == adjoint_plans.end() ? "it was not differentiated" : plan->second.error;
                throw std::runtime_error("kernel '" + e.call->kernel + "' has no adjoint: " + why);
            }
            run_adjoint(network, plan->second, e.call->arrays, e.begin, e.end, e.t, e.dt, e.step, adjoints,
                        e.elements_list.empty() ? nullptr : &e.elements_list);
            break;
        }
        }
        e.saved.clear();
    }
    tape.clear();
}

}  // namespace nj::rt
