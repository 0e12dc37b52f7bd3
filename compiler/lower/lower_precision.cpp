// Single precision: the state variables only kernels touch are stored as float.
#include "compiler/lower/lower_precision.h"

#include <map>
#include <set>

namespace nj::lower {

namespace {

/// Variables the runtime reads as times or flags (spike detection, event-driven clocks) or as
/// delays; they keep double whatever the precision.
bool keeps_double(const std::string& variable) {
    static const std::set<std::string, std::less<>> names = {"lastspike", "lastupdate", "delay", "not_refractory"};
    return names.count(variable) > 0;
}

void collect_host_arrays(const std::vector<rt::ProtocolOp>& ops, std::set<int>& out) {
    for (const auto& op : ops) {
        if (op.kind == rt::ProtocolOp::Kind::Analyse && op.array >= 0) out.insert(op.array);
        collect_host_arrays(op.body, out);
        collect_host_arrays(op.else_body, out);
    }
}

/// Arrays that runtime code (not kernels) computes with as doubles.
std::set<int> host_arrays(const rt::NetworkPlan& plan) {
    std::set<int> out;
    collect_host_arrays(plan.protocol, out);
    for (const auto& l : plan.learning) out.insert({l.input_array, l.target_array, l.weight_array, l.error_array});
    for (const auto& s : plan.synapses) {
        out.insert(s.connect.weight_array);
        for (const auto& p : s.pathways) out.insert(p.delay_array);
        for (const auto& m : s.summed) out.insert({m.factor_array, m.weight_array, m.target_array});
    }
    out.erase(-1);
    return out;
}

}  // namespace

bool wants_single_precision(LowerContext& context, const std::string& override) {
    if (!override.empty()) return override == "single";
    bool single = false;
    for (const auto& file : context.model.files) {
        for (const auto& item : file.items) {
            const auto* s = std::get_if<ast::SettingDecl>(&item);
            if (s && s->key == "precision" && !s->items.empty() && !s->items[0].exprs.empty()) {
                single = s->items[0].exprs[0]->text == "single";
            }
        }
    }
    return single;
}

void store_state_in_single(LowerContext& context) {
    rt::NetworkPlan& plan = context.plan;
    plan.single_precision = true;
    std::set<int> host = host_arrays(plan);
    auto mark = [&](const std::vector<std::pair<std::string, int>>& variables) {
        for (const auto& [name, id] : variables) {
            if (!keeps_double(name) && !host.count(id)) plan.arrays[static_cast<size_t>(id)].single = true;
        }
    };
    for (const auto& g : plan.groups) {
        if (g.parent < 0) mark(g.variables);
    }
    for (const auto& s : plan.synapses) mark(s.variables);
    // previous() copies are assigned from their source by the runtime: the same element type
    for (const auto& h : plan.history) {
        bool single = plan.arrays[static_cast<size_t>(h.source)].single;
        plan.arrays[static_cast<size_t>(h.current)].single = single;
        for (int id : h.earlier) plan.arrays[static_cast<size_t>(id)].single = single;
    }
    std::map<std::string, ir::Kernel*, std::less<>> kernels;
    for (auto& k : context.kernels) kernels[k.name] = &k;
    for (const rt::KernelCall* call : plan.all_calls()) {
        auto it = kernels.find(call->kernel);
        if (it == kernels.end()) continue;
        ir::Kernel& kernel = *it->second;
        kernel.single_arrays.assign(call->arrays.size(), false);
        for (size_t slot = 0; slot < call->arrays.size(); ++slot) {
            kernel.single_arrays[slot] = plan.arrays[static_cast<size_t>(call->arrays[slot])].single;
        }
    }
}

}  // namespace nj::lower
