// Arrays and copies behind prev(x).
#include "compiler/lower/lower_previous.h"

#include <set>

namespace nj::lower {

namespace {

void collect_in_expr(const ast::Expr& e, std::set<std::string>& out) {
    if (e.kind == ast::ExprKind::Call && e.children.size() == 2 && e.children[0]->kind == ast::ExprKind::Name &&
        e.children[0]->text == "prev" && e.children[1]->kind == ast::ExprKind::Name) {
        out.insert(e.children[1]->text);
    }
    for (const auto& c : e.children) {
        if (c) collect_in_expr(*c, out);
    }
}

void collect_in_items(const std::vector<ast::Item>& items, std::set<std::string>& out) {
    for (const auto& item : items) {
        for (const auto& e : item.exprs) {
            if (e) collect_in_expr(*e, out);
        }
        collect_in_items(item.children, out);
        collect_in_items(item.else_children, out);
    }
}

}  // namespace

void add_prev_arrays(const Bodies& bodies, int id, LowerContext& context) {
    std::set<std::string> names;
    for (const auto* body : bodies) collect_in_items(*body, names);
    rt::GroupPlan& g = context.plan.groups[static_cast<size_t>(id)];
    for (const auto& name : names) {
        for (const auto& [variable, array] : g.variables) {
            if (variable != name) continue;
            // not a group variable: monitors, analyses and the finiteness check never see it
            int copy = context.add_array(g.name + "." + name + ".prev", g.size, 0.0);
            context.prev_arrays[id][name] = copy;
            break;
        }
    }
}

void copy_prev_values(int id, KernelBuilder& b, LowerContext& context) {
    auto it = context.prev_arrays.find(id);
    if (it == context.prev_arrays.end()) return;
    const rt::GroupPlan& g = context.plan.groups[static_cast<size_t>(id)];
    for (const auto& [name, copy] : it->second) {
        for (const auto& [variable, array] : g.variables) {
            if (variable != name) continue;
            int from = b.slot_for(array, context.plan.arrays[static_cast<size_t>(array)].name);
            int to = b.slot_for(copy, context.plan.arrays[static_cast<size_t>(copy)].name);
            b.kernel.body.push_back(ir::store(to, ir::load(from)));
        }
    }
}

}  // namespace nj::lower
