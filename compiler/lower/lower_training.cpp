// The train statement, its loss and the adjoints of the step kernels (see lower_training.h).
#include "compiler/lower/lower_training.h"

#include "compiler/ir/passes/adjoint.h"
#include "compiler/lower/lower_calls.h"
#include "compiler/lower/lower_expr.h"

#include <algorithm>
#include <map>
#include <set>

namespace nj::lower {

namespace {

bool is_reduction(const ast::Expr& e) {
    if (e.kind != ast::ExprKind::Call || e.children.empty()) return false;
    const ast::Expr& callee = *e.children[0];
    return callee.kind == ast::ExprKind::Name &&
           (callee.text == "sum" || callee.text == "mean" || callee.text == "batch_mean" || callee.text == "cross_entropy");
}

bool contains_reduction(const ast::Expr& e) {
    if (is_reduction(e)) return true;
    return std::any_of(e.children.begin(), e.children.end(), [](const auto& c) { return c && contains_reduction(*c); });
}

/// The loss expression over term parameters: reductions become parameter loads, the rest is
/// lowered as any protocol expression.
class LossLowerer {
public:
    LossLowerer(LowerContext& context, KernelBuilder& builder, rt::TrainPlan& plan)
        : context_(context), builder_(builder), plan_(plan) {}

    ir::ExprRef lower(const ast::Expr& e) {
        if (!contains_reduction(e)) {
            ir::ExprRef value = lower_expr(e, builder_, ElementScope{}, {}, context_);
            return value ? as_number(value) : nullptr;
        }
        if (is_reduction(e)) return term(e);
        if (e.kind == ast::ExprKind::Unary && e.text == "+") return lower(*e.children[0]);
        if (e.kind == ast::ExprKind::Unary && e.text == "-") {
            ir::ExprRef operand = lower(*e.children[0]);
            return operand ? ir::unary("-", operand) : nullptr;
        }
        if (e.kind == ast::ExprKind::Binary && std::string("+-*/").find(e.text) != std::string::npos && e.text.size() == 1) {
            return both(e.text, e);
        }
        if (e.kind == ast::ExprKind::Binary && e.text == "**") return both("pow", e);
        if (e.kind == ast::ExprKind::Call && e.children[0]->kind == ast::ExprKind::Name &&
            ir::call_arity(e.children[0]->text) == static_cast<int>(e.children.size() - 1)) {
            std::vector<ir::ExprRef> args;
            for (size_t k = 1; k < e.children.size(); ++k) {
                ir::ExprRef a = lower(*e.children[k]);
                if (!a) return nullptr;
                args.push_back(a);
            }
            return ir::call(e.children[0]->text, std::move(args));
        }
        context_.unsupported(e.range, "sum(...) or mean(...) inside this " + std::string(ast::describe(e.kind)) +
                                          " of a loss (use + - * / ** and math functions around them)");
        return nullptr;
    }

private:
    ir::ExprRef both(const std::string& op, const ast::Expr& e) {
        ir::ExprRef lhs = lower(*e.children[0]);
        ir::ExprRef rhs = lower(*e.children[1]);
        return lhs && rhs ? ir::binary(op, lhs, rhs) : nullptr;
    }

    /// sum(G.v), mean(G.v), batch_mean(G.v), cross_entropy(G.z, G.target[, G.trial]): a parameter
    /// slot the runtime fills with the reduction.
    ir::ExprRef term(const ast::Expr& call) {
        const std::string& how = call.children[0]->text;
        using Kind = rt::TrainPlan::Term::Kind;
        rt::TrainPlan::Term t;
        t.kind = how == "mean"            ? Kind::Mean
                 : how == "batch_mean"    ? Kind::BatchMean
                 : how == "cross_entropy" ? Kind::CrossEntropy
                                          : Kind::Sum;
        size_t wanted = t.kind == Kind::CrossEntropy ? 2 : 1;
        size_t given = call.children.size() - 1;
        if (given < wanted || given > (t.kind == Kind::CrossEntropy ? 3u : 1u)) {
            context_.unsupported(call.range, how + "(...) with " + std::to_string(given) + " arguments in a loss");
            return nullptr;
        }
        std::string object;
        std::vector<int> arrays;
        for (size_t k = 1; k <= given; ++k) {
            const ast::Expr& arg = *call.children[k];
            if (arg.kind != ast::ExprKind::Member || arg.children[0]->kind != ast::ExprKind::Name ||
                (!object.empty() && arg.children[0]->text != object)) {
                context_.unsupported(arg.range, "this argument of " + how + "(...) in a loss: every argument is a "
                                                "variable 'G.v' of one group or synapses object");
                return nullptr;
            }
            object = arg.children[0]->text;
            rt::TrainPlan::Term found;
            if (!find_variable(object, arg.text, found)) {
                context_.unsupported(arg.range, "'" + object + "." + arg.text +
                                                    "' in a loss: it must be a stored variable of a group or "
                                                    "synapses (a subexpression cannot be reduced; make it a state "
                                                    "variable)");
                return nullptr;
            }
            if (k == 1) t = rt::TrainPlan::Term{t.kind, found.array, found.begin, found.end, -1, -1, -1, ""};
            arrays.push_back(found.array);
        }
        if (t.kind == Kind::CrossEntropy) {
            t.target = arrays[1];
            t.by = given == 3 ? arrays[2] : -1;
        }
        t.text = how + "(" + object + "." + call.children[1]->text + (given > 1 ? ", ..." : "") + ")";
        context_.plan.param_names.push_back("loss_term:" + t.text);
        context_.plan.params.push_back(0.0);
        t.param = static_cast<int>(context_.plan.params.size() - 1);
        plan_.terms.push_back(t);
        return ir::param(t.param);
    }

