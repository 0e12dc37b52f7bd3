// Parameter evaluation: defaults, modes, overrides, declared units, trainable settings; functions.
#include "compiler/sema/evaluate_params.h"

#include "compiler/sema/check_clauses.h"
#include "compiler/sema/resolve_unit_spec.h"
#include "compiler/support/did_you_mean.h"

#include <set>

namespace nj::sema {

using support::DiagCode;
using units::Dimension;

namespace {

class ParamEvaluator {
public:
    ParamEvaluator(ModelContext& context, const ParamAssignments& assignments)
        : context_(context), assignments_(assignments) {}

    void run() {
        define_constant("pi", 3.14159265358979323846);
        if (!declares_dt()) add_default_dt();
        for (const auto& file : context_.model.files) {
            for (const auto& item : file.items) {
                if (const auto* p = std::get_if<ast::ParamDecl>(&item)) evaluate(*p);
                if (const auto* f = std::get_if<ast::FunctionDecl>(&item)) define_function(*f);
            }
        }
        add_default_dt();
        report_unknown_assignments();
    }

private:
    /// Value of one expression in the global scope, or nullopt (reported) if not constant.
    std::optional<Value> constant_of(const ast::Expr& expr, const std::string& what) {
        CodeContext code = context_.global_context("in a parameter value");
        code.allow_random = false;
        ExprType t = check_expr(expr, code);
        if (t.is_poison()) return std::nullopt;
        if (!t.constant) {
            context_.diags.report(DiagCode::ValueInvalid, expr.range,
                                  what + " must be a constant, computed from numbers, units "
                                         "and earlier parameters");
            return std::nullopt;
        }
        return t.constant;
    }

    bool same_kind(const Value& a, const Value& b) const {
        if (a.kind != b.kind) return false;
        return a.kind == Value::Kind::String || a.kind == Value::Kind::Boolean || a.dim == b.dim ||
               (a.kind == Value::Kind::List && (a.items.empty() || b.items.empty()));
    }

    void check_other_modes(const ast::ParamDecl& p, const Value& declared) {
        auto it = assignments_.all_modes.find(p.name);
        if (it == assignments_.all_modes.end()) return;
        for (const auto& a : it->second) {
            if (p.is_let) {
                context_.diags.report(DiagCode::OverrideUnknown, a.range,
                                      "'" + p.name + "' is a derived value ('let'); only "
                                      "parameters can be changed by a mode or --set");
                continue;
            }
            auto v = constant_of(*a.value, "the value of '" + p.name + "'");
            if (v && !same_kind(*v, declared)) report_kind(p, *v, declared, a);
        }
    }

    void report_kind(const ast::ParamDecl& p, const Value& got, const Value& want,
                     const ParamAssignment& a) {
        ExprType g = ExprType::of_value(got), w = ExprType::of_value(want);
        DiagCode code = a.origin == "--set" ? DiagCode::OverrideValue : DiagCode::UnitsMismatch;
        context_.diags
            .report(code, a.range,
                    a.origin + " gives '" + p.name + "' " + value_phrase(g) +
                        ", but the parameter is " + in_unit(w))
            .label(p.name_range, "declared here as " + describe_type(w));
    }

    void evaluate(const ast::ParamDecl& p) {
        std::optional<Value> value = constant_of(*p.value, "the value of '" + p.name + "'");
        std::string origin = "default";
        if (value && p.unit) check_declared_unit(p, *value);
        if (value) check_other_modes(p, *value);
        auto assigned = assignments_.selected.find(p.name);
        if (assigned != assignments_.selected.end()) {
            used_assignments_.insert(p.name);
            if (p.is_let) {
                context_.diags.report(DiagCode::OverrideUnknown, assigned->second.range,
                                      "'" + p.name + "' is a derived value ('let'); only "
                                      "parameters can be changed by a mode or --set");
            } else if (value) {
                auto v = constant_of(*assigned->second.value, "the value of '" + p.name + "'");
                if (v && !same_kind(*v, *value)) report_kind(p, *v, *value, assigned->second);
                else if (v) value = v, origin = assigned->second.origin;
            }
        }
        if (p.name == "dt" && value &&
            (value->kind != Value::Kind::Number || value->dim != Dimension::second() || value->number <= 0)) {
            context_.diags.report(DiagCode::ValueInvalid, p.value->range,
                                  "the time step 'dt' must be a positive time, e.g. 'param dt = 0.1 ms'");
        }
        define(p, value, origin);
        if (!p.body.empty()) check_param_body(p, value);
    }

    /// `param tau = 20 ms { trainable: log; bounds: 5 ms .. 50 ms; lr: 1e-3; per: KC }`
    void check_param_body(const ast::ParamDecl& p, const std::optional<Value>& value) {
        static const std::vector<ClauseSpec> specs = {
            {"trainable", ClauseValue::Word, false, {"identity", "linear", "log", "logit", "softplus"}},
            {"bounds", ClauseValue::Custom, false, {}},
            {"lr", ClauseValue::Custom, false, {}},
            {"per", ClauseValue::Custom, false, {}},
        };
        CodeContext code = context_.global_context("in a parameter's settings");
        auto custom = [&](const ast::Item& clause) {
            const ast::Expr* e = single_expression(clause, context_.diags);
            if (!e) return;
            if (clause.key == "per") return;  // a group name, resolved when groups exist
            if (clause.key == "lr") {
                check_expr_dimension(*e, Dimension::dimensionless(), "a learning rate", code);
                return;
            }
            ExprType bounds = check_expr(*e, code);
            if (bounds.is_poison()) return;
            bool ok = bounds.kind == ExprType::Kind::List &&
                      (!value || value->kind != Value::Kind::Number || bounds.dim == value->dim);
            if (!ok) {
                context_.diags.report(DiagCode::UnitsMismatch, e->range,
                                      "the bounds of '" + p.name + "' must be a range 'low .. high' "
                                      "in the parameter's unit, but this is " + describe_type(bounds));
            }
        };
        check_clauses(p.body, specs, code, "parameter '" + p.name + "'", custom);
    }

