// The one header shared by compiler and runtime: kernel signature, state layout, network plan.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace nj::rt {

/// Version of this interface; generated code and runtime must agree.
inline constexpr int abi_version = 2;

/// What every kernel receives. The field order is part of the ABI: codegen mirrors it.
struct KernelArgs {
    /// array slot → element 0 of that variable's values: doubles, or floats for an array stored
    /// in single precision (ArrayPlan::single; the kernel was compiled for that slot type)
    double* const* arrays;
    const double* params;   ///< parameter slot → value (SI)
    double t;               ///< time at the start of the step, in seconds
    double dt;              ///< the step, in seconds
    uint64_t step;          ///< steps run so far (not rewound by restore); part of every random-number key
    uint64_t seed;          ///< run seed; part of every random-number key
    int64_t begin;          ///< first element index to process
    int64_t end;            ///< one past the last element index
    /// Indexed kernels only: the element indices, read at positions [begin, end).
    const int64_t* elements = nullptr;
    /// When not null, a kernel that stored a NaN or infinity sets bits here (atomically), so the
    /// runtime searches the state for non-finite values only after such a step.
    uint64_t* nonfinite = nullptr;
};

/// A compiled kernel: runs its body for each element index in [begin, end).
using KernelFn = void (*)(const KernelArgs*);

// ---- the network plan: what the compiler hands the runtime ----------------------------
// Plain data: the compiler fills it, the driver binds each KernelCall to its compiled
// function, and the runtime executes it.

/// One array of numbers: a variable of a group (or a scratch value of the protocol).
struct ArrayPlan {
    std::string name;       ///< "E.v"
    size_t size = 0;
    double initial = 0.0;   ///< value before init kernels run
    std::vector<double> values;  ///< when not empty: the initial contents (tables), size values
    int synapses = -1;      ///< >= 0: one value per synapse of that synapses object (size set
                            ///< when its connections are made)
    /// Stored as float (`--precision single`): only kernels, monitors, store/restore and
    /// previous() copies touch it; the runtime's own numeric code works on double arrays.
    bool single = false;
};

/// A number a table needs when the tables are loaded, e.g. `n = rows_of(T) - 1`: a postfix
/// program over constants and parameters (such as another table's shape, set when it loads).
struct TableNumber {
    struct Op {
        char code = 'c';     ///< 'c' push value, 'p' push params[param], 'n' negate, or + - * / < (min) > (max)
        double value = 0.0;
        int param = -1;
    };
    std::vector<Op> ops;
};

/// An entry of a json table that kernels read (learned()): its numbers go to array `array`,
/// and parameter `size_param` says what was found (-1 one number, n a list of n, 0 none).
struct TableKey {
    std::string key;
    int array = -1;
    int size_param = -1;
    bool scalar_read = false;  ///< read without an element index: a list there is an error
    std::string where;         ///< "model.nj:12:5: learned(...)", for messages
};

/// A table read from a CSV file when the network is built (rt::load_tables): its values go to
/// array `array` in row-major order, its shape to parameters `rows_param` and `cols_param`.
/// Other kinds (json, node_list, count_matrix, ...) are read or computed from other tables
/// then too; their arguments are in the maps below (runtime/inputs/load_tables.h).
struct TablePlan {
    std::string name;        ///< the model's name for it
    std::string path;        ///< as written in the model, relative to the current directory
    bool header = true;      ///< the first (non-skipped) line names the columns
    size_t skip_rows = 0;    ///< lines skipped before the header or data
    char delimiter = ',';
    int array = -1;
    int rows_param = -1;
    int cols_param = -1;
    /// Constant indices found in the model, checked against the shape once it is known:
    /// row, column (-1: a one-index access `T(k)`), and where ("model.nj:12:5: T[3, 1]").
    struct ConstantIndex {
        double row = 0.0;
        double col = -1.0;
        std::string where;
    };
    std::vector<ConstantIndex> constant_indices;
    bool one_index = false;  ///< read as `T(k)`: needs one row or one column
    std::string kind = "csv";      ///< the constructor: csv, json, node_list, count_matrix, ...
    std::string where;             ///< "model.nj:12" of the declaration, for messages
    std::string index_column;      ///< csv: a column of row labels, not data
    bool missing_as_nan = false;   ///< csv: an empty cell is a missing value (NaN)
    int max_param = -1;            ///< parameter slot of the largest entry (max_of)
    std::map<std::string, int> inputs;           ///< table arguments → index in plan.tables
    std::map<std::string, TableNumber> numbers;  ///< numeric arguments
    std::map<std::string, std::string> texts;    ///< string arguments (column names, ...)
    std::map<std::string, std::vector<std::string>> text_lists;  ///< lists of strings
    std::vector<TableKey> keys;                  ///< json: the entries kernels read
};

