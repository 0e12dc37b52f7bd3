// State shared while turning a checked model into kernels and a network plan.
#pragma once

#include "compiler/ir/ir.h"
#include "compiler/sema/model.h"
#include "compiler/support/diagnostic_engine.h"
#include "runtime/abi.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace nj::lower {

struct LowerContext;

/// A kernel under construction: its IR and the global array behind each of its slots.
struct KernelBuilder {
    ir::Kernel kernel;
    std::vector<int> array_ids;  ///< slot → global array id
    int next_draw = 0;           ///< draw numbers 0..999 for model code (integrators use 1000+)
    LowerContext* context = nullptr;  ///< set by LowerContext::new_kernel
    std::string owner;                ///< the object it belongs to (new_kernel's stem: "E", "S")
    /// Inside previous(...) (nested: 2, ...): state arrays read here are their copies from that
    /// many steps earlier (LowerContext::history_array).
    int history_depth = 0;

    /// The kernel slot of global array `id`, added on first use.
    int slot_for(int id, const std::string& name);
    /// slot_for without the history redirection.
    int slot_for_array(int id, const std::string& name);
    int new_local() { return kernel.locals++; }
    /// The finished call over [begin, end) of the plan's arrays.
    rt::KernelCall call(size_t begin, size_t end) const;
};

/// An element index other than the loop's: `index_array[i]` when index_array >= 0 (the neuron
/// a synapse connects), else the expression `index` (built without slots: parameters, i).
struct ElementIndex {
    int index_array = -1;
    ir::ExprRef index;
};

/// A variable read and written at another element: a pre- or post-synaptic neuron's variable
/// in synapse code is `array[index_array[i]]`.
struct IndirectArray {
    int array = -1;
    ElementIndex at;
};

/// An index name of element code that is not the loop index: synapse code's i and j, which
/// count from the first element of the pre and post group (`offset` in the root's arrays).
struct IndexName {
    ElementIndex at;
    double offset = 0;
};

/// The names an element expression sees besides parameters: a group's variables (in synapse
/// code: the synapses' own variables, and the neurons' through `indirect`).
struct ElementScope {
    std::map<std::string, int, std::less<>> arrays;  ///< variable → global array id
    std::map<std::string, IndirectArray, std::less<>> indirect;
    std::map<std::string, IndexName, std::less<>> indices;
    std::map<std::string, double, std::less<>> constants;  ///< N_pre, N_post
    std::map<std::string, int, std::less<>> params;        ///< names read from a parameter slot (a synapse count N)
    std::map<std::string, const ast::Equation*, std::less<>> subexpressions;
    /// prev(x): the array the update kernel copies x into before integrating (lower_groups).
    std::map<std::string, int, std::less<>> previous;
    /// Subexpressions of another element (a synapse's pre or post neuron): each is lowered in
    /// that element's scope.
    std::map<std::string, std::pair<const ast::Equation*, std::shared_ptr<const ElementScope>>, std::less<>>
        foreign_subexpressions;
    double size = 1;          ///< N
    double index_offset = 0;  ///< a subgroup's first element in its parent: `i` counts from it
};

/// Expressions bound to names by the lowering itself (user-function arguments, noise).
using Bindings = std::map<std::string, ir::ExprRef, std::less<>>;

/// A table the kernels read (lower_tables.h): a table loaded at network-build time (a `csv` file,
/// or json, node_list, ... read or computed then), whose shape is in two parameters, or an
/// inline `timed` array whose shape is known now.
struct LoweredTable {
    bool timed = false;
    int array = -1;       ///< global array id of the values, row-major
    int plan_index = -1;  ///< csv: index in plan.tables
    int rows_param = -1;  ///< csv: parameter slots holding the shape once loaded
    int cols_param = -1;
    size_t steps = 0;     ///< timed: number of time steps
    size_t columns = 0;   ///< timed: values per step (0: a 1-D timed array)
    double step = 0.0;    ///< timed: its dt, in seconds
    double scale = 1.0;   ///< csv: SI value of its `unit`
    int max_param = -1;   ///< loaded tables: parameter slot of the largest entry (max_of)
    bool json = false;    ///< a json table: read only through learned()
};

/// Model-wide lowering state.
struct LowerContext {
    const sema::CheckedModel& model;
    support::DiagnosticEngine& diags;
    rt::NetworkPlan& plan;
    std::vector<ir::Kernel>& kernels;
    std::map<std::string, int, std::less<>> param_slots;
    std::map<std::string, const ast::FunctionDecl*, std::less<>> functions;
    std::map<std::string, int, std::less<>> group_ids;
    int kernel_count = 0;
    bool failed = false;
    std::map<std::string, LoweredTable, std::less<>> tables;
    /// The schedule runs thresholds right after the state updates (lower_schedule).
    bool fuse_thresholds = true;
    /// Synapses objects the protocol freezes → the parameter slot of their `frozen` flag.
    std::map<std::string, int, std::less<>> frozen_params;
    /// Per root group: state variables read through prev(x) → the array holding x at the start
    /// of the step.
    std::map<int, std::map<std::string, int, std::less<>>> prev_arrays;
    /// previous(x): (state array, steps back) → the array holding it (plan.history).
    std::map<std::pair<int, int>, int> history_ids;
    /// Arrays of variables marked `unless refractory` in groups with a refractory period → the
    /// group's not_refractory array (guard_refractory_writes).
    std::map<int, int> held_while_refractory;
    /// State variables are stored as float (lower_precision.h).
    bool single_precision = false;

    /// Reports that `what` (at `range`) is not supported by `neurojit run` yet.
    void unsupported(support::SourceRange range, const std::string& what);
    /// A fresh kernel name with a readable stem ("E_update_3").
    std::string kernel_name(const std::string& stem);
    /// Adds an array to the plan and returns its id.
    int add_array(const std::string& name, size_t size, double initial);
    /// Adds `builder`'s kernel to the module and returns its call over [begin, end).
    rt::KernelCall finish(KernelBuilder& builder, size_t begin, size_t end);
    /// Brian2's rule for a variable marked `unless refractory`: code other than its group's own
    /// integration and reset (synaptic pathways, inputs) changes it only while the neuron is not
    /// refractory. Makes every such store of `builder` keep the old value otherwise.
    void guard_refractory_writes(KernelBuilder& builder) const;
    /// A parameter slot for a protocol loop variable.
    int loop_slot(const std::string& name);
    /// A kernel named after `stem` and `role` ("E_update_3") with its own random stream.
    KernelBuilder new_kernel(const std::string& stem, const std::string& role);
    /// The top-level group whose arrays hold (sub)group `group`'s variables.
    size_t root_group(int group) const;
    /// Whether the protocol has a `train` statement (its forward passes are taped, and runtime
    /// shortcuts that the tape does not record must stay off).
    bool model_trains() const;
    /// The copy of state array `id` (a group's or synapses object's variable) as it was `depth`
    /// steps earlier, added to plan.history on first use; `id` itself for any other array.
    int history_array(int id, int depth);
    /// The declaration of instance `name` and the type declarations, from every file.
    const ast::InstanceDecl* instance_decl(const std::string& name) const;
    const ast::TypeDecl* type_decl(const std::string& name) const;
};

}  // namespace nj::lower
