// Protocol statements and top-level settings.
#include "compiler/sema/check_protocol.h"

#include "compiler/sema/builtins.h"
#include "compiler/sema/check_calls_args.h"
#include "compiler/sema/check_clauses.h"
#include "compiler/sema/check_equations.h"
#include "compiler/sema/check_statements.h"
#include "compiler/support/did_you_mean.h"

#include <algorithm>
#include <set>

namespace nj::sema {

using support::DiagCode;
using units::Dimension;

namespace {

class ProtocolChecker {
public:
    explicit ProtocolChecker(ModelContext& context) : context_(context) {}

    void check_block(const std::vector<ast::Item>& items, const Scope& scope) {
        for (const auto& item : items) check_item(item, scope);
    }

    void check_item(const ast::Item& item, const Scope& scope) {
        CodeContext code{scope, context_.diags, nullptr, false, true, false, false,
                         "in the protocol"};
        switch (item.kind) {
        case ast::ItemKind::Run:
            check_expr_dimension(*item.exprs[0], Dimension::second(), "the duration of a run", code);
            if (item.has_body) check_clauses(item.children, {}, code, "a run statement");
            break;
        case ast::ItemKind::Repeat: check_repeat(item, scope, code); break;
        case ast::ItemKind::For: check_for(item, scope, code); break;
        case ast::ItemKind::If:
            check_condition(*item.exprs[0], "the condition of 'if'", code);
            check_block(item.children, scope);
            check_block(item.else_children, scope);
            break;
        case ast::ItemKind::Set: check_set(item, code); break;
        case ast::ItemKind::Freeze:
        case ast::ItemKind::Unfreeze: check_freeze(item, code); break;
        case ast::ItemKind::Store: stored_.insert(item.name); break;
        case ast::ItemKind::Restore: check_restore(item); break;
        case ast::ItemKind::Analyse:
        case ast::ItemKind::Apply: check_analysis(item, code); break;
        case ast::ItemKind::Train:
            check_train(item, code);
            check_block(item.children, scope);
            break;
        case ast::ItemKind::Print:
            for (const auto& e : item.exprs) check_expr(*e, code);
            break;
        default:
            context_.diags.report(DiagCode::ProtocolInvalid, item.range,
                                  std::string("a ") + ast::describe(item.kind) +
                                      " is not a protocol statement");
            break;
        }
    }

private:
    void check_loop_body(const ast::Item& item, const Scope& scope, ExprType var_type) {
        Scope inner(&scope);
        if (!item.name.empty()) {
            Symbol var;
            var.kind = SymbolKind::LoopVariable;
            var.name = item.name;
            var.decl = item.name_range;
            var.type = var_type;
            var.used = true;
            inner.define(var);
        }
        check_block(item.children, inner);
    }

    void check_repeat(const ast::Item& item, const Scope& scope, const CodeContext& code) {
        ExprType n = check_expr(*item.exprs[0], code);
        if (!n.is_poison() && (!n.is_number() || !n.dim.is_dimensionless())) {
            context_.diags.report(DiagCode::UnitsNotDimensionless, item.exprs[0]->range,
                                  "the count of 'repeat' must be a dimensionless number, but "
                                  "it is " + describe_type(n));
        }
        check_loop_body(item, scope, ExprType::number(Dimension::dimensionless(), true));
    }

    void check_for(const ast::Item& item, const Scope& scope, const CodeContext& code) {
        ExprType list = check_expr(*item.exprs[0], code);
        ExprType element = ExprType::poison();
        if (list.kind == ExprType::Kind::List) {
            element = ExprType::number(list.dim);
        } else if (!list.is_poison()) {
            context_.diags.report(DiagCode::TypeMismatch, item.exprs[0]->range,
                                  "'for' loops over a list or a range such as '0 .. 10', not a " +
                                      describe_type(list));
        }
        check_loop_body(item, scope, element);
    }

    void check_set(const ast::Item& item, const CodeContext& code) {
        for (const auto& assign : item.children) {
            if (assign.kind != ast::ItemKind::Assign) {
                context_.diags.report(DiagCode::ProtocolInvalid, assign.range,
                                      "'set' takes assignments, e.g. 'set tau = 10 ms'");
                continue;
            }
            check_assignment(assign, element_context(assign, code), true);
        }
    }

