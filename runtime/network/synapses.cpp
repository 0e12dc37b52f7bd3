// The synapses part of a network: making connections, summed variables and spike delivery.
#include "runtime/network/dependency_order.h"
#include "runtime/network/kernel_profile.h"
#include "runtime/network/network.h"
#include "runtime/synapses/connect.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>

namespace nj::rt {

namespace {

/// Connect rules draw from their own streams, apart from the kernels' (which count from 0).
constexpr uint32_t connect_stream_base = 0x80000000u;

/// The pair table S.var[a, b] reads: table[a * n_post + b] = the first synapse made from pre a
/// to post b (group-relative), -1 where there is none.
void fill_pair_index(std::vector<double>& table, const Connections& made, size_t n_post) {
    std::fill(table.begin(), table.end(), -1.0);
    for (size_t s = made.pre.size(); s-- > 0;) table[made.pre[s] * n_post + made.post[s]] = static_cast<double>(s);
}

}  // namespace

void Network::build_synapses(size_t k) {
    SynapsesPlan& syn = plan_.synapses[k];
    const GroupPlan& pre = plan_.groups[static_cast<size_t>(syn.pre_group)];
    const GroupPlan& post = plan_.groups[static_cast<size_t>(syn.post_group)];
    ConnectShape shape{pre.size, post.size, plan_.root_group(syn.pre_group) == plan_.root_group(syn.post_group) && pre.offset == post.offset};
    const ConnectPlan& rule = syn.connect;
    // The line is the kernels' step while connecting, so their random numbers differ per line.
    uint64_t now = step_, drawn = draw_step_;
    auto select_line = [&](size_t line) {
        if (rule.line_param >= 0) plan_.params[static_cast<size_t>(rule.line_param)] = static_cast<double>(line);
        step_ = line;
        draw_step_ = line;
    };
    RowFunction row = [&](size_t line, const double** counts) -> const double* {
        select_line(line);
        if (counts && rule.count_array >= 0) *counts = arrays_[static_cast<size_t>(rule.count_array)].data();
        if (rule.uniform) call_range(rule.row, 0, 1);
        else call(rule.row);
        return arrays_[static_cast<size_t>(rule.row_array)].data();
    };
    GenerateFunction generate = [&](size_t line) {
        select_line(line);
        call(rule.bounds);
        const std::vector<double>& b = arrays_[static_cast<size_t>(rule.bounds_array)];
        double start = b[0], stop = b[1], stride = b[2];
        if (!(stride != 0) || !std::isfinite(start) || !std::isfinite(stop) || !std::isfinite(stride)) {
            throw ConnectError("the range of neuron " + std::to_string(line) + " in the connect rule of '" + syn.name +
                               "' is not finite, or its step is 0");
        }
        double count = std::max(0.0, std::ceil((stop - start) / stride));
        std::vector<double>& partners = arrays_[static_cast<size_t>(rule.row_array)];
        partners.assign(static_cast<size_t>(count), 0.0);
        call_range(rule.row, 0, partners.size());
        return GeneratedLine{partners.data(), partners.size(), b[3]};
    };
    BlockFunction blocks = [&]() -> const double* {
        call(rule.blocks);
        return arrays_[static_cast<size_t>(rule.block_array)].data();
    };
    Connections made = make_connections(rule, shape, ConnectSeed{seed_, connect_stream_base + static_cast<uint32_t>(k)},
                                        row, generate, blocks, threads_);
    step_ = now;
    draw_step_ = drawn;

    size_t n = made.pre.size();
    synapse_counts_[k] = n;
    if (syn.count_param >= 0) plan_.params[static_cast<size_t>(syn.count_param)] = static_cast<double>(n);
    all_pairs_.resize(plan_.synapses.size(), 0);
    for (size_t a = 0; a < plan_.arrays.size(); ++a) {
        if (plan_.arrays[a].synapses != static_cast<int>(k)) continue;
        size_array(a, n, plan_.arrays[a].initial);
        // a matrix read loads var[max(k, 0)] before choosing 0 for an absent pair, so the
        // arrays keep room for one value even without synapses
        if (syn.pair_index >= 0) {
            arrays_[a].reserve(1);
            singles_[a].reserve(1);
        }
    }
    if (syn.pair_index >= 0) fill_pair_index(arrays_[static_cast<size_t>(syn.pair_index)], made, post.size);
    std::vector<double>& pre_index = arrays_[static_cast<size_t>(syn.pre_index)];
    std::vector<double>& post_index = arrays_[static_cast<size_t>(syn.post_index)];
    std::vector<double>& incoming = arrays_[static_cast<size_t>(syn.incoming)];
    std::vector<double>& outgoing = arrays_[static_cast<size_t>(syn.outgoing)];
    for (size_t s = 0; s < n; ++s) {
        pre_index[s] = static_cast<double>(pre.offset + made.pre[s]);
        post_index[s] = static_cast<double>(post.offset + made.post[s]);
        outgoing[pre.offset + made.pre[s]] += 1;
        incoming[post.offset + made.post[s]] += 1;
    }
    bool all_pairs = n == pre.size * post.size;
    for (size_t s = 0; all_pairs && s < n; ++s) {
        all_pairs = made.pre[s] == s / post.size && made.post[s] == s % post.size;
    }
    all_pairs_[k] = all_pairs;
    // kernels over the synapses run on [0, n)
    for (KernelCall* c : {&syn.init, &syn.delays, &syn.update}) c->end = n;
    for (auto& m : syn.summed) m.add.end = n;
    if (syn.init.valid()) call(syn.init);
    if (rule.weight_array >= 0 && made.values.size() == n) {
        std::copy(made.values.begin(), made.values.end(), arrays_[static_cast<size_t>(rule.weight_array)].begin());
    }
    if (syn.delays.valid()) call(syn.delays);

    for (const auto& p : syn.pathways) {
        std::vector<uint32_t> steps;
        if (p.extra_steps > 0 && p.delay_array < 0) steps.assign(n, p.extra_steps);
        if (p.delay_array >= 0) {
            const std::vector<double>& delay = arrays_[static_cast<size_t>(p.delay_array)];
            steps.resize(n);
            for (size_t s = 0; s < n; ++s) {
                if (!(delay[s] >= 0) || !std::isfinite(delay[s])) {
                    throw ConnectError("synapse " + std::to_string(s) + " of '" + syn.name + "' has delay " +
                                       std::to_string(delay[s]) + " s; delays must be finite and >= 0");
                }
                // a spike at step n arrives at step n + round(d / dt)
                steps[s] = static_cast<uint32_t>(std::llround(delay[s] / plan_.dt)) + p.extra_steps;
            }
        }
        const std::vector<double>& sources = p.from_pre ? pre_index : post_index;
        queues_[k].emplace_back();
        queues_[k].back().build(sources, plan_.groups[plan_.root_group(p.from_pre ? syn.pre_group : syn.post_group)].size, steps);
        // a kernel that writes only its own synapse goes by the neuron at the synapse's other end
        int by = p.kernel.split_target >= 0 ? p.kernel.split_target
                 : p.kernel.split_target == -1 ? (p.from_pre ? syn.post_index : syn.pre_index) : -1;
        if (by >= 0 && plan_.arrays[static_cast<size_t>(by)].single) by = -1;
        bool writes_synapses = p.kernel.stores.size() > p.kernel.stores_elsewhere.size();
        split_by_[k].push_back(by);
        splits_[k].emplace_back();
        if (by >= 0) splits_[k].back().build(queues_[k].back(), threads_, arrays_[static_cast<size_t>(by)], writes_synapses);
    }
}

std::vector<std::pair<size_t, size_t>> summed_dependency_order(const NetworkPlan& plan) {
    struct Sum {
        std::pair<size_t, size_t> id;
        int target;
        std::vector<int> reads;
    };
    std::vector<Sum> sums;
    for (size_t k = 0; k < plan.synapses.size(); ++k) {
        for (size_t m = 0; m < plan.synapses[k].summed.size(); ++m) {
            const SummedPlan& s = plan.synapses[k].summed[m];
            int target = s.clear.arrays.empty() ? -1 : s.clear.arrays.front();  // what it clears and adds to
            std::vector<int> reads = s.add.arrays;
            reads.insert(reads.end(), s.factor.arrays.begin(), s.factor.arrays.end());
            std::erase(reads, target);
            sums.push_back({{k, m}, target, std::move(reads)});
        }
    }
    // a sum that reads another's target waits for every sum into that target (declaration order
    // otherwise; a cycle keeps the declaration order for the sums on it)
    auto waits_for = [&](size_t a, size_t b) {
        return std::find(sums[a].reads.begin(), sums[a].reads.end(), sums[b].target) != sums[a].reads.end();
    };
    std::vector<std::pair<size_t, size_t>> order;
    for (size_t a : dependency_order(sums.size(), waits_for)) order.push_back(sums[a].id);
    return order;
}

std::vector<size_t> synapse_update_order(const NetworkPlan& plan) {
    const auto& synapses = plan.synapses;
    // object a reads a variable that object b's update writes: a goes first and sees it as it
    // was at the start of the step, as it sees the groups' variables
    auto waits_for = [&](size_t writes, size_t reads) {
        const KernelCall& writer = synapses[writes].update;
        const KernelCall& reader = synapses[reads].update;
        if (!reader.valid() || !writer.valid()) return false;
        for (int id : writer.stores) {
            if (std::find(reader.arrays.begin(), reader.arrays.end(), id) != reader.arrays.end()) return true;
        }
        return false;
    };
    return dependency_order(synapses.size(), waits_for);
}

void Network::add_sum(size_t k, size_t index) {
    const SynapsesPlan& syn = plan_.synapses[k];
    const SummedPlan& m = syn.summed[index];
    // a target is cleared once per step, by the first sum into it: several synapses objects may
    // add to it, in the Summed slot or in their own steps
    if (!m.clear.arrays.empty()) {
        auto target = static_cast<size_t>(m.clear.arrays.front());
        if (summed_cleared_.size() < arrays_.size()) summed_cleared_.resize(arrays_.size(), 0);
        if (summed_cleared_[target] != summed_epoch_) {
            call(m.clear);
            summed_cleared_[target] = summed_epoch_;
        }
    }
    if (all_pairs_[k] && m.factor.valid()) add_matrix_product(syn, m);
    else call(m.add);
}

void Network::update_summed(bool all) {
    if (summed_order_.empty()) summed_order_ = summed_dependency_order(plan_);
    for (auto [k, index] : summed_order_) {
        if (all || !own_step_synapses_[k]) add_sum(k, index);
    }
}

void Network::add_summed(size_t k) {
    if (summed_order_.empty()) summed_order_ = summed_dependency_order(plan_);
    for (auto [object, index] : summed_order_) {
        if (object == k) add_sum(k, index);
    }
}

void Network::add_matrix_product(const SynapsesPlan& syn, const SummedPlan& summed) {
    call(summed.factor);
    const GroupPlan& pre = plan_.groups[static_cast<size_t>(syn.pre_group)];
    const GroupPlan& post = plan_.groups[static_cast<size_t>(syn.post_group)];
    auto rows = static_cast<Eigen::Index>(pre.size), cols = static_cast<Eigen::Index>(post.size);
    // synapse s = pre * N_post + post: the weights are a row-major N_pre x N_post matrix
    Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> w(
        arrays_[static_cast<size_t>(summed.weight_array)].data(), rows, cols);
    Eigen::Map<const Eigen::VectorXd> f(arrays_[static_cast<size_t>(summed.factor_array)].data() + pre.offset, rows);
    if (taping_) {
        TapeEntry entry;
        entry.kind = TapeEntry::Kind::MatrixProduct;
        entry.weights = summed.weight_array;
        entry.factor = summed.factor_array;
        entry.target = summed.target_array;
        entry.pre_offset = pre.offset;
        entry.pre_size = pre.size;
        entry.post_offset = post.offset;
        entry.post_size = post.size;
        entry.saved.push_back(
            TapeEntry::Saved::whole(summed.target_array, arrays_[static_cast<size_t>(summed.target_array)]));
        tape_->add(std::move(entry));
    }
    Eigen::Map<Eigen::VectorXd> target(arrays_[static_cast<size_t>(summed.target_array)].data() + post.offset, cols);
    target.noalias() += w.transpose() * f;
}

uint64_t Network::shared_deliveries() const {
    uint64_t n = 0;
    for (const auto& object : splits_) {
        for (const auto& split : object) n += split.shared();
    }
    return n;
}

namespace {

/// Runs a pathway's kernel on a list of synapses (`elements`) or its range kernel on [begin, end).
void call_pathway(const PathwayPlan& path, KernelArgs args, const int64_t* elements, size_t begin, size_t end) {
    args.elements = elements;
    args.begin = static_cast<int64_t>(begin);
    args.end = static_cast<int64_t>(end);
    (elements ? path.kernel : path.ranges).fn(&args);
}

}  // namespace

void Network::propagate(size_t k, const std::vector<std::vector<uint32_t>>& spikes) {
    const SynapsesPlan& syn = plan_.synapses[k];
    for (size_t p = 0; p < syn.pathways.size(); ++p) {
        const PathwayPlan& path = syn.pathways[p];
        PathwayQueue& queue = queues_[k][p];
        const std::vector<uint32_t>& sources = spikes[plan_.root_group(path.from_pre ? syn.pre_group : syn.post_group)];
        queue.push(sources);
        // both kernels bind the same arrays in the same slots
        KernelArgs args = bind(path.kernel);
        if (!splits_[k][p].ready() || taping_) {
            queue.deliver([&](const int64_t* elements, size_t begin, size_t end) {
                run_pathway(path, args, elements, begin, end);
            });
        } else {
            deliver_split(k, p, args);
        }
        // every synapse of a spike reads the traces kept per neuron before the spike changes them
        call_each(path.source_traces, sources);
    }
    for (const KernelCall& decay : syn.trace_steps) call(decay);
}

void Network::run_pathway(const PathwayPlan& path, KernelArgs args, const int64_t* elements, size_t begin, size_t end) {
    const KernelCall& call = elements ? path.kernel : path.ranges;
    ProfileScope timed(profile_, call);
    if (taping_) record_call(call, begin, end, elements);
    call_pathway(path, args, elements, begin, end);
}

void Network::deliver_split(size_t k, size_t p, const KernelArgs& args) {
    const PathwayPlan& path = plan_.synapses[k].pathways[p];
    SplitDelivery& split = splits_[k][p];
    PathwayQueue& queue = queues_[k][p];
    queue.arrivals(arrivals_);
    if (split.worth_sharing(arrivals_)) {
        const double* by = arrays_[static_cast<size_t>(split_by_[k][p])].data();
        ProfileScope timed(profile_, path.kernel);
        split.deliver(arrivals_, by, [&](const int64_t* elements, size_t begin, size_t end) {
            call_pathway(path, args, elements, begin, end);
        });
    } else {
        for (const auto& a : arrivals_) run_pathway(path, args, a.elements, a.begin, a.end);
    }
    queue.advance();
}

}  // namespace nj::rt
