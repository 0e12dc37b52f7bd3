// Search for element-i reads of one array, visiting each shared node once.
#include "compiler/ir/passes/depends_on.h"

#include <unordered_set>
#include <vector>

namespace nj::ir {

bool depends_on(const ExprRef& expr, int slot) {
    std::unordered_set<const Expr*> seen;
    std::vector<const Expr*> pending;
    if (expr) pending.push_back(expr.get());
    while (!pending.empty()) {
        const Expr* e = pending.back();
        pending.pop_back();
        if (!seen.insert(e).second) continue;
        if (e->kind == ExprKind::Load && !e->args[0] && e->slot == slot) return true;
        for (const auto& a : e->args) {
            if (a) pending.push_back(a.get());
        }
    }
    return false;
}

}  // namespace nj::ir
