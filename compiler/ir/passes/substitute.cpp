// Substitution of element-i array reads, on top of replace_leaves.
#include "compiler/ir/passes/substitute.h"

#include "compiler/ir/passes/replace_leaves.h"

namespace nj::ir {

ExprRef substitute(const ExprRef& expr, const std::map<int, ExprRef>& loads) {
    if (loads.empty()) return expr;
    return replace_leaves(expr, [&](const ExprRef& leaf) -> ExprRef {
        if (leaf->kind != ExprKind::Load || leaf->args[0]) return nullptr;
        auto it = loads.find(leaf->slot);
        return it == loads.end() ? nullptr : it->second;
    });
}

}  // namespace nj::ir
