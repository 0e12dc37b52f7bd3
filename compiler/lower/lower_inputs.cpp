// Poisson inputs onto a group variable, as kernels applied in the synapses slot.
#include "compiler/lower/lower_inputs.h"

#include "compiler/lower/lower_expr.h"
#include "compiler/lower/lower_groups.h"

#include <algorithm>

namespace nj::lower {

namespace {

/// The keyword arguments of the constructor call, by name.
std::map<std::string, const ast::Expr*> keywords_of(const ast::Expr& call) {
    std::map<std::string, const ast::Expr*> out;
    for (size_t k = 1; k < call.children.size(); ++k) {
        if (!call.arg_names[k - 1].empty()) out[call.arg_names[k - 1]] = call.children[k].get();
    }
    return out;
}

void lower_poisson_input(const ast::InstanceDecl& decl, LowerContext& context) {
    const ast::Expr& call = *decl.value;
    const ast::Expr* target = call.children.size() > 1 && call.arg_names[0].empty() ? call.children[1].get() : nullptr;
    if (!target || target->kind != ast::ExprKind::Member || target->children[0]->kind != ast::ExprKind::Name ||
        !context.group_ids.count(target->children[0]->text)) {
        context.unsupported(call.range, "a Poisson input whose target is not 'group.variable'");
        return;
    }
    auto args = keywords_of(call);
    if (!args.count("n") || !args.count("rate") || !args.count("weight") ||
        (args.count("when") && (args["when"]->kind != ast::ExprKind::String || args["when"]->text != "synapses"))) {
        context.unsupported(call.range, "a Poisson input without n, rate and weight (or with another 'when')");
        return;
    }
    int id = context.group_ids.at(target->children[0]->text);
    const rt::GroupPlan& g = context.plan.groups[static_cast<size_t>(id)];
    ElementScope scope = group_scope(id, context);
    auto var = scope.arrays.find(target->text);
    if (var == scope.arrays.end()) {
        context.unsupported(target->range, "an input onto '" + target->text + "'");
        return;
    }
    KernelBuilder b = context.new_kernel(decl.name, "input");
    ir::ExprRef n = as_number(lower_expr(*args["n"], b, scope, {}, context));
    ir::ExprRef rate = as_number(lower_expr(*args["rate"], b, scope, {}, context));
    ir::ExprRef weight = as_number(lower_expr(*args["weight"], b, scope, {}, context));
    if (!n || !rate || !weight) return;
    ir::ExprRef mean = ir::binary("*", ir::binary("*", n, rate), ir::dt());
    int slot = b.slot_for(var->second, context.plan.arrays[static_cast<size_t>(var->second)].name);
    ir::ExprRef has_sources = ir::compare(">", n, ir::constant(0));
    if (context.model_trains()) {
        // one expression, as the adjoints of the taped kernels expect
        ir::ExprRef events = ir::select(has_sources, ir::random_poisson(mean, b.next_draw++), ir::constant(0));
        b.kernel.body.push_back(ir::store(slot, ir::binary("+", ir::load(slot), ir::binary("*", weight, events))));
    } else {
        // Without sources (n = 0) nothing is computed, not even random numbers inside the rate;
        // without events the weight is not computed (it may be a costly expression of i).
        int events = b.new_local();
        ir::Stmt add = ir::store(slot, ir::binary("+", ir::load(slot), ir::binary("*", weight, ir::local(events))));
        std::vector<ir::Stmt> draw{ir::set_local(events, ir::random_poisson(mean, b.next_draw++)),
                                   ir::if_then(ir::compare(">", ir::local(events), ir::constant(0)), {add})};
        b.kernel.body.push_back(ir::if_then(has_sources, std::move(draw)));
    }
    context.guard_refractory_writes(b);
    // Inputs run on the root group's plan; the range selects a subgroup's slice.
    size_t root = context.root_group(id);
    rt::KernelCall input = context.finish(b, g.offset, g.offset + g.size);
    context.plan.groups[root].inputs.push_back(input);
}

}  // namespace

void lower_inputs(LowerContext& context) {
    for (const auto& file : context.model.files) {
        for (const auto& item : file.items) {
            const auto* d = std::get_if<ast::InstanceDecl>(&item);
            if (!d || d->kind != "input") continue;
            bool poisson = !d->call_form && d->value->kind == ast::ExprKind::Call &&
                           d->value->children[0]->text == "poisson_input";
            if (poisson) lower_poisson_input(*d, context);
            else context.unsupported(d->kind_range, "this input");
        }
    }
}

}  // namespace nj::lower