/// A compiled kernel applied to elements [begin, end) with its arrays bound in slot order.
struct KernelCall {
    std::string kernel;       ///< kernel symbol
    KernelFn fn = nullptr;    ///< bound by the driver after JIT compilation
    std::vector<int> arrays;  ///< global array ids, in the kernel's slot order
    std::vector<int> stores;  ///< the global array ids among `arrays` that the kernel writes
    size_t begin = 0;
    size_t end = 0;
    bool serial = false;      ///< stores to other elements: never split by range (see split_target)
    /// Calls over fewer elements run on one thread; 0: Network::parallel_threshold. The compiler
    /// lowers it for kernels with costly work per element (random samplers).
    size_t split_from = 0;
    /// Runs at every `every`-th step only (steps 0, every, 2 every, ...), with dt = every * dt:
    /// the calls of a group with a `dt:` clause of its own.
    size_t every = 1;
    /// Among `stores`: the arrays written at other elements (a serial kernel's post neurons), and
    /// for each the array holding the element it writes (`post[i]`), -1 when it is not one array.
    std::vector<int> stores_elsewhere;
    std::vector<int> stores_elsewhere_at;
    /// A serial call whose elements may still be shared out over threads by the element each
    /// writes (compiler/ir/passes/target_split.h): the array holding that element (`post`), -1
    /// when an element writes only itself (any split), -2 when it cannot be split.
    int split_target = -2;
    bool valid() const { return !kernel.empty(); }
};

/// A group of neurons (or Poisson sources, or a subgroup slice of another group).
struct GroupPlan {
    std::string name;
    size_t size = 0;
    size_t offset = 0;       ///< first element in the parent's arrays (subgroups)
    int parent = -1;         ///< group id of the parent, -1 for a top-level group
    int spiked = -1;         ///< array id of the 0/1 spike flags, -1 when it cannot spike
    int lastspike = -1;      ///< array id of the last spike times
    KernelCall init;         ///< default values and `init:` statements
    KernelCall update;       ///< state update (integration)
    /// Fill arrays with the per-element values `update` and `inputs` read that no step changes
    /// (an exact propagator of per-neuron time constants): run at the start of every Network::run.
    std::vector<KernelCall> cached_values;
    KernelCall threshold;    ///< writes `spiked`; not valid when the update kernel does
    KernelCall reset;        ///< reset of the elements that spiked
    /// Inputs onto the group's variables (poisson_input), applied in Brian2's default slot
    /// for them: after the thresholds, before the resets.
    std::vector<KernelCall> inputs;
    /// Custom events: flag kernels run with the thresholds, on_event kernels with the resets.
    std::vector<KernelCall> events;
    std::vector<KernelCall> on_events;
    std::vector<std::pair<std::string, int>> variables;  ///< name → array id
    size_t every = 1;        ///< network steps per step of the group (its `dt:` clause)
    /// Poisson groups whose rate is the same for every element: a one-element kernel writing
    /// rate·dt into array `spike_probability`. The runtime then draws how many elements spike
    /// (binomial) and which (uniformly, distinct) instead of running `threshold`'s one draw per
    /// element: the same distribution, at a cost that follows the spikes, not the group's size.
    KernelCall spike_probability;
    int spike_probability_array = -1;
};

