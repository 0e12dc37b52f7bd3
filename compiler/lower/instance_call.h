// The constructor call of an instance declaration, in either form: `table T = csv(path, ...)`
// or the call form `rls L(S, ...)`: the constructor's name and its (keyword) arguments.
#pragma once

#include "compiler/parse/ast.h"

#include <string>
#include <vector>

namespace nj::lower {

struct InstanceCall {
    std::string name;                     ///< the constructor ("csv", "rls"), "" when none
    std::vector<const ast::Expr*> args;   ///< in order
    std::vector<std::string> names;       ///< keyword of each argument, "" for positional ones

    /// The argument given as `key = ...`, or null.
    const ast::Expr* keyword(const std::string& key) const {
        for (size_t k = 0; k < names.size(); ++k) {
            if (names[k] == key) return args[k];
        }
        return nullptr;
    }
};

/// The call of `decl`; an empty name when its value is not a call.
inline InstanceCall instance_call(const ast::InstanceDecl& decl) {
    InstanceCall c;
    if (decl.call_form) {
        c.name = decl.name;
        for (const auto& a : decl.args) c.args.push_back(a.get());
        c.names = decl.arg_names;
        c.names.resize(c.args.size());
        return c;
    }
    if (!decl.value || decl.value->kind != ast::ExprKind::Call || decl.value->children.empty()) return c;
    c.name = decl.value->children[0]->text;
    for (size_t k = 1; k < decl.value->children.size(); ++k) {
        c.args.push_back(decl.value->children[k].get());
        c.names.push_back(k - 1 < decl.value->arg_names.size() ? decl.value->arg_names[k - 1] : "");
    }
    return c;
}

}  // namespace nj::lower
