// Protocol statements as plan operations with scalar kernels for their values.
#include "compiler/lower/lower_protocol.h"

#include "compiler/lower/lower_analysis_exprs.h"
#include "compiler/lower/lower_calls.h"
#include "compiler/lower/lower_expr.h"
#include "compiler/lower/lower_groups.h"
#include "compiler/lower/lower_rebuild.h"
#include "compiler/lower/lower_training.h"
#include "compiler/lower/lower_trial_analyses.h"
#include "compiler/sema/check_expr.h"

#include <cmath>
#include <memory>
#include <set>

namespace nj::lower {

namespace {

using Op = rt::ProtocolOp;

/// What an analysis reads and which keyword arguments the runtime understands.
/// None: no source, a result name; Nothing: no source and no result (an operation).
enum class Source { Spikes, RateMonitor, StateMonitor, Synapses, GroupOrSynapses, None, Nothing };
struct AnalysisShape {
    const char* name;
    Source source;
    std::set<std::string> numeric;
    std::set<std::string> strings;
    bool variable = false;  ///< reads `variable = v` of its source
    bool position = false;  ///< needs `position = ` a state monitor
    /// Population arguments (sized by the constant `populations`): one value per population
    /// (an expression of i), or a matrix entry per (pre i, post j) population pair, row-major
    /// [post][pre]; and lists of numbers.
    std::set<std::string> per_population = {};
    std::set<std::string> matrices = {};
    std::set<std::string> lists = {};
};

const AnalysisShape* analysis_shape(const std::string& name) {
    static const std::vector<AnalysisShape> shapes = {
        {"mean_rate", Source::Spikes, {"start", "stop"}, {}},
        {"spike_count", Source::Spikes, {"start", "stop"}, {}},
        {"pv_metrics", Source::Spikes, {"start", "stop", "bins", "smooth", "window"}, {}, false, true},
        {"tuning_width", Source::Spikes, {"start", "stop", "bins", "min_peak"}, {}, false, true},
        {"max_smoothed_rate", Source::RateMonitor, {"start", "stop", "width"}, {}},
        {"snapshot", Source::GroupOrSynapses, {}, {"name"}, true},
        {"weight_stats", Source::Synapses, {"w_min", "w_max", "bins", "change_threshold"}, {"baseline"}, true},
        {"cholesky", Source::Synapses, {"jitter"}, {}, true},
        {"scale_incoming", Source::Synapses, {"target", "rate", "min_factor", "max_factor", "w_min", "w_max", "min_sum"}, {"target"}, true},
        {"load_weights", Source::Synapses, {}, {"path"}, true},
        {"weight_motifs", Source::Synapses, {}, {}, true},
        {"center_incoming", Source::Synapses, {"target"}, {}, true},
        {"trace_match", Source::StateMonitor, {"start", "stop"}, {"signal", "target"}},
        {"participation_ratio", Source::StateMonitor, {"start", "stop"}, {"variable"}},
        {"rebuild", Source::Nothing, {"seed"}, {}},
        {"population_rates", Source::Spikes, {"populations", "start", "stop"}, {"population"}},
        {"attractor_states", Source::Spikes,
         {"populations", "bin", "width", "threshold_tol", "max_passes", "min_lifetime", "session", "start", "stop"},
         {"population", "kernel"}},
        {"lif_mean_field", Source::None,
         {"populations", "colored_noise", "starts", "start_low", "start_high", "seed", "tol", "residual_max",
          "jacobian_step", "eig_tol", "landscape", "grid_min", "grid_max", "grid_step", "split_threshold"},
         {"labels"}, false, false,
         {"ext_in_degree", "ext_weight", "ext_rate", "tau_m", "tau_s", "tau_ref", "threshold", "reset", "initial",
          "rate_tau"},
         {"in_degree", "weight"}, {"focus", "split"}},
    };
    for (const auto& s : shapes) {
        if (name == s.name) return &s;
    }
    return nullptr;
}

class ProtocolLowerer {
public:
    explicit ProtocolLowerer(LowerContext& context) : context_(context) {
        // the names the checker saw in the protocol: t, then each loop's variable
        scopes_.push_back(std::make_unique<sema::Scope>(context.model.globals.get()));
        sema::Symbol t;
        t.kind = sema::SymbolKind::Special;
        t.name = "t";
        t.type = sema::ExprType::number(units::Dimension::second());
        scopes_.back()->define(t);
    }

