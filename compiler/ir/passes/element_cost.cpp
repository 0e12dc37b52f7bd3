// Which kernels do costly work per element (see element_cost.h).
#include "compiler/ir/passes/element_cost.h"

namespace nj::ir {

namespace {

bool costly(const ExprRef& e) {
    if (!e) return false;
    if (e->kind == ExprKind::Random && !e->args.empty()) return true;  // a sampler, not rand/randn
    if (e->kind == ExprKind::Call && e->op.rfind("keyed_", 0) == 0) return true;
    for (const auto& a : e->args) {
        if (costly(a)) return true;
    }
    return false;
}

bool costly(const std::vector<Stmt>& body) {
    for (const auto& s : body) {
        if (costly(s.value) || costly(s.index) || costly(s.then_body) || costly(s.else_body)) return true;
    }
    return false;
}

}  // namespace

bool costly_per_element(const Kernel& kernel) { return costly(kernel.body); }

}  // namespace nj::ir
