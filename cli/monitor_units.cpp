// Units of the recorded arrays, from the checker's variable tables.
#include "cli/monitor_units.h"

#include "compiler/units/format_dimension.h"

namespace nj::cli {

namespace {

/// The variables of the group or synapses object a monitor records (a subgroup's are its
/// parent's), or null.
const sema::VariableTable* recorded_variables(const sema::CheckedModel& model, const rt::NetworkPlan& plan,
                                              const rt::MonitorPlan& m) {
    if (m.synapses >= 0) {
        const std::string& name = plan.synapses[static_cast<size_t>(m.synapses)].name;
        for (const auto& s : model.synapses) {
            if (s.name == name) return &s.variables;
        }
        return nullptr;
    }
    const std::string& name = plan.groups[static_cast<size_t>(m.group)].name;
    for (const auto& g : model.groups) {
        if (g.name != name) continue;
        const sema::GroupInfo* owner = &g;
        while (owner->parent && owner->variables.by_name.empty()) owner = owner->parent;
        return &owner->variables;
    }
    return nullptr;
}

}  // namespace

nlohmann::json monitor_units(const sema::CheckedModel& model, const rt::NetworkPlan& plan) {
    nlohmann::json units = nlohmann::json::object();
    for (const auto& m : plan.monitors) {
        units[m.name + "_t"] = "second";
        if (m.kind == rt::MonitorPlan::Kind::Rate) units[m.name + "_rate"] = "hertz";
        if (m.kind != rt::MonitorPlan::Kind::State) continue;
        const sema::VariableTable* variables = recorded_variables(model, plan, m);
        for (const auto& [name, array] : m.variables) {
            const sema::Variable* v = variables ? variables->find(name) : nullptr;
            if (v && v->type.kind == sema::ExprType::Kind::Number) units[m.name + "_" + name] = units::format_dimension(v->type.dim);
        }
    }
    return units;
}

}  // namespace nj::cli