    void lower_block(const std::vector<ast::Item>& items, std::vector<Op>& out) {
        for (const auto& item : items) lower_item(item, out);
    }

    void lower_item(const ast::Item& item, std::vector<Op>& out) {
        switch (item.kind) {
        case ast::ItemKind::Run: out.push_back(scalar_op(Op::Kind::Run, *item.exprs[0], "run")); break;
        case ast::ItemKind::Repeat: lower_repeat(item, out); break;
        case ast::ItemKind::For: lower_for(item, out); break;
        case ast::ItemKind::If: {
            Op op = scalar_op(Op::Kind::If, *item.exprs[0], "if");
            lower_block(item.children, op.body);
            lower_block(item.else_children, op.else_body);
            out.push_back(std::move(op));
            break;
        }
        case ast::ItemKind::Set:
            for (const auto& assign : item.children) lower_set(assign, out);
            break;
        case ast::ItemKind::Store:
        case ast::ItemKind::Restore: {
            Op op;
            op.kind = item.kind == ast::ItemKind::Store ? Op::Kind::Store : Op::Kind::Restore;
            op.name = item.name;
            op.analysis = item.key;  // "replay": the snapshot's random numbers again
            out.push_back(std::move(op));
            break;
        }
        case ast::ItemKind::Analyse:
        case ast::ItemKind::Apply: lower_analyse(item, out); break;
        case ast::ItemKind::Print: lower_print(item, out); break;
        case ast::ItemKind::Freeze:
        case ast::ItemKind::Unfreeze: lower_freeze(item, out); break;
        case ast::ItemKind::Train: {
            if (context_.single_precision) {
                context_.unsupported(item.range, "gradient training in single precision (train in double: leave out "
                                                 "'--precision single' and 'precision: single')");
                break;
            }
            Op op;
            auto scalar = [this](const ast::Expr& e, const char* stem) { return scalar_op(Op::Kind::SetParam, e, stem); };
            if (!lower_train(item, context_, scalar, op)) break;
            lower_block(item.children, op.body);
            out.push_back(std::move(op));
            break;
        }
        default:
            context_.unsupported(item.range, std::string("the statement '") + ast::describe(item.kind) + "'");
            break;
        }
    }

private:
    /// A one-element kernel computing `expr` into a fresh scratch array.
    Op scalar_op(Op::Kind kind, const ast::Expr& expr, const char* stem) {
        KernelBuilder b;
        b.kernel.name = context_.kernel_name(std::string("protocol_") + stem);
        b.kernel.role = "protocol";
        b.kernel.stream = static_cast<unsigned>(context_.kernel_count);
        ElementScope none;
        return scalar_op(kind, as_number(lower_expr(expr, b, none, {}, context_)), b, stem);
    }

    /// A one-element kernel (built in `b`) computing `value` into a fresh scratch array.
    Op scalar_op(Op::Kind kind, ir::ExprRef value, KernelBuilder& b, const char* stem) {
        Op op;
        op.kind = kind;
        op.scratch = context_.add_array(std::string("protocol.") + stem, 1, 0.0);
        if (!value) return op;
        int slot = b.slot_for(op.scratch, "scratch");
        b.kernel.body.push_back(ir::store(slot, value));
        op.value = context_.finish(b, 0, 1);
        return op;
    }

