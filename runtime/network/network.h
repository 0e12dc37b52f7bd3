// The network's state (arrays, parameters, time) and one simulation step in Brian2's order.
#pragma once

#include "runtime/abi.h"
#include "runtime/learning/rls_learner.h"
#include "runtime/network/split_call.h"
#include "runtime/network/split_delivery.h"
#include "runtime/synapses/pathway_queue.h"
#include "runtime/training/call_tape.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace nj::rt {

class KernelProfile;  // runtime/network/kernel_profile.h

/// A state value that became NaN or infinite: what the user needs to find the cause.
struct NonFinite {
    std::string group;
    std::string variable;
    size_t index = 0;
    double time = 0.0;
};

/// What runs around each step: `before` sees the state at the step's start (state monitors
/// record there, as Brian2's do), `after` gets the step's spikes per group (element indices).
struct StepHooks {
    std::function<void(uint64_t step)> before;
    std::function<void(uint64_t step, const std::vector<std::vector<uint32_t>>& spikes)> after;
};

/// The summed variables of `plan` as (synapses object, index) in the order they are computed: a
/// summed expression that reads another summed variable comes after every sum into it.
std::vector<std::pair<size_t, size_t>> summed_dependency_order(const NetworkPlan& plan);

/// The synapses objects in the order their clock-driven equations run: an object whose update
/// reads a variable another object's update writes (a matrix read S.w[i, j]) runs before that
/// object, so it sees the value at the start of the step; declaration order otherwise.
std::vector<size_t> synapse_update_order(const NetworkPlan& plan);

/// Owns all arrays of a plan and advances them.
class Network {
public:
    /// `threads` > 1 splits large kernel calls over that many OpenMP threads.
    Network(NetworkPlan plan, uint64_t seed, int threads = 1);

    /// Allocates the arrays, runs every group's init kernel, then connects the synapses and
    /// runs theirs. Throws ConnectError (runtime/synapses/connect.h) for a connect rule that
    /// cannot be carried out.
    void initialise();

    /// Builds the network afresh (initialise) with `seed` and the current parameter values,
    /// from step 0. Throws as initialise does.
    void rebuild(uint64_t seed);

    /// Number of synapses of synapses object `k` (after initialise).
    size_t synapse_count(size_t k) const { return synapse_counts_[k]; }

    /// Advances `steps` steps with `hooks` around each. Stops early when `stop` becomes true or
    /// a state value is not finite (returned).
    std::optional<NonFinite> run(uint64_t steps, const std::atomic<bool>& stop,
                                 const StepHooks& hooks);

    /// Runs a kernel call over its range (protocol kernels, analyses).
    void call(const KernelCall& call);

    /// While `tape` is not null, the steps run() takes write every change of the state to it
    /// (runtime/training/call_tape.h), spike deliveries of pathways included. Steps that run
    /// learning operators or keep previous() copies cannot be taped: run() throws
    /// std::runtime_error naming the cause.
    void set_tape(CallTape* tape) { tape_ = tape; }

    /// While `profile` is not null, every kernel call adds its wall time to it.
    void set_profile(KernelProfile* profile) { profile_ = profile; }

    double time() const { return static_cast<double>(step_) * plan_.dt; }
    int threads() const { return threads_; }
    /// Below this many elements a kernel call is not worth splitting over threads.
    static constexpr size_t parallel_threshold = 4096;
    uint64_t step() const { return step_; }
    double dt() const { return plan_.dt; }
    uint64_t seed() const { return seed_; }
    uint64_t spike_count() const { return spike_count_; }
    /// Spike deliveries shared out over threads so far (SplitDelivery).
    uint64_t shared_deliveries() const;
    /// A double array's values. Arrays stored as float (ArrayPlan::single) are read with
    /// values() or floats(); this throws std::logic_error for them.
    std::vector<double>& array(int id) { return arrays_[checked_double(id)]; }
    const std::vector<double>& array(int id) const { return arrays_[checked_double(id)]; }
    /// Whether array `id` is stored as float (`--precision single`).
    bool is_single(int id) const { return plan_.arrays[static_cast<size_t>(id)].single; }
    /// A float array's values (ArrayPlan::single).
    const std::vector<float>& floats(int id) const { return singles_[static_cast<size_t>(id)]; }
    /// Any array's values as doubles (a copy).
    std::vector<double> values(int id) const;
    std::vector<double>& params() { return plan_.params; }
    const NetworkPlan& plan() const { return plan_; }