/// A recorder.
struct MonitorPlan {
    enum class Kind { Spikes, State, Rate };
    Kind kind = Kind::Spikes;
    std::string name;
    int group = -1;
    int synapses = -1;        ///< State: records synapses of this object instead of a group
    std::vector<std::pair<std::string, int>> variables;  ///< State: name → array id
    size_t record_begin = 0;  ///< elements recorded, relative to the group (or synapse indices;
                              ///< record_end is then clamped to the synapse count)
    size_t record_end = 0;
    size_t every_steps = 1;
    KernelCall prepare;       ///< State: computes recorded subexpressions before a recording
};

struct TrainPlan;

/// One protocol operation. Scalar values come from a one-element kernel writing `scratch`.
struct ProtocolOp {
    enum class Kind { Run, Repeat, For, If, SetParam, SetArray, Store, Restore, Analyse, Print, Train };
    Kind kind = Kind::Run;
    KernelCall value;          ///< Run: duration; Repeat: count; If: condition; SetParam: value
    int scratch = -1;          ///< array the value kernel writes
    KernelCall action;         ///< SetArray: the kernel that assigns a group variable
    int param = -1;            ///< SetParam / For: parameter slot
    std::vector<double> items; ///< For: the values
    std::string name;          ///< Store/Restore name; Analyse: result name; Print: text
    std::string analysis;      ///< Analyse: which analysis; Restore: "replay" to draw the same noise again
    std::vector<int> groups;   ///< Analyse: groups it reads
    int synapses = -1;         ///< Analyse: the synapses object it reads, -1: none
    int array = -1;            ///< Analyse: the variable it reads
    int monitor = -1;          ///< Analyse: the monitor it reads (spikes, rates), -1: none
    int position_monitor = -1; ///< Analyse: a state monitor of a 1-D position
    std::map<std::string, std::string> strings;  ///< Analyse: string arguments by keyword
    std::vector<ProtocolOp> body;
    std::vector<ProtocolOp> else_body;
    std::shared_ptr<TrainPlan> train;  ///< Train: what it optimises (body: one forward pass)
};

/// The reverse-mode adjoint of a forward kernel (compiler/ir/passes/adjoint.h). Its arrays are
/// the forward call's arrays in their slots, then at `adjoint_slots[s]` the adjoint of forward
/// slot s, then at `gradient_slots[k]` a per-element accumulator of dL/d(gradient_params[k]).
struct AdjointPlan {
    std::string kernel;                ///< adjoint kernel symbol; empty when there is none
    KernelFn fn = nullptr;             ///< bound by the driver
    std::vector<int> adjoint_slots;    ///< forward slot → adjoint slot, -1: none
    std::vector<int> gradient_slots;
    std::vector<int> gradient_params;  ///< parameter slots
    size_t slot_count = 0;
    bool serial = false;               ///< scatters into other elements: never split over threads
    std::string error;                 ///< why the forward kernel has no adjoint
};

/// A parameter `train` optimises. The optimiser steps its raw value u, with value = f(u):
/// identity (linear), log (value = e^u), logit (value = 1 / (1 + e^-u)), softplus
/// (value = log(1 + e^u)); after each step the value is clamped to [low, high].
struct TrainableParam {
    int param = -1;
    std::string transform = "identity";
    double low = -std::numeric_limits<double>::infinity();
    double high = std::numeric_limits<double>::infinity();
    double lr = std::numeric_limits<double>::quiet_NaN();  ///< NaN: the statement's lr
};