    /// freeze S / unfreeze S: the synapses' `frozen` parameter (lower_synapses.h).
    void lower_freeze(const ast::Item& item, std::vector<Op>& out) {
        bool freeze = item.kind == ast::ItemKind::Freeze;
        for (const auto& e : item.exprs) {
            auto it = e->kind == ast::ExprKind::Name ? context_.frozen_params.find(e->text) : context_.frozen_params.end();
            if (it == context_.frozen_params.end()) {
                context_.unsupported(e->range, std::string(freeze ? "freezing" : "unfreezing") + " this");
                continue;
            }
            KernelBuilder b = context_.new_kernel("protocol", freeze ? "freeze" : "unfreeze");
            Op op = scalar_op(Op::Kind::SetParam, ir::constant(freeze ? 1 : 0), b, "freeze");
            op.param = it->second;
            out.push_back(std::move(op));
        }
    }

    void lower_loop_body(const ast::Item& item, Op& op, const sema::ExprType& variable) {
        op.name = item.name;
        if (!item.name.empty()) {
            op.param = context_.loop_slot(item.name);
            context_.param_slots[item.name] = op.param;
        }
        scopes_.push_back(std::make_unique<sema::Scope>(scopes_.back().get()));
        if (!item.name.empty()) {
            sema::Symbol var;
            var.kind = sema::SymbolKind::LoopVariable;
            var.name = item.name;
            var.type = variable;
            scopes_.back()->define(var);
        }
        lower_block(item.children, op.body);
        scopes_.pop_back();
        if (!item.name.empty()) context_.param_slots.erase(item.name);
    }

    void lower_repeat(const ast::Item& item, std::vector<Op>& out) {
        Op op = scalar_op(Op::Kind::Repeat, *item.exprs[0], "repeat");
        lower_loop_body(item, op, sema::ExprType::number(units::Dimension::dimensionless(), true));
        out.push_back(std::move(op));
    }

    void lower_for(const ast::Item& item, std::vector<Op>& out) {
        Op op;
        op.kind = Op::Kind::For;
        support::DiagnosticEngine quiet(context_.diags.sources());
        sema::CodeContext code{*context_.model.globals, quiet, nullptr, false, false, false, false, ""};
        sema::ExprType list = sema::check_expr(*item.exprs[0], code);
        if (!list.constant || list.constant->kind != sema::Value::Kind::List) {
            context_.unsupported(item.exprs[0]->range, "a 'for' loop over values that are not constant");
            return;
        }
        const auto& items = list.constant->items;
        bool range = item.exprs[0]->kind == ast::ExprKind::Range;
        if (range && items.size() == 2) {
            for (double v = items[0].number; v < items[1].number; v += 1) op.items.push_back(v);
        } else {
            for (const auto& v : items) op.items.push_back(v.number);
        }
        lower_loop_body(item, op, sema::ExprType::number(list.dim));
        out.push_back(std::move(op));
    }

    void lower_set(const ast::Item& assign, std::vector<Op>& out) {
        const ast::Expr& target = *assign.exprs[0];
        if (target.kind == ast::ExprKind::Name) {
            auto slot = context_.param_slots.find(target.text);
            if (slot == context_.param_slots.end() || assign.op != ast::AssignOp::Set) {
                context_.unsupported(assign.range, "this 'set'");
                return;
            }
            Op op = scalar_op(Op::Kind::SetParam, *assign.exprs[1], "set");
            op.param = slot->second;
            out.push_back(std::move(op));
            return;
        }
        if (target.kind != ast::ExprKind::Member || target.children[0]->kind != ast::ExprKind::Name ||
            !context_.group_ids.count(target.children[0]->text)) {
            context_.unsupported(assign.range, "this 'set'");
            return;
        }
        int id = context_.group_ids.at(target.children[0]->text);
        const rt::GroupPlan& g = context_.plan.groups[static_cast<size_t>(id)];
        ElementScope scope = group_scope(id, context_);
        KernelBuilder b;
        b.kernel.name = context_.kernel_name(g.name + "_set");
        b.kernel.role = "protocol";
        b.kernel.stream = static_cast<unsigned>(context_.kernel_count);
        auto it = scope.arrays.find(target.text);
        ir::ExprRef value = as_number(lower_expr(*assign.exprs[1], b, scope, {}, context_));
        if (it == scope.arrays.end() || !value) {
            if (value) context_.unsupported(target.range, "setting '" + target.text + "'");
            return;
        }
        int slot = b.slot_for(it->second, context_.plan.arrays[static_cast<size_t>(it->second)].name);
        static const char* ops[] = {"", "+", "-", "*", "/"};
        if (assign.op != ast::AssignOp::Set) value = ir::binary(ops[static_cast<int>(assign.op)], ir::load(slot), value);
        b.kernel.body.push_back(ir::store(slot, value));
        Op op;
        op.kind = Op::Kind::SetArray;
        op.action = context_.finish(b, g.offset, g.offset + g.size);
        out.push_back(std::move(op));
    }

