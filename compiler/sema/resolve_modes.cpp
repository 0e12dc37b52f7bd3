// Mode selection with `extends` chains, and parsing of --set overrides.
#include "compiler/sema/resolve_modes.h"

#include "compiler/parse/parse_file.h"
#include "compiler/support/did_you_mean.h"

#include <set>

namespace nj::sema {

using support::DiagCode;

namespace {

using ModeMap = std::map<std::string, const ast::ModeDecl*, std::less<>>;

ModeMap collect_modes(ModelContext& context) {
    ModeMap modes;
    for (const auto& file : context.model.files) {
        for (const auto& item : file.items) {
            const auto* mode = std::get_if<ast::ModeDecl>(&item);
            if (!mode) continue;
            auto [it, inserted] = modes.emplace(mode->name, mode);
            if (!inserted) {
                context.diags.report(DiagCode::NamesDuplicate, mode->name_range,
                                     "mode '" + mode->name + "' is defined twice")
                    .label(it->second->name_range, "first defined here");
                continue;
            }
            context.model.modes.push_back(mode->name);
        }
    }
    return modes;
}

void record_assignments(const ast::ModeDecl& mode, ParamAssignments& out, bool selected,
                        ModelContext& context) {
    for (const auto& item : mode.items) {
        if (item.kind != ast::ItemKind::Assign || item.op != ast::AssignOp::Set ||
            item.exprs[0]->kind != ast::ExprKind::Name) {
            context.diags.report(DiagCode::ProtocolInvalid, item.range,
                                 "a mode may only assign parameters, as in 'n_exc = 800'");
            continue;
        }
        ParamAssignment a{item.exprs[1].get(), "mode " + mode.name, item.range};
        const std::string& name = item.exprs[0]->text;
        if (selected) out.selected[name] = a;
        else out.all_modes[name].push_back(a);
    }
}

/// Applies `name` after its bases (left to right); detects cycles through `stack`.
bool apply_mode(const std::string& name, SourceRange site, const ModeMap& modes,
                std::vector<std::string>& stack, ParamAssignments& out, ModelContext& context) {
    auto it = modes.find(name);
    if (it == modes.end()) {
        std::vector<std::string> names;
        for (const auto& [n, m] : modes) names.push_back(n);
        auto b = context.diags.report(DiagCode::ModeUnknown, site, "unknown mode '" + name + "'");
        std::string help = support::did_you_mean_help(name, names);
        if (help.empty() && !names.empty()) {
            std::string list;
            for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
            help = "this model's modes are: " + list;
        }
        if (!help.empty()) b.help(help);
        return false;
    }
    for (const auto& open : stack) {
        if (open == name) {
            context.diags.report(DiagCode::ModeCycle, site,
                                 "mode '" + name + "' extends itself through '" + stack.back() + "'");
            return false;
        }
    }
    stack.push_back(name);
    bool ok = true;
    for (const auto& [base, range] : it->second->bases) {
        ok = apply_mode(base, range, modes, stack, out, context) && ok;
    }
    stack.pop_back();
    record_assignments(*it->second, out, true, context);
    return ok;
}

/// Whether `name` is a parameter whose default is a string literal, and whether `text` names a
/// parameter (so `--set a=b` can still copy another parameter's value).
bool is_string_param(const std::string& name, const ModelContext& context) {
    for (const auto& file : context.model.files) {
        for (const auto& item : file.items) {
            const auto* p = std::get_if<ast::ParamDecl>(&item);
            if (p && p->name == name) return p->value && p->value->kind == ast::ExprKind::String;
        }
    }
    return false;
}

bool names_param(const std::string& text, const ModelContext& context) {
    for (const auto& file : context.model.files) {
        for (const auto& item : file.items) {
            const auto* p = std::get_if<ast::ParamDecl>(&item);
            if (p && p->name == text) return true;
        }
    }
    return false;
}

/// The text of a --set value as an expression: a string parameter takes unquoted text as it is
/// (`--set data_file=/tmp/x.csv`), unless the text is quoted or names another parameter.
std::string override_source(const std::string& name, const std::string& text, const ModelContext& context) {
    bool plain_text = !text.empty() && text.front() != '"' && is_string_param(name, context) &&
                      !names_param(text, context);
    if (!plain_text) return text;
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return quoted + "\"";
}

bool parse_overrides(ModelContext& context, ParamAssignments& out) {
    bool ok = true;
    for (const auto& [name, given] : context.options.overrides) {
        std::string label = "--set " + name + "=" + given;
        std::string text = override_source(name, given, context);
        auto file = context.sources.add_buffer("<" + label + ">", text);
        auto expr = parse::parse_expression(file, context.sources, context.diags);
        if (!expr) {
            ok = false;
            continue;
        }
        support::SourceRange range{file, 0, static_cast<uint32_t>(text.size())};
        out.selected[name] = ParamAssignment{expr.get(), "--set", range};
        out.override_exprs.push_back(std::move(expr));
    }
    return ok;
}

}  // namespace

bool resolve_modes(ModelContext& context, ParamAssignments& out) {
    ModeMap modes = collect_modes(context);
    bool ok = true;
    for (const auto& [name, mode] : modes) {
        std::vector<std::string> stack;
        ParamAssignments scratch;
        if (!context.options.mode.empty() && name == context.options.mode) continue;
        // check every mode's chain once, so a broken mode is found even when not selected
        ok = apply_mode(name, mode->name_range, modes, stack, scratch, context) && ok;
        record_assignments(*mode, out, false, context);
    }
    if (!context.options.mode.empty()) {
        std::vector<std::string> stack;
        ok = apply_mode(context.options.mode, SourceRange{}, modes, stack, out, context) && ok;
        context.model.mode = context.options.mode;
    }
    return parse_overrides(context, out) && ok;
}

}  // namespace nj::sema