/// A variable flagged `trainable`: its values at the start of each forward pass are optimised,
/// element by element, and clamped to [low, high] after each step (`trainable v { ... }`).
struct TrainableArray {
    std::string name;  ///< "S.w"
    int array = -1;
    double low = -std::numeric_limits<double>::infinity();
    double high = std::numeric_limits<double>::infinity();
    double lr = std::numeric_limits<double>::quiet_NaN();  ///< NaN: the statement's lr
};

/// `train LOSS(...) { body }`: the loss, what it optimises and the settings of the optimiser.
struct TrainPlan {
    /// A reduction over elements [begin, end) of `array` at the end of the forward pass (end 0:
    /// the whole array, a synapses variable), put in parameter `param` before the loss kernel
    /// runs: sum, mean, or cross_entropy, the mean over trials of -sum_i target_i log softmax(z)_i
    /// with z = `array`, `target` the array of target probabilities (one-hot labels) and the
    /// trials the runs of equal values of array `by` (-1: the whole range is one trial).
    /// BatchMean is the mean over the elements and over the forward passes of the mini-batch:
    /// every pass of a mini-batch sees the same value (see run_training).
    struct Term {
        enum class Kind { Sum, Mean, CrossEntropy, BatchMean };
        Kind kind = Kind::Sum;
        int array = -1;
        size_t begin = 0, end = 0;
        int target = -1;
        int by = -1;
        int param = -1;
        std::string text;  ///< "mean(Out.err)", for messages
    };
    std::string loss_name;
    std::vector<Term> terms;
    KernelCall loss;            ///< one element: writes the loss to loss_scratch
    int loss_scratch = -1;
    AdjointPlan loss_adjoint;   ///< dL/d(term parameters) through its gradient accumulators
    std::vector<TrainableParam> params;
    std::vector<TrainableArray> arrays;
    /// epochs, batches, batch, lr, clip_norm, beta1, beta2, eps: one-element kernels writing `scratch`
    struct Setting {
        std::string name;
        KernelCall value;
        int scratch = -1;
    };
    std::vector<Setting> settings;
    int epoch_param = -1;       ///< set to the epoch (0, 1, ...) before each forward pass, -1: none
    int batch_param = -1;       ///< set to the batch within the epoch
    int sample_param = -1;      ///< set to the sample within the epoch (batch index × batch + k)
    /// forward kernel symbol → its adjoint, for every kernel a step can run
    std::map<std::string, AdjointPlan> adjoints;
};

/// How a synapses object chooses its (pre, post) pairs when the network is built. Indices
/// are relative to the pre and post groups. Pair, degree and multiplicity values come from
/// `row`, a kernel over one line of candidates writing `row_array` (and `count_array`); the
/// fixed index of the line (the pre neuron for Pairs and OutDegree, the post neuron for
/// InDegree) is put in parameter `line_param` before each call, and the line is the `step`
/// of the call, so random numbers differ between lines.
///
/// Generator rules (`j = f(i, k) for k in range(...) if c`, or `i = ...` with lines over the
/// post group) first run `bounds` on one element: it writes start, stop, step and sample
/// size (< 0: all) of the iterable to `bounds_array`; then `row` over the positions
/// [0, count) writes each generated partner, or NaN where the condition (or a sample's p)
/// leaves it out.
struct ConnectPlan {
    enum class Kind { Pairs, InDegree, OutDegree, OneToOne, Explicit, Generator, EdgeFile, MatrixFile };
    Kind kind = Kind::Pairs;
    KernelCall row;           ///< Pairs: probability of (i, j) for each post j; degrees: K of each line
    int row_array = -1;
    int count_array = -1;     ///< Pairs: synapses per chosen pair (multapses); -1: one
    int line_param = -1;
    bool uniform = false;     ///< Pairs: the probability is the same for every j of a line
    /// Degrees with `blocks`: a label per partner-side neuron (pre for InDegree); partners are
    /// drawn per block, with the degree evaluated for the block's first member (line_param).
    KernelCall blocks;
    int block_array = -1;
    bool multapses = false;   ///< degrees: may a pair be drawn twice
    bool autapses = true;     ///< pre == post element allowed (same group on both sides)
    std::vector<double> pre;  ///< Explicit: the pairs
    std::vector<double> post;
    KernelCall bounds;        ///< Generator: the iterable of one line
    int bounds_array = -1;
    bool lines_are_post = false;   ///< Generator: generates i for each post neuron j
    bool skip_if_invalid = false;  ///< Generator, files: partners outside the group are dropped
    /// EdgeFile: a CSV with a header, columns `i` and `j` (or `pre` and `post`, else the first
    /// two), one synapse per row; MatrixFile: a CSV grid without header, rows post and columns
    /// pre, a synapse where the entry exceeds `threshold`. The path is relative to the current
    /// directory.
    std::string path;
    double threshold = 0.0;
    std::string weight_column;  ///< EdgeFile: a column copied into `weight_array` after init
    int weight_array = -1;      ///< files: the synapse variable (the column's name, else w) that
                                ///< gets the file's values
};

