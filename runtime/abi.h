// The one header shared by compiler and runtime: kernel signature, state layout, network plan.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace nj::rt {

/// Version of this interface; generated code and runtime must agree.
inline constexpr int abi_version = 1;

/// What every kernel receives. The field order is part of the ABI: codegen mirrors it.
struct KernelArgs {
    double* const* arrays;  ///< array slot → element 0 of that variable's values
    const double* params;   ///< parameter slot → value (SI)
    double t;               ///< time at the start of the step, in seconds
    double dt;              ///< the step, in seconds
    uint64_t step;          ///< step number; part of every random-number key
    uint64_t seed;          ///< run seed; part of every random-number key
    int64_t begin;          ///< first element index to process
    int64_t end;            ///< one past the last element index
};

/// A compiled kernel: runs its body for each element index in [begin, end).
using KernelFn = void (*)(const KernelArgs*);

// ---- the network plan: what the compiler hands the runtime ----------------------------
// Plain data: the compiler fills it, the driver binds each KernelCall to its compiled
// function, and the runtime executes it.

/// One array of doubles: a variable of a group (or a scratch value of the protocol).
struct ArrayPlan {
    std::string name;       ///< "E.v"
    size_t size = 0;
    double initial = 0.0;   ///< value before init kernels run
    std::vector<double> values;  ///< when not empty: the initial contents (tables), size values
};

/// A table read from a CSV file when the network is built (rt::load_tables): its values go to
/// array `array` in row-major order, its shape to parameters `rows_param` and `cols_param`.
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
};

/// A compiled kernel applied to elements [begin, end) with its arrays bound in slot order.
struct KernelCall {
    std::string kernel;       ///< kernel symbol
    KernelFn fn = nullptr;    ///< bound by the driver after JIT compilation
    std::vector<int> arrays;  ///< global array ids, in the kernel's slot order
    size_t begin = 0;
    size_t end = 0;
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
    KernelCall threshold;    ///< writes `spiked`; not valid when the update kernel does
    KernelCall reset;        ///< reset of the elements that spiked
    /// Inputs onto the group's variables (poisson_input), applied in Brian2's default slot
    /// for them: after the thresholds, before the resets.
    std::vector<KernelCall> inputs;
    /// Custom events: flag kernels run with the thresholds, on_event kernels with the resets.
    std::vector<KernelCall> events;
    std::vector<KernelCall> on_events;
    /// Array ids that update, threshold and reset may store a non-finite value to (stores of
    /// flags, constants and conditions are left out); empty: not known (then every array they
    /// bind). The runtime checks only these for non-finite values after a step.
    std::vector<int> step_writes;
    std::vector<std::pair<std::string, int>> variables;  ///< name → array id
};

/// A recorder.
struct MonitorPlan {
    enum class Kind { Spikes, State, Rate };
    Kind kind = Kind::Spikes;
    std::string name;
    int group = -1;
    std::vector<std::pair<std::string, int>> variables;  ///< State: name → array id
    size_t record_begin = 0;  ///< elements recorded, relative to the group
    size_t record_end = 0;
    size_t every_steps = 1;
};

/// One protocol operation. Scalar values come from a one-element kernel writing `scratch`.
struct ProtocolOp {
    enum class Kind { Run, Repeat, For, If, SetParam, SetArray, Store, Restore, Analyse, Print };
    Kind kind = Kind::Run;
    KernelCall value;          ///< Run: duration; Repeat: count; If: condition; SetParam: value
    int scratch = -1;          ///< array the value kernel writes
    KernelCall action;         ///< SetArray: the kernel that assigns a group variable
    int param = -1;            ///< SetParam / For: parameter slot
    std::vector<double> items; ///< For: the values
    std::string name;          ///< Store/Restore name; Analyse: result name; Print: text
    std::string analysis;      ///< Analyse: which analysis
    std::vector<int> groups;   ///< Analyse: groups it reads
    std::vector<ProtocolOp> body;
    std::vector<ProtocolOp> else_body;
};

/// The whole executable network.
struct NetworkPlan {
    double dt = 1e-4;
    std::vector<std::string> param_names;
    std::vector<double> params;
    std::vector<ArrayPlan> arrays;
    std::vector<GroupPlan> groups;
    std::vector<MonitorPlan> monitors;
    std::vector<ProtocolOp> protocol;
    std::vector<TablePlan> tables;  ///< CSV tables the driver loads before building the network
    std::vector<KernelCall*> all_calls();  ///< every kernel call, for binding
};


}  // namespace nj::rt
