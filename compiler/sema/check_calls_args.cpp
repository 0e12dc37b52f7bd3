// Signature checks for constructor and analysis calls: counts, keywords, variable arguments.
#include "compiler/sema/check_calls_args.h"

#include "compiler/support/did_you_mean.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace nj::sema {

using support::DiagCode;

namespace {

void check_variable_arg(const ast::Expr& arg, const ExprType& source, const CodeContext& context) {
    if (arg.kind != ast::ExprKind::Name) {
        check_expr(arg, context);
        return;
    }
    if (source.kind != ExprType::Kind::Object || !source.object) return;
    const Symbol& owner = *source.object;
    const VariableTable* vars = owner.group     ? &owner.group->variables
                                : owner.synapses ? &owner.synapses->variables
                                                 : nullptr;
    if (!vars || vars->find(arg.text)) return;
    std::vector<std::string> names;
    for (const auto& [n, v] : vars->by_name) names.push_back(n);
    auto b = context.diags.report(DiagCode::NamesUnknown, arg.range,
                                  describe_symbol(owner) + " has no variable '" + arg.text + "'");
    std::string help = support::did_you_mean_help(arg.text, names);
    if (!help.empty()) b.help(help);
}

/// Keywords whose meaning fixes their unit, whatever the constructor or analysis.
std::optional<units::Dimension> unit_of_keyword(const std::string& keyword) {
    static const std::map<std::string, units::Dimension> units = {
        {"every", units::Dimension::second()}, {"bin", units::Dimension::second()},
        {"start", units::Dimension::second()}, {"stop", units::Dimension::second()},
        {"width", units::Dimension::second()}, {"smooth", units::Dimension::second()}};
    auto it = units.find(keyword);
    if (it == units.end()) return std::nullopt;
    return it->second;
}

ExprType check_value(const ast::Expr& arg, const CodeContext& context) {
    if (arg.kind == ast::ExprKind::Slice) {
        for (const auto& bound : arg.children) {
            if (bound) check_expr(*bound, context);
        }
        return ExprType::list(units::Dimension::dimensionless());
    }
    if (arg.kind == ast::ExprKind::Pathway) {
        check_expr(*arg.children[0], context);
        check_expr(*arg.children[1], context);
        return ExprType::poison();
    }
    return check_expr(arg, context);
}

}  // namespace

ExprType check_call_args(const std::vector<const ast::Expr*>& args,
                         const std::vector<std::string>& names, const CallSignature& sig,
                         SourceRange call_range, const CodeContext& context) {
    ExprType first = ExprType::poison();
    std::set<std::string> seen;
    size_t positional = 0;
    for (size_t k = 0; k < args.size(); ++k) {
        const ast::Expr& arg = *args[k];
        const std::string& keyword = names[k];
        if (keyword.empty()) {
            size_t slot = positional++;
            bool fits = sig.open_positional || slot < sig.positional.size() || sig.variadic;
            if (!fits) {
                context.diags.report(DiagCode::CallArity, arg.range,
                                     "'" + sig.name + "' takes " +
                                         std::to_string(sig.positional.size()) +
                                         " positional argument(s); name the others, e.g. 'x = ...'");
                continue;
            }
            const std::string& param = sig.positional.empty() ? std::string()
                                       : sig.positional[std::min(slot, sig.positional.size() - 1)];
            if (slot > 0 && (param == "variables" || param == "variable")) {
                check_variable_arg(arg, first, context);
                continue;
            }
            ExprType t = check_value(arg, context);
            if (slot == 0) first = t;
            continue;
        }
        if (!seen.insert(keyword).second) {
            context.diags.report(DiagCode::CallDuplicateArgument, arg.range,
                                 "the argument '" + keyword + "' is given twice");
        }
        if (!sig.open_keywords &&
            std::find(sig.keywords.begin(), sig.keywords.end(), keyword) == sig.keywords.end()) {
            auto b = context.diags.report(DiagCode::CallUnknownArgument, arg.range,
                                          "'" + sig.name + "' has no argument named '" + keyword + "'");
            std::string help = support::did_you_mean_help(keyword, sig.keywords);
            if (!help.empty()) b.help(help);
            continue;
        }
        if (keyword == "variable" || keyword == "variables") {
            check_variable_arg(arg, first, context);
        } else if (auto unit = unit_of_keyword(keyword)) {
            check_expr_dimension(arg, *unit, "'" + keyword + "'", context);
        } else {
            check_value(arg, context);
        }
    }
    if (positional == 0 && !sig.positional.empty() && !sig.open_positional &&
        !sig.positional.front().empty() && sig.positional.front() != "variables") {
        context.diags.report(DiagCode::CallMissingArgument, call_range,
                             "'" + sig.name + "' needs its '" + sig.positional.front() +
                                 "' argument");
    }
    return first;
}

}  // namespace nj::sema
