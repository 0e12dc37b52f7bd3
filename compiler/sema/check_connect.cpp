// Connect rules: the keys Brian2 and our extensions accept, with the unit each needs.
#include "compiler/sema/check_connect.h"

#include "compiler/sema/expr_checker.h"
#include "compiler/support/did_you_mean.h"

#include <algorithm>

namespace nj::sema {

using support::DiagCode;

namespace {

enum class KeyKind { Number, Boolean, Index, String };

const std::vector<std::pair<std::string, KeyKind>>& connect_keys() {
    static const std::vector<std::pair<std::string, KeyKind>> keys = {
        {"p", KeyKind::Number},          {"n", KeyKind::Number},
        {"i", KeyKind::Index},           {"j", KeyKind::Index},
        {"in_degree", KeyKind::Number},  {"out_degree", KeyKind::Number},
        {"multapses", KeyKind::Boolean}, {"skip_if_invalid", KeyKind::Boolean},
        {"autapses", KeyKind::Boolean},  {"condition", KeyKind::Boolean},
        {"file", KeyKind::String},       {"weight_column", KeyKind::String},
        {"matrix", KeyKind::String},     {"threshold", KeyKind::Number},
        {"blocks", KeyKind::Number},
    };
    return keys;
}

void check_key(const ast::Item& item, const CodeContext& context) {
    const ast::Expr& target = *item.exprs[0];
    const ast::Expr& value = *item.exprs[1];
    const auto& keys = connect_keys();
    auto it = std::find_if(keys.begin(), keys.end(),
                           [&](const auto& k) { return k.first == target.text; });
    if (target.kind != ast::ExprKind::Name || it == keys.end() ||
        item.op != ast::AssignOp::Set) {
        std::vector<std::string> names;
        for (const auto& k : keys) names.push_back(k.first);
        auto b = context.diags.report(DiagCode::CallUnknownArgument, target.range,
                                      "a connect rule has no setting '" +
                                          std::string(context.diags.sources().slice(target.range)) +
                                          "'");
        std::string help = target.kind == ast::ExprKind::Name
                               ? support::did_you_mean_help(target.text, names)
                               : std::string();
        b.help(help.empty() ? "write a condition such as 'i != j', or 'p = 0.1', 'j = ...', "
                              "'in_degree = 10'"
                            : help);
        return;
    }
    CodeContext code = context;
    code.allow_generator = it->second == KeyKind::Index;
    code.place = "in a connect rule";
    ExprType t = check_expr(value, code);
    if (t.is_poison()) return;
    switch (it->second) {
    case KeyKind::Boolean:
        if (!t.is_boolean()) {
            context.diags.report(DiagCode::TypeMismatch, value.range,
                                 "'" + target.text + "' must be true or false");
        }
        break;
    case KeyKind::String:
        if (t.kind != ExprType::Kind::String) {
            context.diags.report(DiagCode::TypeMismatch, value.range,
                                 "'" + target.text + "' must be a file path (a string)");
        }
        break;
    case KeyKind::Number:
    case KeyKind::Index:
        if ((t.is_number() || t.kind == ExprType::Kind::List) && !t.dim.is_dimensionless()) {
            context.diags.report(DiagCode::UnitsNotDimensionless, value.range,
                                 "'" + target.text + "' must be dimensionless, but it is " +
                                     describe_type(t));
        } else if (!t.is_number() && t.kind != ExprType::Kind::List && !t.is_boolean()) {
            context.diags.report(DiagCode::TypeMismatch, value.range,
                                 "'" + target.text + "' must be a number, not " + describe_type(t));
        }
        break;
    }
}

}  // namespace

void check_connect(const ast::Item& clause, const CodeContext& context) {
    for (const auto& item : clause.children) {
        if (item.kind == ast::ItemKind::Assign) {
            check_key(item, context);
            continue;
        }
        if (item.kind != ast::ItemKind::ExprStmt) {
            context.diags.report(DiagCode::ClauseInvalid, item.range,
                                 "expected a condition or a setting in a connect rule");
            continue;
        }
        const ast::Expr& e = *item.exprs[0];
        if (e.kind == ast::ExprKind::Name && (e.text == "all" || e.text == "one_to_one")) continue;
        CodeContext code = context;
        code.place = "in a connect rule";
        check_condition(e, "a connect condition", code);
    }
}

}  // namespace nj::sema
