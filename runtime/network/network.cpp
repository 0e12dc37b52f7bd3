// One step: Poisson sources and state updates, thresholds, spike lists, resets, finiteness.
#include "runtime/network/network.h"

#include "runtime/memory/huge_pages.h"
#include "runtime/network/find_spikes.h"
#include "runtime/network/kernel_profile.h"
#include "runtime/network/split_call.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>

namespace nj::rt {

namespace {

// The scans below test a block of elements with a branch-free loop over the values' bits, which
// the compiler vectorises, and search a block element by element only when it holds something.

/// Index of the first value in x[0, n) that is NaN or infinite; n when there is none.
size_t first_non_finite(const double* x, size_t n) {
    constexpr size_t block = 1024;
    for (size_t b = 0; b < n; b += block) {
        size_t e = std::min(n, b + block);
        // x - x is +0 (all bits clear) for a finite x and NaN otherwise
        uint64_t bad = 0;
        for (size_t i = b; i < e; ++i) bad |= std::bit_cast<uint64_t>(x[i] - x[i]);
        if (bad == 0) continue;
        for (size_t i = b; i < e; ++i) {
            if (!std::isfinite(x[i])) return i;
        }
    }
    return n;
}

/// The same for floats (arrays stored in single precision).
size_t first_non_finite(const float* x, size_t n) {
    for (size_t i = 0; i < n; ++i) {
        if (!std::isfinite(x[i])) return i;
    }
    return n;
}

}  // namespace

Network::Network(NetworkPlan plan, uint64_t seed, int threads)
    : plan_(std::move(plan)), seed_(seed), threads_(threads) {
    separate_synapse_updates_ = std::find(plan_.schedule.begin(), plan_.schedule.end(), StepSlot::SynapseUpdates) !=
                                plan_.schedule.end();
    own_step_group_.assign(plan_.groups.size(), 0);
    own_step_synapses_.assign(plan_.synapses.size(), 0);
    for (const auto& entry : plan_.schedule) {
        if (entry.slot == StepSlot::GroupStep) own_step_group_[static_cast<size_t>(entry.object)] = 1;
        if (entry.slot == StepSlot::SynapsesStep) own_step_synapses_[static_cast<size_t>(entry.object)] = 1;
    }
}

void Network::initialise() {
    arrays_.assign(plan_.arrays.size(), {});
    singles_.assign(plan_.arrays.size(), {});
    for (size_t id = 0; id < plan_.arrays.size(); ++id) {
        const ArrayPlan& a = plan_.arrays[id];
        size_array(id, a.size, a.initial);
        if (a.values.empty()) continue;
        // fixed contents (tables), before init
        if (a.single) singles_[id].assign(a.values.begin(), a.values.end());
        else arrays_[id] = a.values;
    }
    for (const auto& g : plan_.groups) {
        if (g.init.valid()) call(g.init);
    }
    synapse_counts_.assign(plan_.synapses.size(), 0);
    queues_.assign(plan_.synapses.size(), {});
    splits_.assign(plan_.synapses.size(), {});
    split_by_.assign(plan_.synapses.size(), {});
    for (size_t k = 0; k < plan_.synapses.size(); ++k) build_synapses(k);
    build_learners();
    poisson_flags_known_.assign(plan_.groups.size(), 0);
}

void Network::rebuild(uint64_t seed) {
    seed_ = seed;
    step_ = 0;
    draw_step_ = 0;
    for (auto& list : spikes_) list.clear();
    initialise();
}

void Network::size_array(size_t id, size_t n, double initial) {
    if (plan_.arrays[id].single) assign_advised(singles_[id], n, static_cast<float>(initial));
    else assign_advised(arrays_[id], n, initial);
}

void Network::copy_array(int from, int to) {
    arrays_[static_cast<size_t>(to)] = arrays_[static_cast<size_t>(from)];
    singles_[static_cast<size_t>(to)] = singles_[static_cast<size_t>(from)];
}

size_t Network::checked_double(int id) const {
    auto k = static_cast<size_t>(id);
    if (plan_.arrays[k].single) {
        throw std::logic_error("the array " + plan_.arrays[k].name + " is stored in single precision");
    }
    return k;
}

std::vector<double> Network::values(int id) const {
    auto k = static_cast<size_t>(id);
    if (!plan_.arrays[k].single) return arrays_[k];
    return {singles_[k].begin(), singles_[k].end()};
}

void Network::call(const KernelCall& c) { call_range(c, c.begin, c.end); }

KernelArgs Network::bind(const KernelCall& c) {
    bound_.clear();
    for (int id : c.arrays) {
        auto k = static_cast<size_t>(id);
        // a kernel compiled for a float slot reads the pointer as float* (KernelArgs::arrays)
        bound_.push_back(plan_.arrays[k].single ? reinterpret_cast<double*>(singles_[k].data()) : arrays_[k].data());
    }
    double dt = plan_.dt * static_cast<double>(c.every);
    return KernelArgs{bound_.data(), plan_.params.data(), time(), dt, draw_step_, seed_, 0, 0, nullptr, &nonfinite_bits_};
}

void Network::call_range(const KernelCall& c, size_t begin, size_t end, const AfterPart& after) {
    if (!c.fn || begin >= end || !due(c)) return;
    ProfileScope timed(profile_, c);
    if (taping_) record_call(c, begin, end);
    KernelArgs args = bind(c);
    args.begin = static_cast<int64_t>(begin);
    args.end = static_cast<int64_t>(end);
    if (!splits(c, end - begin)) {
        c.fn(&args);
        return;
    }
    // Kernels write only their own element and draw random numbers keyed by element index,
    // so splitting the range gives the same result for any number of threads.
    run_split(c.fn, args, threads_, after);
}

bool Network::splits(const KernelCall& c, size_t n) const {
    return threads_ > 1 && !c.serial && n >= (c.split_from ? c.split_from : parallel_threshold);
}

void Network::call_finding_spikes(const KernelCall& c, size_t group) {
    const GroupPlan& g = plan_.groups[group];
    if (!c.fn || !due(c) || g.spiked < 0 || g.parent >= 0 || !splits(c, c.end - c.begin)) {
        call(c);
        return;
    }
    if (found_spikes_.size() < plan_.groups.size()) found_spikes_.resize(plan_.groups.size());
    FoundSpikes& found = found_spikes_[group];
    found.parts.resize(static_cast<size_t>(threads_));
    const double* flags = arrays_[static_cast<size_t>(g.spiked)].data();
    call_range(c, c.begin, c.end, [&](int part, int64_t begin, int64_t end) {
        std::vector<uint32_t>& list = found.parts[static_cast<size_t>(part)];
        find_nonzero(flags + begin, static_cast<size_t>(end - begin), list);
        for (uint32_t& i : list) i += static_cast<uint32_t>(begin);
    });
    found.step = step_;
}

void Network::call_each(const KernelCall& c, const std::vector<uint32_t>& elements) {
    if (!c.fn || !due(c) || elements.empty()) return;
    ProfileScope timed(profile_, c);
    KernelArgs args = bind(c);
    for (uint32_t i : elements) {
        args.begin = static_cast<int64_t>(c.begin + i);
        args.end = args.begin + 1;
        if (taping_) record_call(c, c.begin + i, c.begin + i + 1);
        c.fn(&args);
    }
}

void Network::record_call(const KernelCall& c, size_t begin, size_t end, const int64_t* elements) {
    TapeEntry entry;
    entry.call = &c;
    entry.begin = elements ? 0 : begin;
    entry.end = elements ? end - begin : end;
    if (elements) entry.elements_list.assign(elements + begin, elements + end);
    entry.t = time();
    entry.dt = plan_.dt * static_cast<double>(c.every);
    entry.step = draw_step_;
    for (int id : c.stores) {
        const std::vector<double>& values = arrays_[static_cast<size_t>(id)];
        TapeEntry::Saved s;
        s.array = id;
        auto elsewhere = std::find(c.stores_elsewhere.begin(), c.stores_elsewhere.end(), id);
        int at_array = elsewhere == c.stores_elsewhere.end() ? -1 : c.stores_elsewhere_at[static_cast<size_t>(elsewhere - c.stores_elsewhere.begin())];
        size_t count = end - begin;
        if (elsewhere != c.stores_elsewhere.end() && at_array >= 0 && count >= values.size()) {
            // more writes than elements (a summed coupling's synapses onto its targets): the
            // whole array is the smaller record
            s.values = values;
        } else if (elsewhere != c.stores_elsewhere.end() && at_array >= 0) {
            // written at at_array[i] for the call's elements i: keep those elements
            s.at.reserve(count);
            s.values.reserve(count);
            const std::vector<double>& where = arrays_[static_cast<size_t>(at_array)];
            auto keep = [&](size_t i) {
                auto j = static_cast<int64_t>(where[i]);
                s.at.push_back(j);
                s.values.push_back(values[static_cast<size_t>(j)]);
            };
            if (elements) for (int64_t i : entry.elements_list) keep(static_cast<size_t>(i));
            else for (size_t i = begin; i < end; ++i) keep(i);
        } else if (elsewhere != c.stores_elsewhere.end()) {
            s.values = values;  // written at computed elements: any of them may change
        } else if (elements) {
            s.at_listed = true;
            for (int64_t i : entry.elements_list) s.values.push_back(values[static_cast<size_t>(i)]);
        } else {
            s.offset = begin;
            s.values.assign(values.begin() + static_cast<long>(begin), values.begin() + static_cast<long>(end));
        }
        entry.saved.push_back(std::move(s));
    }
    tape_->add(std::move(entry));
}

void Network::require_tapeable() const {
    auto refuse = [](const std::string& why) {
        throw std::runtime_error(why + "; gradient training replays kernel calls backwards and cannot "
                                 "replay this (docs/language.md section 11)");
    };
    if (!plan_.learning.empty()) refuse("learning operator '" + plan_.learning.front().name + "' changes weights");
    if (!plan_.history.empty()) refuse("previous(...) keeps copies of earlier states");
    if (plan_.single_precision) refuse("the state is stored in single precision");
}

void Network::collect_spikes(size_t group, std::vector<uint32_t>& out) {
    const GroupPlan& g = plan_.groups[group];
    out.clear();
    if (g.spiked < 0 || g.parent >= 0) return;
    if (group < found_spikes_.size() && found_spikes_[group].step == step_) {
        for (const auto& part : found_spikes_[group].parts) out.insert(out.end(), part.begin(), part.end());
        found_spikes_[group].step = ~uint64_t{0};
    } else {
        const std::vector<double>& flags = arrays_[static_cast<size_t>(g.spiked)];
        find_nonzero(flags.data(), flags.size(), out);
    }
    note_spikes(g, out);
}

void Network::note_spikes(const GroupPlan& g, const std::vector<uint32_t>& out) {
    double* last = g.lastspike >= 0 ? arrays_[static_cast<size_t>(g.lastspike)].data() : nullptr;
    if (last && taping_ && !out.empty()) {
        TapeEntry entry;
        entry.kind = TapeEntry::Kind::Overwrite;
        entry.elements = out;
        entry.saved.push_back(TapeEntry::Saved::whole(g.lastspike, arrays_[static_cast<size_t>(g.lastspike)]));
        tape_->add(std::move(entry));
    }
    if (last) {
        for (uint32_t i : out) last[i] = time();
    }
    spike_count_ += out.size();
}

std::optional<NonFinite> Network::find_non_finite() const {
    for (const auto& g : plan_.groups) {
        if (g.parent >= 0) continue;
        for (const auto& [name, id] : g.variables) {
            const auto k = static_cast<size_t>(id);
            size_t n = plan_.arrays[k].single ? singles_[k].size() : arrays_[k].size();
            size_t i = plan_.arrays[k].single ? first_non_finite(singles_[k].data(), n)
                                              : first_non_finite(arrays_[k].data(), n);
            if (i < n) return NonFinite{g.name, name, i, time()};
        }
    }
    return std::nullopt;
}

void Network::update_group(size_t k) {
    const GroupPlan& g = plan_.groups[k];
    // without a threshold kernel of its own, the update sets the spike flags
    if (g.threshold.valid()) call(g.update);
    else call_finding_spikes(g.update, k);
}

void Network::group_thresholds(size_t k, std::vector<uint32_t>& spikes) {
    const GroupPlan& g = plan_.groups[k];
    if (g.every > 1 && step_ % g.every != 0) {
        spikes.clear();  // between its own steps a group cannot spike
        return;
    }
    if (g.spike_probability.valid()) {
        draw_poisson_spikes(k, spikes);
        return;
    }
    if (g.threshold.valid()) call_finding_spikes(g.threshold, k);
    collect_spikes(k, spikes);
}

void Network::group_resets(size_t k, const std::vector<uint32_t>& spikes) {
    const GroupPlan& g = plan_.groups[k];
    if (!g.reset.valid() || spikes.empty()) return;
    // The reset tests `spiked` itself, so running it on the spiking elements only gives the same
    // result; with many spikes one pass over the group is cheaper.
    if (spikes.size() < g.size / 16) {
        call_each(g.reset, spikes);
    } else {
        call(g.reset);
    }
}

void Network::group_step(size_t k, std::vector<std::vector<uint32_t>>& spikes) {
    const GroupPlan& g = plan_.groups[k];
    if (g.update.valid()) update_group(k);
    group_thresholds(k, spikes[k]);
    for (const auto& event : g.events) call(event);
    for (const auto& input : g.inputs) call(input);
    group_resets(k, spikes[k]);
    for (const auto& on_event : g.on_events) call(on_event);
}

void Network::synapses_step(size_t k, const std::vector<std::vector<uint32_t>>& spikes) {
    add_summed(k);
    if (plan_.synapses[k].update.valid()) call(plan_.synapses[k].update);
    propagate(k, spikes);
}

void Network::run_slot(const ScheduleEntry& entry, std::vector<std::vector<uint32_t>>& spikes) {
    // the groups and synapses objects that have no step of their own in the schedule
    auto groups = [&](auto&& f) {
        for (size_t k = 0; k < plan_.groups.size(); ++k) {
            if (!own_step_group_[k]) f(k, plan_.groups[k]);
        }
    };
    switch (entry.slot) {
    case StepSlot::Summed:
        update_summed();
        capture_history();
        break;
    case StepSlot::Update:
        groups([&](size_t k, const GroupPlan& g) {
            if (g.update.valid()) update_group(k);
        });
        if (!separate_synapse_updates_) update_synapses();
        break;
    case StepSlot::SynapseUpdates: update_synapses(); break;
    case StepSlot::Thresholds:
        groups([&](size_t k, const GroupPlan&) { group_thresholds(k, spikes[k]); });
        groups([&](size_t, const GroupPlan& g) {
            for (const auto& event : g.events) call(event);
        });
        break;
    case StepSlot::Synapses:
        for (size_t k = 0; k < plan_.synapses.size(); ++k) {
            if (!own_step_synapses_[k]) propagate(k, spikes);
        }
        break;
    case StepSlot::Learning: run_learning(); break;
    case StepSlot::Inputs:
        groups([&](size_t, const GroupPlan& g) {
            for (const auto& input : g.inputs) call(input);
        });
        break;
    case StepSlot::Resets:
        groups([&](size_t k, const GroupPlan&) { group_resets(k, spikes[k]); });
        groups([&](size_t, const GroupPlan& g) {
            for (const auto& on_event : g.on_events) call(on_event);
        });
        break;
    case StepSlot::GroupStep: group_step(static_cast<size_t>(entry.object), spikes); break;
    case StepSlot::SynapsesStep: synapses_step(static_cast<size_t>(entry.object), spikes); break;
    }
}

std::optional<NonFinite> Network::run(uint64_t steps, const std::atomic<bool>& stop,
                                      const StepHooks& hooks) {
    // the spike lists of the last thresholds slot (a schedule may propagate before it)
    std::vector<std::vector<uint32_t>>& spikes = spikes_;
    spikes.resize(plan_.groups.size());
    // Kernels report storing a NaN or infinity (KernelArgs::nonfinite), so the state is searched
    // only after such a step, or after every step while it held a non-finite value from before.
    bool finite_before = !find_non_finite().has_value();
    if (tape_) require_tapeable();
    // parameters, constants and `set` statements may have changed since the last run
    if (steps > 0) fill_cached_values();
    taping_ = tape_ != nullptr;
    struct StopTaping {
        bool& taping;
        ~StopTaping() { taping = false; }
    } stop_taping{taping_};
    for (uint64_t n = 0; n < steps && !stop.load(std::memory_order_relaxed); ++n) {
        if (!plan_.history.empty() && step_ == 0) prime_history();
        if (hooks.before) hooks.before(step_);
        nonfinite_bits_ = 0;
        if (!plan_.history.empty()) {
            if (std::find(plan_.schedule.begin(), plan_.schedule.end(), StepSlot::Summed) == plan_.schedule.end()) {
                capture_history();
            }
        }
        ++summed_epoch_;
        for (const ScheduleEntry& entry : plan_.schedule) run_slot(entry, spikes);
        shift_history();
        if (nonfinite_bits_ != 0 || !finite_before) {
            if (auto bad = find_non_finite()) return bad;
        }
        if (hooks.after) hooks.after(step_, spikes);
        ++step_;
        ++draw_step_;
    }
    return std::nullopt;
}

void Network::fill_cached_values() {
    for (const GroupPlan& g : plan_.groups) {
        for (const KernelCall& c : g.cached_values) {
            if (!c.fn) continue;
            // not call_range: a group with a `dt:` of its own needs its values at any step
            ProfileScope timed(profile_, c);
            KernelArgs args = bind(c);
            args.begin = static_cast<int64_t>(c.begin);
            args.end = static_cast<int64_t>(c.end);
            c.fn(&args);
        }
    }
}

void Network::update_synapses() {
    if (synapse_update_order_.size() != plan_.synapses.size()) synapse_update_order_ = synapse_update_order(plan_);
    for (size_t k : synapse_update_order_) {
        if (!own_step_synapses_[k] && plan_.synapses[k].update.valid()) call(plan_.synapses[k].update);
    }
}

void Network::prime_history() {
    // the initial state, with the summed variables it implies (which may read previous() of it)
    auto copy_all = [this] {
        for (const auto& h : plan_.history) {
            copy_array(h.source, h.current);
            for (int id : h.earlier) copy_array(h.source, id);
        }
    };
    copy_all();
    ++summed_epoch_;
    update_summed(true);
    copy_all();
}

void Network::capture_history() {
    for (const auto& h : plan_.history) copy_array(h.source, h.current);
}

void Network::shift_history() {
    for (const auto& h : plan_.history) {
        for (size_t k = h.earlier.size(); k-- > 1;) copy_array(h.earlier[k - 1], h.earlier[k]);
        if (!h.earlier.empty()) copy_array(h.current, h.earlier[0]);
    }
}

Network::Snapshot Network::snapshot() const {
    Snapshot s{arrays_, singles_, {}, step_, draw_step_, {}};
    for (const auto& learner : learners_) s.learning.push_back(learner.state());
    for (const auto& queues : queues_) {
        s.in_transit.emplace_back();
        for (const auto& q : queues) s.in_transit.back().push_back(q.in_transit());
    }
    return s;
}

void Network::restore(const Snapshot& snapshot, bool replay_noise) {
    // Parameters are the protocol's (set, loop variables) and are not part of the state,
    // as in Brian2, where restore brings back the network but not the script's variables.
    arrays_ = snapshot.arrays;
    singles_ = snapshot.singles;
    step_ = snapshot.step;
    if (replay_noise) draw_step_ = snapshot.draw_step;
    // a snapshot of this network has one state per learner, of the size the connections give
    for (size_t k = 0; k < learners_.size() && k < snapshot.learning.size(); ++k) {
        if (snapshot.learning[k].size() == learners_[k].state_size()) learners_[k].set_state(snapshot.learning[k]);
    }
    for (auto& list : spikes_) list.clear();  // spikes of the discarded timeline
    poisson_flags_known_.assign(plan_.groups.size(), 0);
    for (size_t k = 0; k < queues_.size(); ++k) {
        for (size_t p = 0; p < queues_[k].size(); ++p) queues_[k][p].set_in_transit(snapshot.in_transit[k][p]);
    }
}

}  // namespace nj::rt