    /// An analysis (or `apply`): its source, then keyword arguments. Numbers become scalar
    /// kernels in the op's body named after their keyword (`window = a .. b`: window_lo and
    /// window_hi); strings go to op.strings; `position` names a state monitor.
    void lower_analyse(const ast::Item& item, std::vector<Op>& out) {
        const ast::Expr& call = *item.exprs[0];
        const std::string& name = call.children[0]->text;
        if (is_expression_analysis(name)) {
            Op op;
            if (lower_expression_analysis(item, *scopes_.back(), context_, op)) out.push_back(std::move(op));
            return;
        }
        if (is_trial_analysis(name)) {
            Op op;
            if (lower_trial_analysis(item, *scopes_.back(), context_, op)) out.push_back(std::move(op));
            return;
        }
        const ast::Expr* source = call.children.size() >= 2 && call.arg_names[0].empty() ? call.children[1].get() : nullptr;
        const AnalysisShape* shape = analysis_shape(name);
        Op op;
        op.kind = Op::Kind::Analyse;
        op.analysis = name;
        int group = source ? group_of(*source) : -1;
        int synapses = source ? synapses_of(*source) : -1;
        int monitor = source ? monitor_of(*source) : -1;
        bool ok = shape != nullptr;
        if (ok) {
            switch (shape->source) {
            case Source::Spikes: ok = group >= 0 && (monitor < 0 || context_.plan.monitors[static_cast<size_t>(monitor)].kind == rt::MonitorPlan::Kind::Spikes); break;
            case Source::RateMonitor: ok = monitor >= 0 && context_.plan.monitors[static_cast<size_t>(monitor)].kind == rt::MonitorPlan::Kind::Rate; break;
            case Source::StateMonitor: ok = monitor >= 0 && context_.plan.monitors[static_cast<size_t>(monitor)].kind == rt::MonitorPlan::Kind::State; break;
            case Source::Nothing: ok = source == nullptr; break;
            case Source::Synapses: ok = synapses >= 0; break;
            case Source::GroupOrSynapses: ok = synapses >= 0 || (group >= 0 && monitor < 0); break;
            case Source::None: ok = source == nullptr && !item.name.empty(); break;
            }
        }
        if (!ok) {
            context_.unsupported(call.range, "the analysis '" + name + "' (with these arguments)");
            return;
        }
        op.groups.push_back(group);
        op.synapses = synapses;
        op.monitor = monitor;
        if (shape->variable) {
            op.array = variable_array(call, group, synapses);
            if (op.array < 0) return;
        }
        op.name = !item.name.empty() ? item.name : source ? name + "_" + source->text : name;
        size_t populations = 0;
        if (!shape->per_population.empty() && !population_count(call, populations)) return;
        for (size_t k = source ? 2 : 1; k < call.children.size(); ++k) {
            const std::string& key = call.arg_names[k - 1];
            const ast::Expr& value = *call.children[k];
            if (key == "variable" && shape->variable) continue;
            if (shape->per_population.count(key) || shape->matrices.count(key)) {
                op.body.push_back(population_value(value, key, populations, shape->matrices.count(key) > 0));
                continue;
            }
            if (shape->lists.count(key)) {
                if (!list_value(value, key, op.body)) return;
                continue;
            }
            auto text = shape->strings.count(key) ? constant_value(value, context_) : std::nullopt;
            if (text && text->kind == sema::Value::Kind::String) {
                op.strings[key] = text->text;
                if (key == "name" && name == "snapshot") op.name = text->text;
            } else if (key == "position" && shape->position && monitor_of(value) >= 0 &&
                       context_.plan.monitors[static_cast<size_t>(monitor_of(value))].kind == rt::MonitorPlan::Kind::State) {
                op.position_monitor = monitor_of(value);
            } else if (key == "window" && shape->numeric.count(key) && value.kind == ast::ExprKind::Range) {
                op.body.push_back(named_value(*value.children[0], "window_lo"));
                op.body.push_back(named_value(*value.children[1], "window_hi"));
            } else if (shape->numeric.count(key) && value.kind != ast::ExprKind::String) {
                op.body.push_back(named_value(value, key));
            } else {
                context_.unsupported(value.range, "this argument of '" + name + "'");
                return;
            }
        }
        if (name == "rebuild") lower_rebuild_values(op, context_);
        if (shape->position && op.position_monitor < 0) {
            context_.unsupported(call.range, "'" + name + "' without 'position = ' a state monitor of the position");
            return;
        }
        out.push_back(std::move(op));
    }