    bool find_variable(const std::string& object, const std::string& variable, rt::TrainPlan::Term& t) {
        auto lookup = [&](const std::vector<std::pair<std::string, int>>& variables) {
            for (const auto& [name, id] : variables) {
                if (name == variable) return id;
            }
            return -1;
        };
        if (auto g = context_.group_ids.find(object); g != context_.group_ids.end()) {
            const rt::GroupPlan& group = context_.plan.groups[static_cast<size_t>(g->second)];
            t.array = lookup(group.variables);
            t.begin = group.offset;
            t.end = group.offset + group.size;
            return t.array >= 0;
        }
        for (const auto& s : context_.plan.synapses) {
            if (s.name != object) continue;
            t.array = lookup(s.variables);
            t.begin = t.end = 0;  // every synapse: the count is known once connected
            return t.array >= 0;
        }
        return false;
    }

    LowerContext& context_;
    KernelBuilder& builder_;
    rt::TrainPlan& plan_;
};

/// `bounds: low .. high` and `lr: rate` among `settings` (checked: constants) into `t`.
template <typename Trainable>
void read_optimiser_settings(const std::vector<ast::Item>& settings, LowerContext& context, Trainable& t) {
    for (const auto& clause : settings) {
        // `key: expr` (checked: one expression statement)
        if (clause.children.size() != 1 || clause.children[0].exprs.empty()) continue;
        const ast::Expr& e = *clause.children[0].exprs[0];
        if (clause.key == "lr") {
            if (auto v = constant_value(e, context); v && v->kind == sema::Value::Kind::Number) t.lr = v->number;
        } else if (clause.key == "bounds" && e.kind == ast::ExprKind::Range) {
            auto low = constant_value(*e.children[0], context);
            auto high = constant_value(*e.children[1], context);
            if (low && low->kind == sema::Value::Kind::Number) t.low = low->number;
            if (high && high->kind == sema::Value::Kind::Number) t.high = high->number;
        }
    }
}

/// The trainable parameters with their parametrisation, bounds and learning rate.
void add_trainable_params(LowerContext& context, rt::TrainPlan& plan) {
    for (const auto& file : context.model.files) {
        for (const auto& item : file.items) {
            const auto* p = std::get_if<ast::ParamDecl>(&item);
            if (!p || p->body.empty()) continue;
            rt::TrainableParam t;
            bool trainable = false;
            for (const auto& clause : p->body) {
                if (clause.key != "trainable" || clause.children.size() != 1 || clause.children[0].exprs.empty()) continue;
                trainable = true;
                const std::string& word = clause.children[0].exprs[0]->text;
                t.transform = word == "linear" ? "identity" : word;
            }
            read_optimiser_settings(p->body, context, t);
            auto slot = context.param_slots.find(p->name);
            if (!trainable || slot == context.param_slots.end()) continue;
            t.param = slot->second;
            plan.params.push_back(t);
        }
    }
}

/// The `trainable NAME { ... }` settings of `variable` in `bodies` (later bodies win) into `t`.
void read_variable_settings(const std::vector<const std::vector<ast::Item>*>& bodies, const std::string& variable,
                            LowerContext& context, rt::TrainableArray& t) {
    for (const auto* body : bodies) {
        if (!body) continue;
        for (const auto& clause : *body) {
            if (clause.kind == ast::ItemKind::Clause && clause.key == "trainable" && clause.name == variable) {
                read_optimiser_settings(clause.children, context, t);
            }
        }
    }
}

/// The bodies of the type (if any) and the declaration of group or synapses `name`.
std::vector<const std::vector<ast::Item>*> bodies_of(const std::string& name, const std::string& type_name,
                                                     LowerContext& context) {
    std::vector<const std::vector<ast::Item>*> bodies;
    if (const ast::TypeDecl* type = type_name.empty() ? nullptr : context.type_decl(type_name)) {
        bodies.push_back(&type->body);
    }
    if (const ast::InstanceDecl* decl = context.instance_decl(name)) bodies.push_back(&decl->body);
    return bodies;
}

/// The variables flagged `(trainable)`, of groups and synapses, with their optimiser settings.
void add_trainable_arrays(LowerContext& context, rt::TrainPlan& plan) {
    auto add = [&](const std::string& owner, const std::string& type_name, const sema::VariableTable& table,
                   const std::vector<std::pair<std::string, int>>& arrays) {
        for (const auto& [name, id] : arrays) {
            const sema::Variable* v = table.find(name);
            if (!v || !v->has_flag("trainable")) continue;
            rt::TrainableArray t{owner + "." + name, id};
            read_variable_settings(bodies_of(owner, type_name, context), name, context, t);
            plan.arrays.push_back(t);
        }
    };
    for (const auto& g : context.model.groups) {
        auto id = context.group_ids.find(g.name);
        if (g.parent || id == context.group_ids.end()) continue;
        add(g.name, g.type_name, g.variables, context.plan.groups[static_cast<size_t>(id->second)].variables);
    }
    for (const auto& s : context.model.synapses) {
        for (const auto& plan_s : context.plan.synapses) {
            if (plan_s.name == s.name) add(s.name, s.type_name, s.variables, plan_s.variables);
        }
    }
}

bool reads_param(const ir::ExprRef& e, int slot) {
    if (!e) return false;
    if (e->kind == ir::ExprKind::Param && e->slot == slot) return true;
    return std::any_of(e->args.begin(), e->args.end(), [slot](const auto& a) { return reads_param(a, slot); });
}

bool reads_param(const std::vector<ir::Stmt>& body, int slot) {
    for (const auto& s : body) {
        if (reads_param(s.value, slot) || reads_param(s.index, slot)) return true;
        if (reads_param(s.then_body, slot) || reads_param(s.else_body, slot)) return true;
    }
    return false;
}

/// The adjoint of `kernel` with respect to the parameters among `candidates` it reads.
rt::AdjointPlan differentiate(const ir::Kernel& kernel, const std::vector<int>& candidates,
                              std::vector<ir::Kernel>& adjoint_kernels) {
    std::vector<int> params;
    for (int p : candidates) {
        if (reads_param(kernel.body, p)) params.push_back(p);
    }
    ir::AdjointKernel adjoint = ir::adjoint_kernel(kernel, params);
    rt::AdjointPlan plan;
    if (!adjoint.error.empty()) {
        plan.error = adjoint.error;
        return plan;
    }
    plan.kernel = adjoint.kernel.name;
    plan.adjoint_slots = adjoint.adjoint_slots;
    plan.gradient_slots = adjoint.gradient_slots;
    plan.gradient_params = params;
    plan.slot_count = adjoint.kernel.arrays.size();
    plan.serial = adjoint.kernel.serial;
    adjoint_kernels.push_back(std::move(adjoint.kernel));
    return plan;
}

/// The kernels a time step may call.
std::set<std::string> step_kernels(const rt::NetworkPlan& plan) {
    std::set<std::string> names;
    auto add = [&](const rt::KernelCall& c) {
        if (c.valid()) names.insert(c.kernel);
    };
    for (const auto& g : plan.groups) {
        for (const rt::KernelCall* c : {&g.update, &g.threshold, &g.reset}) add(*c);
        for (const auto* calls : {&g.inputs, &g.events, &g.on_events}) {
            for (const auto& c : *calls) add(c);
        }
    }
    for (const auto& s : plan.synapses) {
        add(s.update);
        for (const auto& p : s.pathways) {
            add(p.kernel);
            add(p.ranges);
        }
        for (const auto& m : s.summed) {
            for (const rt::KernelCall* c : {&m.clear, &m.add, &m.factor}) add(*c);
        }
    }
    return names;
}

/// What every train statement shares: the adjoints of the step kernels (the trainable parameters
/// are the model's, the same for each statement), made once so their symbols are made once.
struct SharedAdjoints {
    bool made = false;
    std::map<std::string, rt::AdjointPlan> step;
};

void attach(std::vector<rt::ProtocolOp>& ops, LowerContext& context, SharedAdjoints& shared,
            std::vector<ir::Kernel>& adjoint_kernels) {
    for (auto& op : ops) {
        attach(op.body, context, shared, adjoint_kernels);
        attach(op.else_body, context, shared, adjoint_kernels);
        if (!op.train) continue;
        rt::TrainPlan& train = *op.train;
        std::vector<int> trainable;
        for (const auto& p : train.params) trainable.push_back(p.param);
        std::set<std::string> wanted = step_kernels(context.plan);
        size_t n = context.kernels.size();
        for (size_t k = 0; k < n; ++k) {
            const ir::Kernel& kernel = context.kernels[k];
            if (kernel.name == train.loss.kernel) {
                std::vector<int> loss_params = trainable;
                for (const auto& t : train.terms) loss_params.push_back(t.param);
                train.loss_adjoint = differentiate(kernel, loss_params, adjoint_kernels);
            } else if (!shared.made && wanted.count(kernel.name)) {
                shared.step[kernel.name] = differentiate(kernel, trainable, adjoint_kernels);
            }
        }
        shared.made = true;
        train.adjoints = shared.step;
    }
}

}  // namespace

bool lower_train(const ast::Item& item, LowerContext& context, const ScalarLowerer& scalar, rt::ProtocolOp& op) {
    const ast::Expr& call = *item.exprs[0];
    const ast::Expr& callee = call.kind == ast::ExprKind::Call ? *call.children[0] : call;
    const ast::InstanceDecl* loss = context.instance_decl(callee.text);
    if (!loss || loss->kind != "loss" || !loss->value) {
        context.unsupported(callee.range, "training on '" + callee.text + "': it is not a 'loss NAME = expr'");
        return false;
    }
    auto plan = std::make_shared<rt::TrainPlan>();
    plan->loss_name = callee.text;
    KernelBuilder b = context.new_kernel("loss_" + callee.text, "loss");
    LossLowerer lowerer(context, b, *plan);
    ir::ExprRef value = lowerer.lower(*loss->value);
    if (!value) return false;
    if (plan->terms.empty()) {
        context.unsupported(loss->value->range, "a loss without sum(G.v) or mean(G.v) of a variable");
        return false;
    }
    plan->loss_scratch = context.add_array("loss." + callee.text, 1, 0.0);
    b.kernel.body.push_back(ir::store(b.slot_for(plan->loss_scratch, "loss"), value));
    plan->loss = context.finish(b, 0, 1);
    add_trainable_params(context, *plan);
    add_trainable_arrays(context, *plan);
    if (plan->params.empty() && plan->arrays.empty()) {
        context.unsupported(item.range, "training with nothing to train: mark parameters `{ trainable: ... }` "
                                        "or variables `(trainable)`");
        return false;
    }
    static const std::set<std::string> numeric = {"epochs", "batches", "batch", "lr", "clip_norm", "beta1", "beta2", "eps"};
    bool ok = true;
    if (call.kind == ast::ExprKind::Call) {
        for (size_t k = 1; k < call.children.size(); ++k) {
            const std::string& key = call.arg_names[k - 1];
            const ast::Expr& arg = *call.children[k];
            if (numeric.count(key)) {
                rt::ProtocolOp setting = scalar(arg, "train");
                plan->settings.push_back({key, setting.value, setting.scratch});
            } else if (key == "epoch" || key == "batch_index" || key == "sample") {
                auto slot = arg.kind == ast::ExprKind::Name ? context.param_slots.find(arg.text) : context.param_slots.end();
                if (slot == context.param_slots.end()) {
                    context.unsupported(arg.range, "'" + key + " = ' with anything but a parameter's name");
                    ok = false;
                    continue;
                }
                (key == "epoch" ? plan->epoch_param : key == "sample" ? plan->sample_param : plan->batch_param) = slot->second;
            } else if (key == "optimiser" || key == "optimizer") {
                if (arg.kind != ast::ExprKind::String || arg.text != "adam") {
                    context.unsupported(arg.range, "an optimiser other than \"adam\"");
                    ok = false;
                }
            } else {
                context.unsupported(arg.range, "the train setting '" + (key.empty() ? std::string("(positional)") : key) + "'");
                ok = false;
            }
        }
    }
    op.kind = rt::ProtocolOp::Kind::Train;
    op.name = callee.text;
    op.train = std::move(plan);
    return ok;
}

void attach_adjoints(LowerContext& context) {
    std::vector<ir::Kernel> adjoint_kernels;
    SharedAdjoints shared;
    attach(context.plan.protocol, context, shared, adjoint_kernels);
    for (auto& k : adjoint_kernels) context.kernels.push_back(std::move(k));
}

}  // namespace nj::lower