/// A pathway: the statements run for each synapse a spike reaches (on_pre, on_post).
struct PathwayPlan {
    std::string name;         ///< "on_pre", "on_post", "on_pre name"
    bool from_pre = true;     ///< triggered by the pre group's spikes (else the post group's)
    KernelCall kernel;        ///< indexed and serial: runs on a list of synapses
    KernelCall ranges;        ///< the same, serial, on a range of synapse indices
    int delay_array = -1;     ///< per-synapse delay in seconds, -1: no delay
    uint32_t extra_steps = 0; ///< added to every delay: 1 for `order: next_step`
    /// Runs once on each spiking source neuron after `kernel` has run on its synapses: the
    /// pathway's writes to traces kept per neuron (compiler/lower/neuron_traces.h). Invalid
    /// when it writes none.
    KernelCall source_traces;
};

/// A summed variable: the post (or pre) group's `target` becomes the sum over its synapses.
/// When the value is w * f(pre) (one synapse variable w times an expression of the pre neuron),
/// `factor` computes f for each pre neuron into `factor_array`, and a projection that connects
/// all pairs adds the matrix-vector product W f instead of running `add`.
struct SummedPlan {
    KernelCall clear;         ///< sets the target to 0 on the target group's elements
    KernelCall add;           ///< serial, over all synapses: target[post] += value
    KernelCall factor;        ///< not valid: no matrix form
    int factor_array = -1;
    int weight_array = -1;
    int target_array = -1;
};

/// A synapses object: its connections, per-synapse arrays and kernels.
struct SynapsesPlan {
    std::string name;
    int pre_group = -1;
    int post_group = -1;
    int pre_index = -1;       ///< array: each synapse's pre element, in the pre root's arrays
    int post_index = -1;      ///< array: each synapse's post element, in the post root's arrays
    int incoming = -1;        ///< array over the post root: synapses onto each neuron (N_incoming)
    int outgoing = -1;        ///< array over the pre root: synapses from each neuron (N_outgoing)
    int count_param = -1;     ///< parameter slot set to the number of synapses once connected (N)
    /// array of N_pre * N_post values, -1 when not needed: the first synapse from pre a to post b
    /// at a * N_post + b (group-relative), -1 where there is none; filled when connected, read
    /// by S.var[a, b] (compiler/lower/lower_matrix_read.h)
    int pair_index = -1;
    ConnectPlan connect;
    KernelCall init;          ///< defaults and `init:` over the synapses, once connected
    KernelCall delays;        ///< computes the delay arrays of the pathways
    KernelCall update;        ///< clock-driven equations, each step with the groups
    std::vector<PathwayPlan> pathways;
    /// Each step after the pathways: the exact decay over dt of the traces kept per neuron
    /// (one call per side that has such traces), so the pathways read them at the step's time.
    std::vector<KernelCall> trace_steps;
    std::vector<SummedPlan> summed;
    std::vector<std::pair<std::string, int>> variables;  ///< name → array id
};