    void check_declared_unit(const ast::ParamDecl& p, const Value& value) {
        ExprType declared = resolve_unit_spec(*p.unit, context_.diags, false);
        if (declared.is_poison() || value.kind != Value::Kind::Number) return;
        if (declared.dim != value.dim) {
            ExprType got = ExprType::of_value(value);
            context_.diags
                .report(DiagCode::UnitsMismatch, p.value->range,
                        "'" + p.name + "' is declared " + in_unit(declared) +
                            ", but its value is " + in_unit(got))
                .label(p.unit->range, describe_type(declared));
        }
    }

    void define(const ast::ParamDecl& p, const std::optional<Value>& value,
                const std::string& origin) {
        Symbol s;
        s.kind = p.is_let ? SymbolKind::Let : SymbolKind::Param;
        s.used = p.name == "dt";  // the time step is used by the simulator itself
        s.name = p.name;
        s.decl = p.name_range;
        s.type = value ? ExprType::of_value(*value) : ExprType::poison();
        if (builtin_constants_.erase(p.name)) {
            context_.globals.redefine(s);
        } else if (const Symbol* earlier = context_.globals.define(s)) {
            context_.diags.report(DiagCode::NamesDuplicate, p.name_range,
                                  "'" + p.name + "' is already defined")
                .label(earlier->decl, "first defined here");
            return;
        }
        ParamInfo info{p.name, value.value_or(Value{}), p.is_let, !p.body.empty(), origin,
                       p.name_range};
        context_.model.params.push_back(std::move(info));
    }

    /// Declares a function; its body is checked at its first call (check_functions.h).
    void define_function(const ast::FunctionDecl& f) {
        Symbol s;
        s.kind = SymbolKind::UserFunction;
        s.name = f.name;
        s.decl = f.name_range;
        s.function = &f;
        std::set<std::string> seen;
        for (const auto& formal : f.formals) {
            Dimension dim;
            if (formal.unit) {
                ExprType t = resolve_unit_spec(*formal.unit, context_.diags, false);
                if (!t.is_poison()) dim = t.dim;
            }
            s.formal_dims.push_back(dim);
            if (!seen.insert(formal.name).second) {
                context_.diags.report(DiagCode::NamesDuplicate, formal.range,
                                      "argument '" + formal.name + "' appears twice");
            }
        }
        if (const Symbol* earlier = context_.globals.define(s)) {
            context_.diags.report(DiagCode::NamesDuplicate, f.name_range,
                                  "'" + f.name + "' is already defined")
                .label(earlier->decl, "first defined here");
        }
    }

    /// Mathematical constants every model can use; a model may shadow them with its own.
    void define_constant(const char* name, double value) {
        Symbol s;
        s.kind = SymbolKind::Let;
        s.name = name;
        s.type = ExprType::of_value(Value::quantity(value, Dimension::dimensionless()));
        s.used = true;
        builtin_constants_.insert(name);
        context_.globals.define(s);
    }

    bool declares_dt() const {
        for (const auto& file : context_.model.files) {
            for (const auto& item : file.items) {
                const auto* p = std::get_if<ast::ParamDecl>(&item);
                if (p && p->name == "dt") return true;
            }
        }
        return false;
    }

    void add_default_dt() {
        if (context_.globals.find_local("dt")) return;
        Value dt = Value::quantity(1e-4, Dimension::second());
        std::string origin = "default";
        auto assigned = assignments_.selected.find("dt");
        if (assigned != assignments_.selected.end()) {
            used_assignments_.insert("dt");
            auto v = constant_of(*assigned->second.value, "the time step 'dt'");
            if (v && v->kind == Value::Kind::Number && v->dim == Dimension::second()) {
                dt = *v;
                origin = assigned->second.origin;
            } else if (v) {
                context_.diags.report(DiagCode::OverrideValue, assigned->second.range,
                                      "the time step 'dt' must be a time, e.g. 'dt=0.05ms'");
            }
        }
        Symbol s;
        s.kind = SymbolKind::Param;
        s.name = "dt";
        s.type = ExprType::of_value(dt);
        s.used = true;
        context_.globals.define(s);
        context_.model.params.push_back(ParamInfo{"dt", dt, false, false, origin, {}});
    }

    void report_unknown_assignments() {
        std::vector<std::string> names;
        for (const auto& p : context_.model.params) names.push_back(p.name);
        auto report = [&](const std::string& name, const ParamAssignment& a) {
            DiagCode code = a.origin == "--set" ? DiagCode::OverrideUnknown : DiagCode::NamesUnknown;
            auto b = context_.diags.report(code, a.range,
                                           a.origin + " sets '" + name +
                                               "', which is not a parameter of this model");
            std::string help = support::did_you_mean_help(name, names);
            if (!help.empty()) b.help(help);
        };
        for (const auto& [name, a] : assignments_.selected) {
            if (!used_assignments_.count(name)) report(name, a);
        }
        for (const auto& [name, list] : assignments_.all_modes) {
            if (context_.globals.find_local(name)) continue;
            for (const auto& a : list) report(name, a);
        }
    }

    ModelContext& context_;
    const ParamAssignments& assignments_;
    std::set<std::string> used_assignments_;
    std::set<std::string> builtin_constants_;
};

}  // namespace

void evaluate_params(ModelContext& context, const ParamAssignments& assignments) {
    ParamEvaluator(context, assignments).run();
}

}  // namespace nj::sema
