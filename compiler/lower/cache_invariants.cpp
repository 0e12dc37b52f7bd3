// Per-run caches of the values group updates compute from constants (cache_invariants.h).
#include "compiler/lower/cache_invariants.h"

#include "compiler/ir/passes/element_cost.h"
#include "compiler/ir/passes/element_invariants.h"

#include <map>
#include <set>
#include <string>

namespace nj::lower {

namespace {

/// Kernel roles that run only between runs (network build and protocol statements).
bool runs_between_runs(const std::string& role) {
    static const std::set<std::string> roles = {"init", "protocol", "connect", "connect_blocks",
                                                "connect_bounds", "delays"};
    return roles.count(role) > 0;
}

/// Arrays some kernel, or the runtime itself (summed variables, learning rules), writes while
/// steps run.
std::set<int> arrays_written_in_steps(LowerContext& context) {
    std::map<std::string, const ir::Kernel*> by_name;
    for (const ir::Kernel& k : context.kernels) by_name[k.name] = &k;
    std::set<int> written;
    for (const rt::KernelCall* call : context.plan.all_calls()) {
        auto kernel = by_name.find(call->kernel);
        if (kernel != by_name.end() && runs_between_runs(kernel->second->role)) continue;
        written.insert(call->stores.begin(), call->stores.end());
    }
    for (const rt::SynapsesPlan& s : context.plan.synapses) {
        for (const auto& summed : s.summed) written.insert(summed.target_array);
    }
    for (const rt::LearningPlan& l : context.plan.learning) written.insert({l.weight_array, l.error_array});
    return written;
}

/// Array ids of the groups' parameters flagged `constant` and of the model's constant lists.
std::set<int> constant_candidate_arrays(const LowerContext& context) {
    std::set<int> ids;
    for (size_t a = 0; a < context.plan.arrays.size(); ++a) {
        if (context.plan.arrays[a].name.starts_with("list:")) ids.insert(static_cast<int>(a));
    }
    for (const sema::GroupInfo& info : context.model.groups) {
        auto group = context.group_ids.find(info.name);
        if (info.parent || group == context.group_ids.end()) continue;
        for (const auto& [name, id] : context.plan.groups[static_cast<size_t>(group->second)].variables) {
            const sema::Variable* var = info.variables.find(name);
            if (var && var->has_flag("constant")) ids.insert(id);
        }
    }
    return ids;
}

ir::Kernel* kernel_named(LowerContext& context, const std::string& name) {
    for (ir::Kernel& k : context.kernels) {
        if (k.name == name) return &k;
    }
    return nullptr;
}

/// Splits the per-step kernel of `call` (the update or an input of root group `group`): it reads
/// the values no step changes from new arrays, which a kernel added to the group's
/// cached_values fills.
void cache_call(size_t group, rt::KernelCall& call, const std::set<int>& constant_arrays, LowerContext& context) {
    ir::Kernel* kernel = kernel_named(context, call.kernel);
    if (!kernel) return;
    std::vector<bool> constant_slot;
    for (int id : call.arrays) constant_slot.push_back(constant_arrays.count(id) > 0);
    const int first_slot = static_cast<int>(kernel->arrays.size());
    ir::ElementInvariants split = ir::split_element_invariants(*kernel, constant_slot, first_slot);
    if (split.cached.empty()) return;

    const std::string group_name = context.plan.groups[group].name;
    const size_t size = context.plan.groups[group].size;
    ir::Kernel fill = *kernel;
    fill.name = context.kernel_name(group_name + "_cached_values");
    fill.role = "cached_values";
    fill.body = split.setup;
    std::vector<int> cache_ids;
    for (size_t k = 0; k < split.cached.size(); ++k) {
        std::string name = group_name + ".cached_" + std::to_string(context.plan.arrays.size());
        cache_ids.push_back(context.add_array(name, size, 0.0));
        fill.arrays.push_back(name);
        if (!fill.single_arrays.empty()) fill.single_arrays.push_back(false);
        fill.body.push_back(ir::store(first_slot + static_cast<int>(k), split.cached[k]));
    }
    kernel->arrays = fill.arrays;
    kernel->single_arrays = fill.single_arrays;
    kernel->body = std::move(split.body);
    call.arrays.insert(call.arrays.end(), cache_ids.begin(), cache_ids.end());
    if (!ir::costly_per_element(*kernel)) call.split_from = 0;

    rt::KernelCall filler;
    filler.kernel = fill.name;
    filler.arrays = call.arrays;
    filler.stores = cache_ids;
    filler.begin = call.begin;
    filler.end = call.end;
    filler.every = call.every;
    filler.split_from = ir::costly_per_element(fill) ? 256 : 0;
    context.kernels.push_back(std::move(fill));
    context.plan.groups[group].cached_values.push_back(std::move(filler));
}

}  // namespace

void cache_element_invariants(LowerContext& context) {
    if (context.model_trains()) return;
    std::set<int> constant_arrays = constant_candidate_arrays(context);
    for (int id : arrays_written_in_steps(context)) constant_arrays.erase(id);
    if (constant_arrays.empty()) return;
    for (size_t g = 0; g < context.plan.groups.size(); ++g) {
        if (context.plan.groups[g].parent >= 0) continue;
        if (context.plan.groups[g].update.valid()) cache_call(g, context.plan.groups[g].update, constant_arrays, context);
        // inputs onto a subgroup run on its root's arrays over the subgroup's range
        for (size_t k = 0; k < context.plan.groups[g].inputs.size(); ++k)
            cache_call(g, context.plan.groups[g].inputs[k], constant_arrays, context);
    }
}

}  // namespace nj::lower
