// Common-subexpression binding over an expression DAG: counts each node's users, then rebuilds
// the values bottom-up, moving nodes with several users to locals.
#include "compiler/ir/passes/bind_shared_nodes.h"

#include "compiler/ir/passes/with_args.h"

#include <unordered_map>

namespace nj::ir {

namespace {

class SharedNodeBinder {
public:
    SharedNodeBinder(Kernel& kernel, std::vector<Stmt>& out) : kernel_(kernel), out_(out) {}

    /// Counts one more user of `e` (its operands are counted on the first visit only).
    void count(const ExprRef& e) {
        if (!e || ++users_[e.get()] > 1) return;
        for (const auto& a : e->args) count(a);
    }

    ExprRef bind(const ExprRef& e) {
        if (!e) return e;
        if (auto it = done_.find(e.get()); it != done_.end()) return it->second;
        std::vector<ExprRef> args;
        for (const auto& a : e->args) args.push_back(bind(a));
        ExprRef result = with_args(e, std::move(args));
        if (users_[e.get()] > 1 && worth_a_local(e) && safe(e)) {
            out_.push_back(set_local(kernel_.locals, result));
            result = local(kernel_.locals++);
        }
        return done_[e.get()] = result;
    }

private:
    static bool worth_a_local(const ExprRef& e) {
        if (e->type != Type::F64) return false;
        if (e->kind == ExprKind::Random) return e->args.empty();
        return !e->args.empty() && e->kind != ExprKind::Load;
    }

    /// Free of nodes that must stay under the select that may guard them.
    bool safe(const ExprRef& e) {
        if (!e) return true;
        if (auto it = safe_.find(e.get()); it != safe_.end()) return it->second;
        bool guarded = (e->kind == ExprKind::Load && e->args[0]) ||
                       (e->kind == ExprKind::Random && !e->args.empty());
        bool ok = !guarded;
        for (const auto& a : e->args) ok = safe(a) && ok;
        return safe_[e.get()] = ok;
    }

    Kernel& kernel_;
    std::vector<Stmt>& out_;
    std::unordered_map<const Expr*, int> users_;
    std::unordered_map<const Expr*, ExprRef> done_;
    std::unordered_map<const Expr*, bool> safe_;
};

}  // namespace

std::vector<ExprRef> bind_shared_nodes(const std::vector<ExprRef>& values, Kernel& kernel,
                                       std::vector<Stmt>& out) {
    SharedNodeBinder binder(kernel, out);
    for (const auto& v : values) binder.count(v);
    std::vector<ExprRef> bound;
    for (const auto& v : values) bound.push_back(binder.bind(v));
    return bound;
}

}  // namespace nj::ir