    /// `set E.v = Vr + rand() * mV` is evaluated per neuron: E's variables and i are visible.
    CodeContext element_context(const ast::Item& assign, const CodeContext& code) {
        const ast::Expr& target = *assign.exprs[0];
        if (target.kind != ast::ExprKind::Member) return code;
        const Symbol* owner = target.children[0]->kind == ast::ExprKind::Name
                                  ? code.scope.find(target.children[0]->text)
                                  : nullptr;
        if (!owner || (!owner->group && !owner->synapses)) return code;
        auto& scope = scratch_scopes_.emplace_back(std::make_unique<Scope>(&code.scope));
        if (owner->group) {
            define_variables(*scope, owner->group->variables);
            define_neuron_specials(*scope, owner->group->has_threshold);
        } else {
            define_variables(*scope, owner->synapses->variables);
            define_synapse_specials(*scope);
        }
        CodeContext inner = code;
        return CodeContext{*scope, code.diags, owner->synapses, false, true, false, false,
                           inner.place};
    }

    void check_freeze(const ast::Item& item, const CodeContext& code) {
        for (const auto& e : item.exprs) {
            ExprType t = check_expr(*e, code);
            if (t.is_poison()) continue;
            bool ok = t.kind == ExprType::Kind::Object && t.object &&
                      (t.object->kind == SymbolKind::Synapses ||
                       t.object->instance_kind == "learning");
            if (!ok) {
                context_.diags.report(DiagCode::TypeMismatch, e->range,
                                      "only synapses and learning operators can be frozen, not " +
                                          describe_type(t));
            }
        }
    }

    void check_restore(const ast::Item& item) {
        if (!item.key.empty() && item.key != "replay") {
            context_.diags.report(DiagCode::ProtocolInvalid, item.key_range,
                                  "'restore " + item.name + " " + item.key + "': the only word after the snapshot's name is 'replay'")
                .help("'restore " + item.name + " replay' draws the same random numbers again; plain 'restore " + item.name +
                      "' draws fresh ones");
        }
        if (stored_.count(item.name)) return;
        std::string shown = item.name.empty() ? "the default state" : "'" + item.name + "'";
        context_.diags.report(DiagCode::ProtocolInvalid, item.range,
                              "cannot restore " + shown + ": no earlier 'store' saved it");
    }

    void check_analysis(const ast::Item& item, const CodeContext& code) {
        const ast::Expr& call = *item.exprs[0];
        if (call.kind != ast::ExprKind::Call || call.children[0]->kind != ast::ExprKind::Name) {
            context_.diags.report(DiagCode::ProtocolInvalid, call.range,
                                  std::string("'") +
                                      (item.kind == ast::ItemKind::Apply ? "apply" : "analyse") +
                                      "' calls an analysis, e.g. 'mean_rate(E)'");
            return;
        }
        const std::string& name = call.children[0]->text;
        const BuiltinAnalysis* analysis = find_analysis(name);
        if (!analysis) {
            auto b = context_.diags.report(DiagCode::NamesUnknown, call.children[0]->range,
                                           "unknown analysis '" + name + "'");
            std::string help = support::did_you_mean_help(name, analysis_names());
            if (!help.empty()) b.help(help);
            return;
        }
        CallSignature sig{analysis->name, {}, false, analysis->keywords, analysis->open_keywords, true};
        // Arguments may be expressions of an element index i (and j for pairs), as in connect.
        Scope indices(&code.scope);
        define_synapse_specials(indices);
        CodeContext inner{indices, code.diags, nullptr, false, true, false, false, code.place};
        check_call_args(args_of(call), call.arg_names, sig, call.range, inner);
    }

    void check_train(const ast::Item& item, const CodeContext& code) {
        const ast::Expr& call = *item.exprs[0];
        const ast::Expr& callee = call.kind == ast::ExprKind::Call ? *call.children[0] : call;
        ExprType loss = check_expr(callee, code);
        if (!loss.is_poison() && !(loss.object && loss.object->instance_kind == "loss")) {
            context_.diags.report(DiagCode::TypeMismatch, callee.range,
                                  "'train' needs a loss declared with 'loss NAME = ...', not " +
                                      describe_type(loss));
        }
        if (call.kind != ast::ExprKind::Call) return;
        static const std::vector<std::string> keywords = {
            "epochs", "batches", "batch", "optimiser", "optimizer", "lr", "clip_norm", "beta1", "beta2", "eps",
            "epoch", "batch_index", "sample", "seed", "validation", "checkpoint", "warmup", "data"};
        CallSignature sig{callee.text, {}, false, keywords, false, false};
        check_call_args(args_of(call), call.arg_names, sig, call.range, code);
    }