    /// The constant `populations = P` of a population analysis.
    bool population_count(const ast::Expr& call, size_t& count) {
        for (size_t k = 1; k < call.children.size(); ++k) {
            if (call.arg_names[k - 1] != "populations") continue;
            auto v = constant_value(*call.children[k], context_);
            if (v && v->kind == sema::Value::Kind::Number && v->number >= 1 && v->number == std::floor(v->number)) {
                count = static_cast<size_t>(v->number);
                return true;
            }
            context_.unsupported(call.children[k]->range, "a population count that is not a constant whole number");
            return false;
        }
        context_.unsupported(call.range, "a population analysis without 'populations = P'");
        return false;
    }

    /// A kernel over the P populations (i = population) or the P x P pairs (element k: pre
    /// i = k mod P, post j = k div P) writing `value` into a scratch array named `key`.
    Op population_value(const ast::Expr& value, const std::string& key, size_t populations, bool matrix) {
        KernelBuilder b = context_.new_kernel("protocol_" + key, "protocol");
        ElementScope scope;
        ir::ExprRef k = ir::loop_index();
        auto p = ir::constant(static_cast<double>(populations));
        scope.indices["i"] = IndexName{ElementIndex{-1, matrix ? ir::binary("mod", k, p) : k}, 0};
        if (matrix) scope.indices["j"] = IndexName{ElementIndex{-1, ir::call("floor", {ir::binary("/", k, p)})}, 0};
        size_t n = matrix ? populations * populations : populations;
        Op op;
        op.kind = Op::Kind::Analyse;
        op.name = key;
        op.scratch = context_.add_array("protocol." + key, n, 0.0);
        ir::ExprRef v = as_number(lower_expr(value, b, scope, {}, context_));
        if (!v) return op;
        b.kernel.body.push_back(ir::store(b.slot_for(op.scratch, "scratch"), v));
        op.value = context_.finish(b, 0, n);
        return op;
    }

    /// A constant list of numbers as a scratch array without a kernel.
    bool list_value(const ast::Expr& value, const std::string& key, std::vector<Op>& out) {
        auto v = constant_value(value, context_);
        if (!v || v->kind != sema::Value::Kind::List || v->items.empty()) {
            context_.unsupported(value.range, "'" + key + "' that is not a constant list of numbers");
            return false;
        }
        Op op;
        op.kind = Op::Kind::Analyse;
        op.name = key;
        op.scratch = context_.add_array("protocol." + key, v->items.size(), 0.0);
        auto& values = context_.plan.arrays[static_cast<size_t>(op.scratch)].values;
        for (const auto& item : v->items) values.push_back(item.number);
        out.push_back(std::move(op));
        return true;
    }