/// A learning operator that is not per-synapse code (`learning NAME = rls(S, ...)`): run in the
/// Learning slot every `every_steps` steps while its `active` kernel writes a nonzero value.
/// `op` names the operator ("rls": runtime/learning/rls_learner.h on the synapses' weights,
/// input = a variable of the pre root, target = one of the post root, error written to one of
/// the post root). Arrays are the roots' (indexed by root element).
struct LearningPlan {
    std::string name;
    std::string op = "rls";
    int synapses = -1;
    int input_array = -1;
    int target_array = -1;
    int weight_array = -1;
    int error_array = -1;     ///< -1: the error is not kept
    std::vector<KernelCall> prepare;  ///< compute input / target subexpressions into their arrays
    KernelCall active;        ///< one element: writes active_scratch (not valid: always active)
    int active_scratch = -1;
    KernelCall alpha;         ///< one element: writes alpha_scratch when the network is built
    int alpha_scratch = -1;
    size_t every_steps = 1;
};

/// The parts of a time step, run in the plan's order (`schedule:`). GroupStep and SynapsesStep are
/// one object's whole step (ScheduleEntry::object); the other slots skip objects that have one.
enum class StepSlot {
    Summed, Update, Thresholds, Synapses, Inputs, Resets, Learning, SynapseUpdates, GroupStep, SynapsesStep
};

/// One entry of the step order: a slot, or one named object's step at this point.
struct ScheduleEntry {
    StepSlot slot = StepSlot::Summed;
    int object = -1;  ///< GroupStep: the root group's id; SynapsesStep: the synapses object's
    ScheduleEntry(StepSlot s, int o = -1) : slot(s), object(o) {}  // NOLINT: a slot is an entry
    bool operator==(StepSlot s) const { return slot == s; }
};

/// Brian2's order: summed variables, state updates, thresholds (custom events with them),
/// synaptic propagation, Poisson inputs, resets (on_event code with them); learning operators
/// (which Brian2 does not have) last. Synapses' clock-driven updates run right after the groups'
/// in `Update`, unless a schedule places them with SynapseUpdates (not part of the default).
inline const std::vector<ScheduleEntry>& default_schedule() {
    static const std::vector<ScheduleEntry> order = {StepSlot::Summed, StepSlot::Update, StepSlot::Thresholds,
                                                     StepSlot::Synapses, StepSlot::Inputs, StepSlot::Resets,
                                                     StepSlot::Learning};
    return order;
}

/// previous(x) of a state array: `current` holds the array as it is after the step's summed
/// variables (the state the step's right-hand sides see), and at the end of the step it moves to
/// earlier[0], earlier[0] to earlier[1], and so on. Before the first step all hold the initial state.
struct HistoryPlan {
    int source = -1;
    int current = -1;
    std::vector<int> earlier;  ///< earlier[k]: the array k + 1 steps back
};

/// The whole executable network.
struct NetworkPlan {
    double dt = 1e-4;
    bool single_precision = false;  ///< state variables stored as float (ArrayPlan::single)
    std::vector<ScheduleEntry> schedule = default_schedule();
    std::vector<std::string> param_names;
    std::vector<double> params;
    std::vector<ArrayPlan> arrays;
    std::vector<GroupPlan> groups;
    std::vector<SynapsesPlan> synapses;
    std::vector<MonitorPlan> monitors;
    std::vector<LearningPlan> learning;
    std::vector<ProtocolOp> protocol;
    std::vector<TablePlan> tables;  ///< CSV tables the driver loads before building the network
    std::vector<HistoryPlan> history;  ///< arrays read through previous(x)
    std::vector<KernelCall*> all_calls();  ///< every kernel call, for binding
    /// The top-level group whose arrays hold (sub)group `group`'s elements.
    size_t root_group(int group) const;
};


}  // namespace nj::rt