    /// A copy of every array, the spikes in transit and the time (`store`); parameters are
    /// not part of it.
    struct Snapshot {
        std::vector<std::vector<double>> arrays;
        std::vector<std::vector<float>> singles;  ///< the arrays stored as float
        std::vector<std::vector<PathwayQueue::InTransit>> in_transit;
        uint64_t step = 0;
        uint64_t draw_step = 0;
        std::vector<std::vector<double>> learning;  ///< per learning operator: its state
    };
    Snapshot snapshot() const;
    /// The counter that keys the random numbers of the coming step. Setting it back makes the
    /// next steps draw again what the steps from that value drew (training runs a forward pass
    /// twice with the same noise when its loss has batch-level terms).
    uint64_t draw_step() const { return draw_step_; }
    void set_draw_step(uint64_t draw_step) { draw_step_ = draw_step; }
    /// Brings back the state of `snapshot`. Later steps draw fresh random numbers, unless
    /// `replay_noise`: then they draw those the snapshot's timeline drew.
    void restore(const Snapshot& snapshot, bool replay_noise = false);

private:
    /// Runs `call` over [begin, end); split over threads, each thread then runs `after` on its part.
    void call_range(const KernelCall& call, size_t begin, size_t end, const AfterPart& after = nullptr);
    /// Whether `call` over n elements is split over the threads.
    bool splits(const KernelCall& call, size_t n) const;
    /// Runs `call`, the last writer of root group `group`'s spike flags this step. Split over
    /// threads, each thread also finds the spikes of its own part (collect_spikes then joins the
    /// lists): read back by one thread, the other's flags would move between the cores' caches
    /// every step.
    void call_finding_spikes(const KernelCall& call, size_t group);
    /// Whether `call` runs at this step (a group with a `dt:` of its own runs every k-th step).
    bool due(const KernelCall& call) const { return call.every <= 1 || step_ % call.every == 0; }
    /// Pointers to the arrays `call` binds, in its slot order (valid until arrays are resized).
    KernelArgs bind(const KernelCall& call);
    /// Connects synapses object k, sizes its arrays and runs its init and delay kernels.
    void build_synapses(size_t k);
    /// One part of a step; `spikes` are the lists the thresholds slot fills.
    void run_slot(const ScheduleEntry& entry, std::vector<std::vector<uint32_t>>& spikes);
    /// Group k's threshold (at its own steps) and its spike list; its reset of those spikes.
    void group_thresholds(size_t k, std::vector<uint32_t>& spikes);
    void group_resets(size_t k, const std::vector<uint32_t>& spikes);
    /// A group's own step (schedule entry): update, threshold, events, inputs, reset, on_event.
    void group_step(size_t k, std::vector<std::vector<uint32_t>>& spikes);
    /// A synapses object's own step: its summed variables, clock-driven update and pathways.
    void synapses_step(size_t k, const std::vector<std::vector<uint32_t>>& spikes);
    /// Summed variables of the objects without a step of their own (`all`: of every object), in
    /// dependency order; each target cleared before its first sum of the step.
    void update_summed(bool all = false);
    /// Runs every group's cached_values kernel (GroupPlan::cached_values).
    void fill_cached_values();
    /// The summed variables of synapses object k.
    void add_summed(size_t k);
    void add_sum(size_t k, size_t index);
    /// target[post] += sum over pre of W[pre, post] f[pre], for a projection of all pairs.
    void add_matrix_product(const SynapsesPlan& syn, const SummedPlan& summed);
    /// Synapses object k: spikes of this step enter its pathway queues; what arrives now is
    /// delivered.
    void propagate(size_t k, const std::vector<std::vector<uint32_t>>& spikes);
    /// One pathway kernel call on a list of synapses (`elements`) or a range of them.
    void run_pathway(const PathwayPlan& path, KernelArgs args, const int64_t* elements, size_t begin, size_t end);
    /// Delivers pathway p's arrivals of this step, shared out over the threads by target when
    /// there are enough, and moves its queue on to the next step.
    void deliver_split(size_t k, size_t p, const KernelArgs& args);
    /// Runs `call` on each of `elements` (ascending), one element at a time.
    void call_each(const KernelCall& call, const std::vector<uint32_t>& elements);
    /// Group k's update (it sets the spike flags when the group has no threshold kernel).
    void update_group(size_t k);
    /// The indices of group's spike flags that are set, in increasing order (found while the
    /// flags were computed, when call_finding_spikes split that call).
    void collect_spikes(size_t group, std::vector<uint32_t>& out);
    /// Group k's spikes of this step drawn without a draw per element (GroupPlan::spike_probability):
    /// how many (binomial), then which (a uniform subset); sets its flags like a threshold would.
    void draw_poisson_spikes(size_t k, std::vector<uint32_t>& out);
    /// What follows finding a group's spikes: last spike times, the tape, the spike count.
    void note_spikes(const GroupPlan& g, const std::vector<uint32_t>& spikes);
    /// Builds one learner per learning operator over its synapses' current connections.
    void build_learners();
    /// The Learning slot: every active operator updates its weights.
    void run_learning();
    /// Every synapses object's clock-driven update.
    void update_synapses();
    /// previous(x) (HistoryPlan): before the first step every copy takes the initial state, after
    /// the summed variables `current` takes the step's state, at the step's end all move back.
    void prime_history();
    void capture_history();
    void shift_history();
    /// The first non-finite value of a group variable, in group and variable order.
    std::optional<NonFinite> find_non_finite() const;
    /// Gives array `id` n values equal to `initial`, in its element type.
    void size_array(size_t id, size_t n, double initial);
    /// Copies array `from` into array `to` (previous() copies: the same element type).
    void copy_array(int from, int to);
    /// `id` as an index of arrays_; throws std::logic_error when the array is stored as float.
    size_t checked_double(int id) const;

