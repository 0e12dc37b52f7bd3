// Forward substitution through a kernel body: stored values, accumulations at other elements,
// renamed parameters and loads at other elements.
#include "compiler/ir/passes/final_values.h"

#include "compiler/ir/passes/with_args.h"
#include "compiler/ir/print_ir.h"

#include <functional>
#include <unordered_map>

namespace nj::ir {

namespace {

/// Values of the arrays and locals at one point of the body, as expressions of the start values.
struct SymbolicState {
    std::map<int, ExprRef> arrays;  ///< stored so far; absent: the start value
    std::vector<ExprRef> locals;    ///< null: not set yet
    ExprRef condition;              ///< of the enclosing Ifs; null: always
};

ExprRef both(const ExprRef& a, const ExprRef& b) {
    return a ? logical("and", a, b) : b;
}

/// e of a store A[j] = A[j] + e or e + A[j] (the same j on both sides), -e of A[j] = A[j] - e,
/// or null.
ExprRef increment_of(const Stmt& s) {
    const ExprRef& v = s.value;
    if (v->kind != ExprKind::Binary || (v->op != "+" && v->op != "-")) return nullptr;
    auto own = [&](const ExprRef& e) {
        return e->kind == ExprKind::Load && e->slot == s.slot && e->args[0] &&
               print_expr(e->args[0]) == print_expr(s.index);
    };
    if (v->op == "-") return own(v->args[0]) ? unary("-", v->args[1]) : nullptr;  // A[j] - e
    for (size_t side = 0; side < 2; ++side) {
        if (own(v->args[side])) return v->args[1 - side];
    }
    return nullptr;
}

class Executor {
public:
    Executor(const Kernel& k, const std::vector<int>& renamed, int first_free_slot)
        : kernel_(k), first_elsewhere_slot_(first_free_slot + static_cast<int>(renamed.size())) {
        for (size_t n = 0; n < renamed.size(); ++n)
            param_loads_[renamed[n]] = load(first_free_slot + static_cast<int>(n));
    }

    FinalValues run() {
        SymbolicState state;
        state.locals.resize(static_cast<size_t>(kernel_.locals));
        execute(kernel_.body, state);
        result_.stores = state.arrays;
        return std::move(result_);
    }

private:
    void execute(const std::vector<Stmt>& body, SymbolicState& state) {
        for (const auto& s : body) {
            if (s.kind == StmtKind::Store && s.index) add(s, state);
            if (s.kind == StmtKind::Store && !s.index)
                state.arrays[s.slot] = resolve(s.value, state, false);
            if (s.kind == StmtKind::SetLocal) state.locals[s.slot] = resolve(s.value, state, false);
            if (s.kind == StmtKind::If) execute_if(s, state);
        }
    }

    void add(const Stmt& s, const SymbolicState& state) {
        ExprRef e = increment_of(s);
        if (!e) {
            const std::string& name = kernel_.arrays[s.slot];
            fail("it sets " + name + " at another element rather than adding to it (" + name +
                 "[j] = " + name + "[j] + ... or - ...)");
            return;
        }
        ExprRef increment = resolve(e, state, false);
        if (state.condition) increment = select(state.condition, increment, constant(0));
        result_.additions.push_back({{s.slot, resolve(s.index, state, true)}, increment});
    }

    void execute_if(const Stmt& s, SymbolicState& state) {
        ExprRef condition = resolve(s.value, state, false);
        SymbolicState taken = state, not_taken = state;
        taken.condition = both(state.condition, condition);
        not_taken.condition = both(state.condition, unary("not", condition));
        execute(s.then_body, taken);
        execute(s.else_body, not_taken);
        auto merge = [&](const ExprRef& a, const ExprRef& b) {
            return a == b ? a : select(condition, a, b);
        };
        for (const auto& [slot, value] : taken.arrays)
            state.arrays[slot] = merge(value, current(not_taken, slot));
        for (const auto& [slot, value] : not_taken.arrays) {
            if (!taken.arrays.count(slot)) state.arrays[slot] = merge(current(taken, slot), value);
        }
        for (size_t n = 0; n < state.locals.size(); ++n) {
            const ExprRef &a = taken.locals[n], &b = not_taken.locals[n];
            // a local set on one path only is undefined on the other: any value is right there
            state.locals[n] = !a ? b : !b ? a : merge(a, b);
        }
    }

    ExprRef current(const SymbolicState& state, int slot) {
        auto it = state.arrays.find(slot);
        return it != state.arrays.end() ? it->second : start(slot);
    }

    /// One node per start value, so expressions built from it share it.
    ExprRef start(int slot) {
        auto [it, fresh] = starts_.emplace(slot, nullptr);
        if (fresh) it->second = load(slot);
        return it->second;
    }

    using Walk = std::function<ExprRef(const ExprRef&, bool)>;

    /// `e` at this point of the body; `in_index` when `e` is an element index.
    ExprRef resolve(const ExprRef& e, const SymbolicState& state, bool in_index) {
        std::unordered_map<const Expr*, ExprRef> values, indices;
        Walk walk = [&](const ExprRef& n, bool index) -> ExprRef {
            if (!n) return n;
            auto& done = index ? indices : values;
            if (auto it = done.find(n.get()); it != done.end()) return it->second;
            ExprRef result = resolve_node(n, state, index, walk);
            done.emplace(n.get(), result);
            return result;
        };
        return walk(e, in_index);
    }

    ExprRef resolve_node(const ExprRef& e, const SymbolicState& state, bool in_index,
                         const Walk& walk) {
        if (e->kind == ExprKind::Load && !e->args[0]) return current(state, e->slot);
        if (e->kind == ExprKind::Load) {
            ExprRef index = walk(e->args[0], true);
            return in_index ? with_args(e, {index}) : elsewhere(e->slot, index);
        }
        if (e->kind == ExprKind::Param && param_loads_.count(e->slot))
            return param_loads_.at(e->slot);
        if (e->kind == ExprKind::Local) return resolve_local(e->slot, state);
        std::vector<ExprRef> args;
        for (const auto& a : e->args) args.push_back(walk(a, in_index));
        ExprRef node = with_args(e, std::move(args));
        if (e->kind != ExprKind::Random) return node;
        auto [it, fresh] = result_.draws.emplace(e->slot, node);
        return it->second;
    }

    /// The renamed load of `array` at `index`: one per distinct pair.
    ExprRef elsewhere(int array, const ExprRef& index) {
        std::string key = std::to_string(array) + "@" + print_expr(index);
        auto [it, fresh] = elsewhere_loads_.emplace(key, nullptr);
        if (fresh) {
            it->second = load(first_elsewhere_slot_ + static_cast<int>(result_.elsewhere.size()));
            result_.elsewhere.push_back({array, index});
        }
        return it->second;
    }

    ExprRef resolve_local(int slot, const SymbolicState& state) {
        if (state.locals[slot]) return state.locals[slot];
        fail("it reads local " + std::to_string(slot) + " before any statement sets it");
        return constant(0);
    }

    void fail(const std::string& why) {
        if (result_.error.empty()) result_.error = why;
    }

    const Kernel& kernel_;
    int first_elsewhere_slot_;
    std::map<int, ExprRef> param_loads_;
    std::map<int, ExprRef> starts_;
    std::map<std::string, ExprRef> elsewhere_loads_;
    FinalValues result_;
};

}  // namespace

FinalValues final_values(const Kernel& kernel, const std::vector<int>& renamed_params,
                         int first_free_slot) {
    return Executor(kernel, renamed_params, first_free_slot).run();
}

}  // namespace nj::ir
