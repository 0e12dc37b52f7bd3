// Which kernels do costly work per element (see element_cost.h).
#include "compiler/ir/passes/element_cost.h"

#include <unordered_map>
#include <unordered_set>

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

void collect_stored(const std::vector<Stmt>& body, std::unordered_set<int>& stored) {
    for (const auto& s : body) {
        if (s.kind == StmtKind::Store) stored.insert(s.slot);
        collect_stored(s.then_body, stored);
        collect_stored(s.else_body, stored);
    }
}

/// Operations per element: each distinct node that depends on the element (a load at the
/// element, the loop index, a draw, or a local set from such a value) counts once. Nodes built
/// only from parameters, constants, time, loads at a fixed index of an array the kernel never
/// writes (a list entry) and locals set from such values (an exact propagator's terms) are left
/// out: the compiled loop computes them once.
class ElementWork {
public:
    ElementWorkCounts total(const std::vector<Stmt>& body) {
        collect_stored(body, stored_);
        add(body);
        return counts_;
    }

private:
    /// `varying_branch`: the statements run only for some elements (an If on the element).
    void add(const std::vector<Stmt>& body, bool varying_branch = false) {
        for (const auto& s : body) {
            const bool varies = visit(s.value);
            visit(s.index);
            if (s.kind == StmtKind::SetLocal) local_varies_[s.slot] = local_varies_[s.slot] || varies || varying_branch;
            add(s.then_body, varying_branch || (s.kind == StmtKind::If && varies));
            add(s.else_body, varying_branch || (s.kind == StmtKind::If && varies));
        }
    }

    /// A local varies when a value that varies was assigned to it, or one was assigned under a
    /// condition on the element; a local never assigned before its use is taken to vary.
    bool local_varies(int slot) const {
        auto it = local_varies_.find(slot);
        return it == local_varies_.end() || it->second;
    }

    /// Whether `e` depends on the element; adds its work the first time it is seen.
    bool visit(const ExprRef& e) {
        if (!e) return false;
        auto seen = varies_.find(e.get());
        if (seen != varies_.end()) return seen->second;
        bool per_element_load = e->kind == ExprKind::Load && (!e->args[0] || stored_.count(e->slot) > 0);
        bool varies = per_element_load || e->kind == ExprKind::LoopIndex || e->kind == ExprKind::Random ||
                      (e->kind == ExprKind::Local && local_varies(e->slot));
        for (const auto& a : e->args) varies = visit(a) || varies;
        if (e->kind == ExprKind::Random) ++counts_.draws;
        if (varies && !e->args.empty()) ++(e->kind == ExprKind::Call ? counts_.calls : counts_.operations);
        varies_[e.get()] = varies;
        return varies;
    }

    std::unordered_set<int> stored_;
    std::unordered_map<int, bool> local_varies_;
    std::unordered_map<const Expr*, bool> varies_;
    ElementWorkCounts counts_;
};

/// A math call counts as this many operations when judging threads.
constexpr int call_weight = 10;

}  // namespace

ElementWorkCounts element_work(const Kernel& kernel) { return ElementWork().total(kernel.body); }

bool costly_per_element(const Kernel& kernel) {
    if (costly(kernel.body)) return true;
    const ElementWorkCounts work = element_work(kernel);
    return work.operations + call_weight * work.calls >= costly_element_work;
}

}  // namespace nj::ir