    NetworkPlan plan_;
    uint64_t seed_;
    int threads_ = 1;
    bool separate_synapse_updates_ = false;  ///< the schedule has a `synapse_updates` slot
    std::vector<char> own_step_group_;       ///< per group: the schedule names it
    std::vector<char> own_step_synapses_;    ///< per synapses object: the schedule names it
    uint64_t summed_epoch_ = 1;              ///< counts steps (and the priming before step 0)
    std::vector<uint64_t> summed_cleared_;   ///< per array: the epoch its sum was last cleared
    uint64_t step_ = 0;
    /// The step part of every random-number key: counts the steps run and is not rewound by
    /// restore, so trials replayed from a snapshot draw fresh noise (Brian2's default).
    uint64_t draw_step_ = 0;
    uint64_t spike_count_ = 0;
    std::vector<std::vector<double>> arrays_;
    /// The arrays stored as float (ArrayPlan::single), at their ids; empty at the others, and
    /// arrays_ is empty at theirs.
    std::vector<std::vector<float>> singles_;
    std::vector<double*> bound_;  ///< scratch for a call's array pointers
    uint64_t nonfinite_bits_ = 0;  ///< kernels set bits here when they store a NaN or infinity
    std::vector<std::vector<uint32_t>> spikes_;  ///< per group: the last thresholds slot's spikes
    /// per group: the spikes call_finding_spikes found, per thread, and the step it found them at
    struct FoundSpikes {
        uint64_t step = ~uint64_t{0};
        std::vector<std::vector<uint32_t>> parts;
    };
    std::vector<FoundSpikes> found_spikes_;
    /// per group drawn by draw_poisson_spikes: the flags it set last, when `poisson_flags_known_`
    /// (not after a restore or a build, which bring flags of their own)
    std::vector<std::vector<uint32_t>> poisson_flags_;
    std::vector<char> poisson_flags_known_;
    std::vector<size_t> synapse_counts_;               ///< per synapses object
    /// per synapses object: connects every (pre, post) pair once, synapse = pre * N_post + post
    std::vector<char> all_pairs_;
    /// (synapses object, summed variable) in the order update_summed adds them
    std::vector<std::pair<size_t, size_t>> summed_order_;
    std::vector<size_t> synapse_update_order_;  ///< synapse_update_order(plan_), made on first use
    std::vector<std::vector<PathwayQueue>> queues_;    ///< per synapses object, per pathway
    /// per synapses object, per pathway: its deliveries shared out over threads (when
    /// KernelCall::split_target allows and threads_ > 1), and the array naming each synapse's target
    std::vector<std::vector<SplitDelivery>> splits_;
    std::vector<std::vector<int>> split_by_;
    std::vector<PathwayQueue::Arrival> arrivals_;      ///< scratch of propagate()
    std::vector<RlsLearner> learners_;                 ///< per learning operator (plan_.learning)
    CallTape* tape_ = nullptr;  ///< set_tape
    KernelProfile* profile_ = nullptr;  ///< set_profile
    bool taping_ = false;       ///< inside run() with a tape: record every change
    /// Writes `c` over [begin, end) to the tape with the values it will overwrite; an indexed
    /// call (`elements` not null) runs on elements[begin, end).
    void record_call(const KernelCall& c, size_t begin, size_t end, const int64_t* elements = nullptr);
    /// Throws when the plan has parts a tape cannot replay (see set_tape).
    void require_tapeable() const;
};

}  // namespace nj::rt
