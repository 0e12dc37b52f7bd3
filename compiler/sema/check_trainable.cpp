// The optimiser settings of a trainable variable: `trainable w { bounds: 0 .. 1; lr: 1e-4 }`.
#include "compiler/sema/check_trainable.h"

#include "compiler/sema/check_clauses.h"
#include "compiler/support/did_you_mean.h"
#include "compiler/units/format_dimension.h"

namespace nj::sema {

using support::DiagCode;
using units::Dimension;

namespace {

/// A setting is fixed when training starts: a number, parameter or arithmetic of them.
bool is_constant(const ExprType& t, const ast::Expr& e, const std::string& what, const CodeContext& code) {
    if (t.is_poison() || t.constant || t.kind == ExprType::Kind::List) return true;
    code.diags.report(DiagCode::ValueInvalid, e.range,
                      what + " must be a constant (numbers and parameters), not a value that changes in the network");
    return false;
}

}  // namespace

void check_trainable_clause(const ast::Item& clause, const VariableTable& variables, const CodeContext& code) {
    const Variable* var = variables.find(clause.name);
    if (!var) {
        std::vector<std::string> names;
        for (const auto& [name, v] : variables.by_name) {
            if (v.has_flag("trainable")) names.push_back(name);
        }
        auto b = code.diags.report(DiagCode::NamesUnknown, clause.name_range,
                                   "there is no variable '" + clause.name + "' to train here");
        std::string help = support::did_you_mean_help(clause.name, names);
        if (!help.empty()) b.help(help);
        return;
    }
    if (!var->has_flag("trainable")) {
        code.diags
            .report(DiagCode::ClauseInvalid, clause.name_range,
                    "'" + clause.name + "' is not flagged '(trainable)', so it has no optimiser settings")
            .label(var->decl, "declared here; add '(trainable)' to train it");
        return;
    }
    if (!clause.block_form) {
        code.diags.report(DiagCode::ClauseInvalid, clause.key_range,
                          "write the settings in braces: 'trainable " + clause.name +
                              " { bounds: low .. high; lr: rate }'");
        return;
    }
    static const std::vector<ClauseSpec> specs = {
        {"bounds", ClauseValue::Custom, false, {}},
        {"lr", ClauseValue::Custom, false, {}},
    };
    auto custom = [&](const ast::Item& setting) {
        const ast::Expr* e = single_expression(setting, code.diags);
        if (!e) return;
        if (setting.key == "lr") {
            ExprType t = check_expr_dimension(*e, Dimension::dimensionless(), "a learning rate", code);
            is_constant(t, *e, "a learning rate", code);
            return;
        }
        ExprType t = check_expr(*e, code);
        if (t.is_poison()) return;
        if (e->kind != ast::ExprKind::Range || (!var->type.is_poison() && t.dim != var->type.dim)) {
            code.diags.report(DiagCode::UnitsMismatch, e->range,
                              "the bounds of '" + clause.name + "' must be a range 'low .. high' in its unit (" +
                                  units::format_dimension(var->type.dim) + "), but this is " + describe_type(t));
            return;
        }
        for (const auto& end : e->children) is_constant(check_expr(*end, code), *end, "a bound", code);
    };
    check_clauses(clause.children, specs, code, "the settings of '" + clause.name + "'", custom);
}

}  // namespace nj::sema
