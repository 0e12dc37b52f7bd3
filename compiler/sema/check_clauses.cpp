// Clause tables: lookup, duplicates, and the check of each value form.
#include "compiler/sema/check_clauses.h"

#include "compiler/sema/check_statements.h"
#include "compiler/support/did_you_mean.h"

#include <algorithm>
#include <set>

namespace nj::sema {

using support::DiagCode;
using units::Dimension;

const std::vector<std::string>& known_methods() {
    static const std::vector<std::string> methods = {
        "exact", "linear", "euler", "rk2", "rk4", "exponential_euler", "heun", "milstein",
        "euler_maruyama", "rk2_midpoint"};
    return methods;
}

const ast::Expr* single_expression(const ast::Item& clause, support::DiagnosticEngine& diags) {
    if (clause.children.size() == 1 && clause.children[0].kind == ast::ItemKind::ExprStmt) {
        return clause.children[0].exprs[0].get();
    }
    diags.report(DiagCode::ClauseInvalid, clause.range,
                 "'" + clause.key + ":' takes one expression");
    return nullptr;
}

namespace {

void check_word(const ast::Item& clause, const std::vector<std::string>& words,
                DiagCode unknown_code, const CodeContext& context) {
    const ast::Expr* e = single_expression(clause, context.diags);
    if (!e) return;
    if (e->kind != ast::ExprKind::Name && e->kind != ast::ExprKind::String) {
        context.diags.report(DiagCode::ClauseInvalid, e->range,
                             "'" + clause.key + ":' takes a name, e.g. '" + words.front() + "'");
        return;
    }
    if (std::find(words.begin(), words.end(), e->text) != words.end()) return;
    auto b = context.diags.report(unknown_code, e->range,
                                  "unknown " + clause.key + " '" + e->text + "'");
    std::string help = support::did_you_mean_help(e->text, words);
    if (help.empty()) {
        std::string list;
        for (const auto& w : words) list += (list.empty() ? "" : ", ") + w;
        help = "choose one of: " + list;
    }
    b.help(help);
}

void check_value(const ast::Item& clause, const ClauseSpec& spec, const CodeContext& context,
                 const CustomClauseHandler& custom) {
    std::string what = "the " + clause.key;
    switch (spec.value) {
    case ClauseValue::Condition:
        if (const ast::Expr* e = single_expression(clause, context.diags)) {
            check_condition(*e, what, context);
        }
        break;
    case ClauseValue::Statements: check_statements(clause.children, context, what); break;
    case ClauseValue::Time:
        if (const ast::Expr* e = single_expression(clause, context.diags)) {
            check_expr_dimension(*e, Dimension::second(), what, context);
        }
        break;
    case ClauseValue::TimeOrCondition:
        if (const ast::Expr* e = single_expression(clause, context.diags)) {
            ExprType t = check_expr(*e, context);
            if (!t.is_poison() && !t.is_boolean() && !(t.is_number() && t.dim == Dimension::second())) {
                context.diags.report(DiagCode::UnitsMismatch, e->range,
                                     what + " must be a time or a condition, but it is " +
                                         describe_type(t));
            }
        }
        break;
    case ClauseValue::Method:
        check_word(clause, known_methods(), DiagCode::MethodUnknown, context);
        break;
    case ClauseValue::Word: check_word(clause, spec.words, DiagCode::ClauseInvalid, context); break;
    case ClauseValue::Custom:
        if (custom) custom(clause);
        break;
    }
}

void report_unknown_clause(const ast::Item& clause, const std::vector<ClauseSpec>& specs,
                           const std::string& owner, support::DiagnosticEngine& diags) {
    std::vector<std::string> keys;
    for (const auto& s : specs) keys.push_back(s.key);
    auto b = diags.report(DiagCode::ClauseUnknown, clause.key_range,
                          owner + " has no clause '" + clause.key + "'");
    std::string help = support::did_you_mean_help(clause.key, keys);
    if (help.empty()) {
        std::string list;
        for (const auto& k : keys) list += (list.empty() ? "" : ", ") + k;
        help = "its clauses are: " + list;
    }
    b.help(help);
}

}  // namespace

void check_clauses(const std::vector<ast::Item>& body, const std::vector<ClauseSpec>& specs,
                   const CodeContext& context, const std::string& owner,
                   const CustomClauseHandler& custom) {
    std::set<std::string> seen;
    for (const auto& item : body) {
        if (item.kind == ast::ItemKind::Equations) continue;
        if (item.kind == ast::ItemKind::Assign) {
            check_assignment(item, context, false);
            continue;
        }
        if (item.kind != ast::ItemKind::Clause) {
            context.diags.report(DiagCode::ClauseInvalid, item.range,
                                 "expected a clause such as 'key: value' or an assignment "
                                 "'name = value' in " + owner);
            continue;
        }
        auto spec = std::find_if(specs.begin(), specs.end(),
                                 [&](const ClauseSpec& s) { return s.key == item.key; });
        if (spec == specs.end()) {
            report_unknown_clause(item, specs, owner, context.diags);
            continue;
        }
        if (spec->named && item.name.empty()) {
            context.diags.report(DiagCode::ClauseInvalid, item.key_range,
                                 "'" + item.key + "' needs a name, as in '" + item.key +
                                     " NAME: ...'");
            continue;
        }
        if (!spec->named && !item.name.empty() && spec->value != ClauseValue::Custom) {
            context.diags.report(DiagCode::ClauseInvalid, item.name_range,
                                 "'" + item.key + "' does not take a name");
            continue;
        }
        if (!seen.insert(item.key + " " + item.name).second) {
            context.diags.report(DiagCode::ClauseDuplicate, item.key_range,
                                 "'" + item.key + (item.name.empty() ? "" : " " + item.name) +
                                     "' is given twice in " + owner);
            continue;
        }
        check_value(item, *spec, context, custom);
    }
}

}  // namespace nj::sema
