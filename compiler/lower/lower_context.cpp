// Bookkeeping of the lowering: kernel slots, array and kernel registration, reports.
#include "compiler/lower/lower_context.h"

#include "compiler/ir/passes/element_cost.h"
#include "compiler/ir/passes/target_split.h"

#include <algorithm>
#include <cctype>

namespace nj::lower {

int KernelBuilder::slot_for(int id, const std::string& name) {
    if (history_depth > 0 && context) {
        int earlier = context->history_array(id, history_depth);
        if (earlier != id) return slot_for_array(earlier, context->plan.arrays[static_cast<size_t>(earlier)].name);
    }
    return slot_for_array(id, name);
}

int KernelBuilder::slot_for_array(int id, const std::string& name) {
    for (size_t k = 0; k < array_ids.size(); ++k) {
        if (array_ids[k] == id) return static_cast<int>(k);
    }
    array_ids.push_back(id);
    kernel.arrays.push_back(name);
    return static_cast<int>(array_ids.size() - 1);
}

namespace {

void collect_stores(const std::vector<ir::Stmt>& body, const std::vector<int>& array_ids, rt::KernelCall& call) {
    auto add = [](std::vector<int>& list, int id) {
        if (std::find(list.begin(), list.end(), id) == list.end()) list.push_back(id);
    };
    for (const ir::Stmt& s : body) {
        if (s.kind == ir::StmtKind::Store) {
            int id = array_ids[static_cast<size_t>(s.slot)];
            add(call.stores, id);
            if (s.index && std::find(call.stores_elsewhere.begin(), call.stores_elsewhere.end(), id) ==
                               call.stores_elsewhere.end()) {
                // written at index_array[i]: the runtime can then keep just those elements
                bool one_array = s.index->kind == ir::ExprKind::Load && !s.index->args[0];
                call.stores_elsewhere.push_back(id);
                call.stores_elsewhere_at.push_back(one_array ? array_ids[static_cast<size_t>(s.index->slot)] : -1);
            } else if (s.index) {
                // written at several index expressions: the whole array
                auto k = std::find(call.stores_elsewhere.begin(), call.stores_elsewhere.end(), id) -
                         call.stores_elsewhere.begin();
                bool same = s.index->kind == ir::ExprKind::Load && !s.index->args[0] &&
                            array_ids[static_cast<size_t>(s.index->slot)] == call.stores_elsewhere_at[static_cast<size_t>(k)];
                if (!same) call.stores_elsewhere_at[static_cast<size_t>(k)] = -1;
            }
        }
        collect_stores(s.then_body, array_ids, call);
        collect_stores(s.else_body, array_ids, call);
    }
}

}  // namespace

rt::KernelCall KernelBuilder::call(size_t begin, size_t end) const {
    rt::KernelCall c;
    c.kernel = kernel.name;
    c.arrays = array_ids;
    c.begin = begin;
    c.end = end;
    c.serial = kernel.serial;
    // a sampler costs ~0.1 us an element, so a few hundred elements already pay for a thread
    if (ir::costly_per_element(kernel)) c.split_from = 256;
    if (kernel.serial) {
        int slot = ir::target_split_slot(kernel);
        c.split_target = slot >= 0 ? array_ids[static_cast<size_t>(slot)] : slot;
    }
    collect_stores(kernel.body, array_ids, c);
    return c;
}

void LowerContext::unsupported(support::SourceRange range, const std::string& what) {
    failed = true;
    diags.report(support::DiagCode::RunUnsupported, range,
                 what + " is not supported by 'neurojit run' yet")
        .note("'neurojit check' accepts the model; the simulation runtime is still growing");
}

std::string LowerContext::kernel_name(const std::string& stem) {
    std::string clean;
    for (char c : stem) clean += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
    return "nj_" + clean + "_" + std::to_string(kernel_count++);
}

int LowerContext::add_array(const std::string& name, size_t size, double initial) {
    plan.arrays.push_back(rt::ArrayPlan{name, size, initial, {}});
    return static_cast<int>(plan.arrays.size() - 1);
}

namespace {

void guard_stores(std::vector<ir::Stmt>& body, KernelBuilder& b, const std::map<int, int>& held,
                  const rt::NetworkPlan& plan) {
    for (ir::Stmt& s : body) {
        guard_stores(s.then_body, b, held, plan);
        guard_stores(s.else_body, b, held, plan);
        if (s.kind != ir::StmtKind::Store) continue;
        auto it = held.find(b.array_ids[static_cast<size_t>(s.slot)]);
        if (it == held.end()) continue;
        int flag = b.slot_for_array(it->second, plan.arrays[static_cast<size_t>(it->second)].name);
        ir::ExprRef free = ir::compare(">", ir::load(flag, s.index), ir::constant(0.5));
        ir::ExprRef value = ir::select(free, s.value, ir::load(s.slot, s.index));
        s = s.index ? ir::store_at(s.slot, s.index, value) : ir::store(s.slot, value);
    }
}

}  // namespace

void LowerContext::guard_refractory_writes(KernelBuilder& builder) const {
    guard_stores(builder.kernel.body, builder, held_while_refractory, plan);
}

rt::KernelCall LowerContext::finish(KernelBuilder& builder, size_t begin, size_t end) {
    builder.kernel.params = plan.param_names;
    kernels.push_back(builder.kernel);
    return builder.call(begin, end);
}

KernelBuilder LowerContext::new_kernel(const std::string& stem, const std::string& role) {
    KernelBuilder b;
    b.kernel.name = kernel_name(stem + "_" + role);
    b.kernel.role = role;
    b.kernel.stream = static_cast<unsigned>(kernel_count);
    b.context = this;
    b.owner = stem;
    return b;
}

namespace {

bool contains_train(const ast::Item& item) {
    if (item.kind == ast::ItemKind::Train) return true;
    for (const auto* block : {&item.children, &item.else_children}) {
        if (std::any_of(block->begin(), block->end(), [](const ast::Item& i) { return contains_train(i); })) return true;
    }
    return false;
}

}  // namespace

bool LowerContext::model_trains() const {
    for (const auto& file : model.files) {
        for (const auto& top : file.items) {
            const auto* item = std::get_if<ast::Item>(&top);
            if (item && contains_train(*item)) return true;
        }
    }
    return false;
}

size_t LowerContext::root_group(int group) const {
    auto g = static_cast<size_t>(group);
    while (plan.groups[g].parent >= 0) g = static_cast<size_t>(plan.groups[g].parent);
    return g;
}

namespace {

bool is_state_array(int id, const rt::NetworkPlan& plan) {
    auto holds = [id](const std::vector<std::pair<std::string, int>>& variables) {
        return std::any_of(variables.begin(), variables.end(), [id](const auto& v) { return v.second == id; });
    };
    for (const auto& g : plan.groups) {
        if (holds(g.variables)) return true;
    }
    for (const auto& s : plan.synapses) {
        if (holds(s.variables)) return true;
    }
    return false;
}

}  // namespace

int LowerContext::history_array(int id, int depth) {
    if (auto it = history_ids.find({id, depth}); it != history_ids.end()) return it->second;
    if (!is_state_array(id, plan)) return id;
    auto copy_of = [this, id](const std::string& suffix) {
        const rt::ArrayPlan source = plan.arrays[static_cast<size_t>(id)];
        int copy = add_array(source.name + suffix, source.size, source.initial);
        plan.arrays[static_cast<size_t>(copy)].synapses = source.synapses;
        return copy;
    };
    auto entry = std::find_if(plan.history.begin(), plan.history.end(), [id](const auto& h) { return h.source == id; });
    if (entry == plan.history.end()) {
        plan.history.push_back(rt::HistoryPlan{id, copy_of(".current"), {}});
        entry = plan.history.end() - 1;
    }
    while (static_cast<int>(entry->earlier.size()) < depth) {
        int steps = static_cast<int>(entry->earlier.size()) + 1;
        int copy = copy_of(".previous" + (steps > 1 ? std::to_string(steps) : std::string()));
        entry->earlier.push_back(copy);
        history_ids[{id, steps}] = copy;
    }
    return history_ids.at({id, depth});
}

const ast::InstanceDecl* LowerContext::instance_decl(const std::string& name) const {
    const ast::InstanceDecl* found = nullptr;
    for (const auto& file : model.files) {
        for (const auto& item : file.items) {
            const auto* d = std::get_if<ast::InstanceDecl>(&item);
            if (d && d->name == name) found = d;
        }
    }
    return found;
}

const ast::TypeDecl* LowerContext::type_decl(const std::string& name) const {
    const ast::TypeDecl* found = nullptr;
    for (const auto& file : model.files) {
        for (const auto& item : file.items) {
            const auto* t = std::get_if<ast::TypeDecl>(&item);
            if (t && t->name == name) found = t;
        }
    }
    return found;
}

int LowerContext::loop_slot(const std::string& name) {
    plan.param_names.push_back("loop:" + name);
    plan.params.push_back(0.0);
    return static_cast<int>(plan.params.size() - 1);
}

}  // namespace nj::lower