    Op named_value(const ast::Expr& value, const std::string& key) {
        Op op = scalar_op(Op::Kind::Analyse, value, "analyse");
        op.name = key;
        return op;
    }

    int monitor_of(const ast::Expr& e) {
        if (e.kind != ast::ExprKind::Name) return -1;
        const auto& all = context_.plan.monitors;
        for (size_t k = 0; k < all.size(); ++k) {
            if (all[k].name == e.text) return static_cast<int>(k);
        }
        return -1;
    }

    /// The array of `variable = v` (default w for synapses), of the synapses or group analysed.
    int variable_array(const ast::Expr& call, int group, int synapses) {
        std::string variable = synapses >= 0 ? "w" : "";
        const ast::Expr* at = &call;
        for (size_t k = 2; k < call.children.size(); ++k) {
            auto kind = call.children[k]->kind;
            if (call.arg_names[k - 1] == "variable" && (kind == ast::ExprKind::Name || kind == ast::ExprKind::String)) {
                variable = call.children[k]->text;
                at = call.children[k].get();
            }
        }
        const auto& variables = synapses >= 0 ? context_.plan.synapses[static_cast<size_t>(synapses)].variables
                                              : context_.plan.groups[static_cast<size_t>(group)].variables;
        for (const auto& [n, id] : variables) {
            if (n == variable) return id;
        }
        context_.unsupported(at->range, "analysing '" + variable + "' here (name a variable with 'variable = ...')");
        return -1;
    }

    int synapses_of(const ast::Expr& e) {
        if (e.kind != ast::ExprKind::Name) return -1;
        const auto& all = context_.plan.synapses;
        for (size_t k = 0; k < all.size(); ++k) {
            if (all[k].name == e.text) return static_cast<int>(k);
        }
        return -1;
    }

    /// A group named directly, or the group a monitor records.
    int group_of(const ast::Expr& e) {
        if (e.kind != ast::ExprKind::Name) return -1;
        if (auto it = context_.group_ids.find(e.text); it != context_.group_ids.end()) return it->second;
        for (const auto& m : context_.plan.monitors) {
            if (m.name == e.text) return m.group;
        }
        return -1;
    }

    void lower_print(const ast::Item& item, std::vector<Op>& out) {
        Op line;
        line.kind = Op::Kind::Print;
        for (const auto& e : item.exprs) {
            auto value = e->kind == ast::ExprKind::String ? std::nullopt : constant_value(*e, context_);
            bool text_value = value && (value->kind == sema::Value::Kind::String || value->kind == sema::Value::Kind::List);
            if (e->kind == ast::ExprKind::String || text_value) {
                // strings and lists are known to the compiler: printed as text, not as numbers
                Op text;
                text.kind = Op::Kind::Print;
                text.name = !text_value ? e->text : value->kind == sema::Value::Kind::String ? value->text : sema::format_value(*value);
                line.body.push_back(std::move(text));
            } else {
                line.body.push_back(scalar_op(Op::Kind::Print, *e, "print"));
            }
        }
        out.push_back(std::move(line));
    }

    LowerContext& context_;
    /// The protocol's names as the checker saw them, innermost loop last.
    std::vector<std::unique_ptr<sema::Scope>> scopes_;
};

}  // namespace

void lower_protocol(LowerContext& context) {
    std::vector<const ast::Item*> statements;
    ProtocolLowerer lowerer(context);
    const ast::ModelFile& root = context.model.files.back();
    for (const auto& item : root.items) {
        if (const auto* statement = std::get_if<ast::Item>(&item)) {
            lowerer.lower_item(*statement, context.plan.protocol);
        }
    }
}

}  // namespace nj::lower
