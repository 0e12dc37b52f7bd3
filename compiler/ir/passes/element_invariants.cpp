// Finds the per-element values of a kernel that stay the same over a run (element_invariants.h).
#include "compiler/ir/passes/element_invariants.h"

#include "compiler/ir/passes/with_args.h"

#include <functional>
#include <map>
#include <unordered_map>

namespace nj::ir {

namespace {

void count_local_sets(const std::vector<Stmt>& body, std::map<int, int>& sets) {
    for (const auto& s : body) {
        if (s.kind == StmtKind::SetLocal) ++sets[s.slot];
        count_local_sets(s.then_body, sets);
        count_local_sets(s.else_body, sets);
    }
}

/// A property of expression nodes, memoised per node (the IR is a DAG): `all` — the node's own
/// test and every operand's (a null operand has it); otherwise the node's own or any operand's.
class NodeProperty {
public:
    NodeProperty(bool all, std::function<bool(const Expr&)> own) : all_(all), own_(std::move(own)) {}

    bool of(const ExprRef& e) {
        if (!e) return all_;
        auto found = memo_.find(e.get());
        if (found != memo_.end()) return found->second;
        bool result = own_(*e);
        for (const auto& a : e->args) result = all_ ? result && of(a) : result || of(a);
        memo_[e.get()] = result;
        return result;
    }

private:
    bool all_;
    std::function<bool(const Expr&)> own_;
    std::unordered_map<const Expr*, bool> memo_;
};

/// What one pass over a kernel learns about its expressions.
class Invariants {
public:
    Invariants(const std::vector<bool>& constant_slot, int first_slot)
        : constant_slot_(constant_slot), next_slot_(first_slot) {}

    /// Same over the run: reads no time, draw, written array or local that varies.
    bool constant(const ExprRef& e) { return constant_.of(e); }
    /// Differs between elements: reads i, an array at i, or a local that does (an array read at
    /// an index the same for all elements, such as a list entry, is the same for all).
    bool per_element(const ExprRef& e) { return per_element_.of(e); }
    /// Worth an array read instead of being computed: a call, a division, a power or a local.
    bool worth_caching(const ExprRef& e) { return worth_.of(e); }

    void add_constant_local(int slot, bool varies_by_element) {
        constant_locals_[slot] = true;
        if (varies_by_element) per_element_locals_[slot] = true;
    }

    /// `e` reading cached values for its largest parts that are constant and per element.
    ExprRef rewrite(const ExprRef& e) {
        if (!e) return e;
        auto found = rewritten_.find(e.get());
        if (found != rewritten_.end()) return found->second;
        ExprRef result;
        const bool cacheable = constant(e) && per_element(e) && worth_caching(e);
        if (cacheable && e->type == Type::F64) {
            result = load(next_slot_++);
            cached_.push_back(e);
        } else if (constant(e) && !cacheable) {
            result = e;
        } else {
            std::vector<ExprRef> args;
            args.reserve(e->args.size());
            for (const auto& a : e->args) args.push_back(rewrite(a));
            result = with_args(e, std::move(args));
        }
        rewritten_[e.get()] = result;
        return result;
    }

    std::vector<Stmt> rewrite(const std::vector<Stmt>& body) {
        std::vector<Stmt> out;
        out.reserve(body.size());
        for (const auto& s : body) {
            Stmt copy = s;
            copy.value = rewrite(s.value);
            copy.index = rewrite(s.index);
            copy.then_body = rewrite(s.then_body);
            copy.else_body = rewrite(s.else_body);
            out.push_back(std::move(copy));
        }
        return out;
    }

    std::vector<ExprRef>& cached() { return cached_; }

private:
    bool own_constant(const Expr& e) const {
        switch (e.kind) {
            case ExprKind::Time:
            case ExprKind::Random: return false;
            case ExprKind::Local: return constant_locals_.count(e.slot) > 0;
            case ExprKind::Load:
                return e.slot >= 0 && static_cast<size_t>(e.slot) < constant_slot_.size() &&
                       constant_slot_[static_cast<size_t>(e.slot)];
            default: return true;
        }
    }

    const std::vector<bool>& constant_slot_;
    int next_slot_;
    std::map<int, bool> constant_locals_, per_element_locals_;
    NodeProperty constant_{true, [this](const Expr& e) { return own_constant(e); }};
    NodeProperty per_element_{false, [this](const Expr& e) {
        return e.kind == ExprKind::LoopIndex || (e.kind == ExprKind::Load && (e.args.empty() || !e.args[0])) ||
               (e.kind == ExprKind::Local && per_element_locals_.count(e.slot) > 0);
    }};
    NodeProperty worth_{false, [](const Expr& e) {
        return e.kind == ExprKind::Call || e.kind == ExprKind::Local ||
               (e.kind == ExprKind::Binary && (e.op == "/" || e.op == "pow"));
    }};
    std::unordered_map<const Expr*, ExprRef> rewritten_;
    std::vector<ExprRef> cached_;
};

}  // namespace

bool is_run_constant(const ExprRef& e, const std::vector<bool>& constant_slot) {
    return Invariants(constant_slot, 0).constant(e);
}

ElementInvariants split_element_invariants(const Kernel& kernel, const std::vector<bool>& constant_slot,
                                           int first_slot) {
    std::map<int, int> sets;
    count_local_sets(kernel.body, sets);
    Invariants facts(constant_slot, first_slot);
    // Top-level locals set once from constant values are constant themselves; they stay in
    // the body only when they are the same for every element.
    std::vector<bool> moved(kernel.body.size(), false);
    ElementInvariants out;
    for (size_t k = 0; k < kernel.body.size(); ++k) {
        const Stmt& s = kernel.body[k];
        if (s.kind != StmtKind::SetLocal || sets[s.slot] != 1 || !facts.constant(s.value)) continue;
        bool varies = facts.per_element(s.value);
        facts.add_constant_local(s.slot, varies);
        out.setup.push_back(s);
        moved[k] = varies;
    }
    std::vector<Stmt> rest;
    for (size_t k = 0; k < kernel.body.size(); ++k) {
        if (!moved[k]) rest.push_back(kernel.body[k]);
    }
    out.body = facts.rewrite(rest);
    out.cached = std::move(facts.cached());
    if (out.cached.empty() || out.cached.size() > max_cached_values) {
        out.cached.clear();
        out.setup.clear();
        out.body = kernel.body;
    }
    return out;
}

}  // namespace nj::ir