    static std::vector<const ast::Expr*> args_of(const ast::Expr& call) {
        std::vector<const ast::Expr*> args;
        for (size_t k = 1; k < call.children.size(); ++k) args.push_back(call.children[k].get());
        return args;
    }

    ModelContext& context_;
    std::set<std::string> stored_;
    std::vector<std::unique_ptr<Scope>> scratch_scopes_;
};

}  // namespace

void check_protocol(const std::vector<const ast::Item*>& statements, ModelContext& context) {
    ProtocolChecker checker(context);
    // The protocol sees the simulation time t (e.g. `print t`, `set I0 = f(t)`).
    Scope protocol(&context.globals);
    Symbol t;
    t.kind = SymbolKind::Special;
    t.name = "t";
    t.type = ExprType::number(units::Dimension::second());
    t.used = true;
    protocol.define(t);
    for (const auto* item : statements) checker.check_item(*item, protocol);
}

namespace {

const ast::Expr* setting_word(const ast::SettingDecl& setting, ModelContext& context) {
    if (setting.items.size() == 1 && setting.items[0].kind == ast::ItemKind::ExprStmt) {
        const ast::Expr* e = setting.items[0].exprs[0].get();
        if (e->kind == ast::ExprKind::Name || e->kind == ast::ExprKind::String) return e;
    }
    context.diags.report(DiagCode::ClauseInvalid, setting.range,
                         "'" + setting.key + ":' takes one name");
    return nullptr;
}

void check_word(const ast::Expr& e, const std::vector<std::string>& words, DiagCode code,
                const std::string& what, ModelContext& context) {
    if (std::find(words.begin(), words.end(), e.text) != words.end()) return;
    auto b = context.diags.report(code, e.range, "unknown " + what + " '" + e.text + "'");
    std::string help = support::did_you_mean_help(e.text, words);
    if (!help.empty()) b.help(help);
}

void check_schedule(const ast::SettingDecl& setting, ModelContext& context) {
    static const std::vector<std::string> steps = {
        "inputs", "update", "thresholds", "synapses", "resets", "summed", "couplings", "synapse_updates",
        "monitors", "learning"};
    for (const auto& item : setting.items) {
        const ast::Expr* e = item.kind == ast::ItemKind::ExprStmt ? item.exprs[0].get() : nullptr;
        if (!e || e->kind != ast::ExprKind::Name) {
            context.diags.report(DiagCode::ClauseInvalid, item.range,
                                 "a schedule lists steps by name, e.g. 'inputs, update'");
            continue;
        }
        // a group, synapses or other declared name schedules that object's step explicitly
        if (const Symbol* s = context.globals.find(e->text)) {
            s->used = true;
            continue;
        }
        check_word(*e, steps, DiagCode::ClauseInvalid, "step", context);
    }
}

}  // namespace

void check_setting(const ast::SettingDecl& setting, ModelContext& context) {
    const std::string& key = setting.key;
    if (key == "schedule") return check_schedule(setting, context);
    if (key == "method" || key == "precision") {
        const ast::Expr* e = setting_word(setting, context);
        if (!e) return;
        if (key == "method") check_word(*e, known_methods(), DiagCode::MethodUnknown, "method", context);
        else check_word(*e, {"double", "single"}, DiagCode::ClauseInvalid, "precision", context);
        return;
    }
    if (key == "seed") {
        CodeContext code = context.global_context("in a setting");
        for (const auto& item : setting.items) {
            if (item.kind == ast::ItemKind::ExprStmt) {
                check_expr_dimension(*item.exprs[0], Dimension::dimensionless(), "the seed", code);
            }
        }
        return;
    }
    static const std::vector<std::string> keys = {"schedule", "method", "seed", "precision"};
    auto b = context.diags.report(DiagCode::ClauseUnknown, setting.key_range,
                                  "unknown setting '" + key + "'");
    std::string help = support::did_you_mean_help(key, keys);
    b.help(help.empty() ? "the settings are: schedule, method, seed, precision" : help);
}

}  // namespace nj::sema
