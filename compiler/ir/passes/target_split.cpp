// The index array by which a serial kernel's elements can be split (see target_split.h).
#include "compiler/ir/passes/target_split.h"

#include <map>
#include <set>
#include <vector>

namespace nj::ir {

namespace {

/// The slot of A when `index` is `A[i]`, else -1.
int index_array_slot(const ExprRef& index) {
    if (index && index->kind == ExprKind::Load && !index->args[0]) return index->slot;
    return -1;
}

struct Accesses {
    std::set<int> stored;                  ///< slots stored at the element itself
    std::map<int, std::set<int>> indexed;  ///< slot stored elsewhere → index slots it is stored at
    /// slot → index slots of its loads (-1: the element itself; -2: a computed index)
    std::map<int, std::set<int>> loaded;
};

void visit(const ExprRef& e, Accesses& a) {
    if (!e) return;
    if (e->kind == ExprKind::Load) {
        int at = !e->args[0] ? -1 : index_array_slot(e->args[0]) >= 0 ? index_array_slot(e->args[0]) : -2;
        a.loaded[e->slot].insert(at);
    }
    for (const auto& arg : e->args) visit(arg, a);
}

void visit(const std::vector<Stmt>& body, Accesses& a) {
    for (const Stmt& s : body) {
        visit(s.value, a);
        visit(s.index, a);
        if (s.kind == StmtKind::Store) {
            if (s.index) a.indexed[s.slot].insert(index_array_slot(s.index) >= 0 ? index_array_slot(s.index) : -2);
            else a.stored.insert(s.slot);
        }
        visit(s.then_body, a);
        visit(s.else_body, a);
    }
}

}  // namespace

int target_split_slot(const Kernel& kernel) {
    Accesses a;
    visit(kernel.body, a);
    // an array written at the element itself is read there only: no element sees another's write
    for (int slot : a.stored) {
        if (auto it = a.loaded.find(slot); it != a.loaded.end() && it->second != std::set<int>{-1}) return kNoSplit;
    }
    if (a.indexed.empty()) return kFreeSplit;
    int index = -1;
    for (const auto& [slot, at] : a.indexed) {
        if (at.size() != 1 || *at.begin() < 0) return kNoSplit;
        if (index >= 0 && *at.begin() != index) return kNoSplit;
        index = *at.begin();
        // every load of a target array is at the same index: no element reads another's target
        if (auto it = a.loaded.find(slot); it != a.loaded.end() && (it->second.size() != 1 || *it->second.begin() != index)) {
            return kNoSplit;
        }
        if (a.stored.count(slot)) return kNoSplit;
    }
    // the index array itself must not change during the call
    if (a.stored.count(index) || a.indexed.count(index)) return kNoSplit;
    return index;
}

}  // namespace nj::ir
