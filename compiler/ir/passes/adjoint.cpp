// Reverse-mode adjoint of an element-local kernel: final values by forward substitution, their
// symbolic derivatives, and an adjoint kernel that applies the transposed Jacobian.
#include "compiler/ir/passes/adjoint.h"

#include "compiler/ir/passes/bind_shared_nodes.h"
#include "compiler/ir/passes/depends_on.h"
#include "compiler/ir/passes/differentiate.h"
#include "compiler/ir/passes/simplify.h"
#include "compiler/ir/passes/substitute.h"
#include "compiler/ir/passes/with_args.h"
#include "compiler/ir/verify_ir.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

namespace nj::ir {

namespace {

/// Calls `visit` on every node of the bodies' expressions (shared nodes more than once).
void for_each_expr(const std::vector<Stmt>& body,
                   const std::function<void(const ExprRef&)>& visit) {
    std::function<void(const ExprRef&)> walk = [&](const ExprRef& e) {
        if (!e) return;
        visit(e);
        for (const auto& a : e->args) walk(a);
    };
    for (const auto& s : body) {
        walk(s.value);
        walk(s.index);
        for_each_expr(s.then_body, visit);
        for_each_expr(s.else_body, visit);
    }
}

void collect_stores(const std::vector<Stmt>& body, std::set<int>& stored, bool& stores_elsewhere) {
    for (const auto& s : body) {
        if (s.kind == StmtKind::Store) stored.insert(s.slot);
        if (s.kind == StmtKind::Store && s.index) stores_elsewhere = true;
        collect_stores(s.then_body, stored, stores_elsewhere);
        collect_stores(s.else_body, stored, stores_elsewhere);
    }
}

/// Which arrays the body stores, reads at element i, and reads at other elements.
struct ArrayUse {
    std::set<int> stored, read_here, read_elsewhere;
    bool stores_elsewhere = false;
    std::string unknown_function;  ///< a call ir.h does not list, if any

    explicit ArrayUse(const Kernel& k) {
        collect_stores(k.body, stored, stores_elsewhere);
        for_each_expr(k.body, [&](const ExprRef& e) {
            if (e->kind == ExprKind::Call && call_arity(e->op) < 0) unknown_function = e->op;
            if (e->kind != ExprKind::Load) return;
            (e->args[0] ? read_elsewhere : read_here).insert(e->slot);
        });
    }
    bool has_adjoint(int slot) const { return stored.count(slot) || read_here.count(slot); }
};

/// Values of the arrays and locals at one point of the body, as expressions of the start values.
struct SymbolicState {
    std::map<int, ExprRef> arrays;  ///< stored so far; absent: the start value
    std::vector<ExprRef> locals;    ///< null: not set yet
};

/// Runs the body symbolically (forward substitution). Trainable parameter k becomes a load of
/// slot `first_param_slot + k`, so one differentiation covers arrays and parameters alike; every
/// random draw number becomes one shared node, as verify_kernel asks.
class FinalValues {
public:
    FinalValues(const Kernel& k, const std::vector<int>& trainable, int first_param_slot)
        : kernel_(k) {
        for (size_t n = 0; n < trainable.size(); ++n)
            param_loads_[trainable[n]] = load(first_param_slot + static_cast<int>(n));
    }

    /// Stored array → its value at the end of the body.
    std::map<int, ExprRef> run() {
        SymbolicState state;
        state.locals.resize(static_cast<size_t>(kernel_.locals));
        execute(kernel_.body, state);
        return state.arrays;
    }
    const std::map<int, ExprRef>& draws() const { return draws_; }
    const std::string& error() const { return error_; }

private:
    void execute(const std::vector<Stmt>& body, SymbolicState& state) {
        for (const auto& s : body) {
            if (s.kind == StmtKind::Store) state.arrays[s.slot] = resolve(s.value, state);
            if (s.kind == StmtKind::SetLocal) state.locals[s.slot] = resolve(s.value, state);
            if (s.kind == StmtKind::If) execute_if(s, state);
        }
    }

    void execute_if(const Stmt& s, SymbolicState& state) {
        ExprRef condition = resolve(s.value, state);
        SymbolicState taken = state, not_taken = state;
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

    ExprRef resolve(const ExprRef& e, const SymbolicState& state) {
        std::unordered_map<const Expr*, ExprRef> done;
        std::function<ExprRef(const ExprRef&)> walk = [&](const ExprRef& n) -> ExprRef {
            if (!n) return n;
            if (auto it = done.find(n.get()); it != done.end()) return it->second;
            ExprRef result = resolve_node(n, state, walk);
            done.emplace(n.get(), result);
            return result;
        };
        return walk(e);
    }

    ExprRef resolve_node(const ExprRef& e, const SymbolicState& state,
                         const std::function<ExprRef(const ExprRef&)>& walk) {
        if (e->kind == ExprKind::Load && !e->args[0]) return current(state, e->slot);
        if (e->kind == ExprKind::Param && param_loads_.count(e->slot))
            return param_loads_.at(e->slot);
        if (e->kind == ExprKind::Local) return resolve_local(e->slot, state);
        std::vector<ExprRef> args;
        for (const auto& a : e->args) args.push_back(walk(a));
        ExprRef node = with_args(e, std::move(args));
        if (e->kind != ExprKind::Random) return node;
        auto [it, fresh] = draws_.emplace(e->slot, node);
        return it->second;
    }

    ExprRef resolve_local(int slot, const SymbolicState& state) {
        if (state.locals[slot]) return state.locals[slot];
        if (error_.empty())
            error_ = "it reads local " + std::to_string(slot) + " before any statement sets it";
        return constant(0);
    }

    const Kernel& kernel_;
    std::map<int, ExprRef> param_loads_;
    std::map<int, ExprRef> starts_;
    std::map<int, ExprRef> draws_;  ///< draw number → its one node
    std::string error_;
};

/// Whether nodes depend on the differentiable slots (arrays with adjoints, trainable params).
class Varying {
public:
    explicit Varying(std::vector<int> slots) : slots_(std::move(slots)) {}

    bool operator()(const ExprRef& e) {
        if (!e) return false;
        if (auto it = done_.find(e.get()); it != done_.end()) return it->second;
        bool varies = e->kind == ExprKind::Load && !e->args[0] &&
                      std::find(slots_.begin(), slots_.end(), e->slot) != slots_.end();
        for (const auto& a : e->args) varies = (*this)(a) || varies;
        return done_[e.get()] = varies;
    }
    /// The first differentiable slot `e` reads at element i.
    int first_slot(const ExprRef& e) const {
        for (int s : slots_) {
            if (depends_on(e, s)) return s;
        }
        return -1;
    }

private:
    std::vector<int> slots_;
    std::unordered_map<const Expr*, bool> done_;
};

/// The name of an operation that jumps, when `e` is one.
std::string jump_name(const ExprRef& e) {
    static const std::set<std::string> rounding = {"floor", "ceil", "round", "trunc"};
    if (e->kind == ExprKind::Call && (rounding.count(e->op) || e->op.starts_with("keyed_")))
        return e->op;
    if (e->kind == ExprKind::Binary && e->op == "mod") return "mod";
    return {};
}

/// A node in a value position of `e` that jumps (rounding, mod, a keyed random function, a load
/// at a computed element) with varying operands, or null. Conditions are left out: a threshold
/// only chooses between a select's branches, which are differentiated piecewise.
ExprRef find_jump(const ExprRef& e, Varying& varies, std::set<const Expr*>& seen) {
    if (!e || e->type != Type::F64 || !seen.insert(e.get()).second) return nullptr;
    bool jumps = !jump_name(e).empty() || (e->kind == ExprKind::Load && e->args[0]);
    if (jumps && varies(e)) return e;
    if (e->kind == ExprKind::Random || e->kind == ExprKind::Load) return nullptr;
    for (size_t k = e->kind == ExprKind::Select ? 1 : 0; k < e->args.size(); ++k) {
        if (ExprRef inner = find_jump(e->args[k], varies, seen)) return inner;
    }
    return nullptr;
}

/// The innermost call in `e` that has no known derivative (differentiate gave null).
std::string underivable_function(const ExprRef& e, int slot) {
    for (const auto& a : e->args) {
        if (!a || a->type != Type::F64) continue;
        std::string inner = underivable_function(a, slot);
        if (!inner.empty()) return inner;
    }
    return e->kind == ExprKind::Call && !differentiate(e, slot) ? e->op : std::string();
}

class AdjointBuilder {
public:
    AdjointBuilder(const Kernel& forward, const std::vector<int>& trainable)
        : forward_(forward),
          trainable_(trainable),
          use_(forward),
          first_param_slot_(static_cast<int>(forward.arrays.size())) {}

    AdjointKernel build() {
        AdjointKernel result;
        result.error = refusal();
        if (result.error.empty()) result.error = final_values();
        if (result.error.empty()) result.error = jumps();
        if (result.error.empty()) result.error = assemble(result);
        if (!result.error.empty()) {
            result.error =
                "cannot build the adjoint of kernel " + forward_.name + ": " + result.error;
            return result;
        }
        std::vector<std::string> violations = verify_kernel(result.kernel);
        if (!violations.empty())
            result.error =
                "the adjoint of kernel " + forward_.name + " is invalid: " + violations[0];
        return result;
    }

private:
    std::string refusal() const {
        if (forward_.serial) return "it is serial (it stores to other elements)";
        if (forward_.indexed) return "it is indexed (its elements come from a list)";
        if (use_.stores_elsewhere) return "it stores to other elements";
        std::set<int> seen;
        for (int p : trainable_) {
            if (p < 0 || static_cast<size_t>(p) >= forward_.params.size())
                return "trainable parameter slot " + std::to_string(p) + " is out of range";
            if (!seen.insert(p).second)
                return "parameter " + forward_.params[p] + " is listed as trainable twice";
        }
        // checked before forward substitution, which rebuilds calls through the factories
        if (!use_.unknown_function.empty())
            return "function " + use_.unknown_function + " has no known derivative";
        for (int slot : use_.read_elsewhere) {
            if (use_.has_adjoint(slot))
                return "it reads " + forward_.arrays[slot] + " at another element, and " +
                       forward_.arrays[slot] +
                       " has an adjoint (it is stored or read at element i)";
        }
        return {};
    }

    std::string final_values() {
        FinalValues values(forward_, trainable_, first_param_slot_);
        finals_ = values.run();
        draws_ = values.draws();
        if (!values.error().empty()) return values.error();
        for (int slot = 0; slot < static_cast<int>(forward_.arrays.size()); ++slot) {
            if (use_.has_adjoint(slot)) differentiable_.push_back(slot);
        }
        for (size_t k = 0; k < trainable_.size(); ++k)
            differentiable_.push_back(first_param_slot_ + static_cast<int>(k));
        return {};
    }

    std::string jumps() {
        Varying varies(differentiable_);
        for (const auto& [draw, node] : draws_) {
            if (varies(node))
                return "the parameters of its " + node->op + " draw depend on " +
                       slot_name(varies.first_slot(node)) + ", and draws do not differentiate";
        }
        std::set<const Expr*> seen;
        for (const auto& [array, value] : finals_) {
            ExprRef jump = find_jump(value, varies, seen);
            if (!jump) continue;
            std::string cause = slot_name(varies.first_slot(jump));
            std::string hidden = " jumps, and its zero derivative would hide that";
            if (jump->kind == ExprKind::Load)
                return "it reads " + forward_.arrays[jump->slot] + " at an element computed from " +
                       cause + ", which" + hidden;
            return jump_name(jump) + " of a value that depends on " + cause + hidden;
        }
        return {};
    }

    std::string slot_name(int slot) const {
        if (slot < first_param_slot_) return forward_.arrays[slot];
        return "parameter " + forward_.params[trainable_[slot - first_param_slot_]];
    }

    /// Σ_A adj_A · ∂E_A/∂slot, with the trainable parameters put back; null when some function
    /// has no derivative (then `error_function` names it).
    ExprRef contribution(int slot, std::string& error_function) {
        ExprRef sum = constant(0);
        for (const auto& [array, value] : finals_) {
            ExprRef d = differentiate(value, slot);
            if (!d) {
                error_function = underivable_function(value, slot);
                return nullptr;
            }
            sum = binary("+", sum,
                         binary("*", load(adjoint_slots_[array]), substitute(d, param_back_)));
        }
        return simplify(sum);
    }

    std::string assemble(AdjointKernel& result);

    const Kernel& forward_;
    const std::vector<int>& trainable_;
    ArrayUse use_;
    int first_param_slot_;
    std::map<int, ExprRef> finals_;
    std::map<int, ExprRef> draws_;
    /// The array slots with adjoints, then the trainable parameters' load slots.
    std::vector<int> differentiable_;
    std::vector<int> adjoint_slots_;
    std::map<int, ExprRef> param_back_;
};

std::string AdjointBuilder::assemble(AdjointKernel& result) {
    Kernel& k = result.kernel;
    k.name = forward_.name + "_adjoint";
    k.role = "adjoint";
    k.arrays = forward_.arrays;
    k.params = forward_.params;
    k.stream = forward_.stream;
    adjoint_slots_.assign(forward_.arrays.size(), -1);
    for (size_t slot = 0; slot < forward_.arrays.size(); ++slot) {
        if (!use_.has_adjoint(static_cast<int>(slot))) continue;
        adjoint_slots_[slot] = static_cast<int>(k.arrays.size());
        k.arrays.push_back("adj_" + forward_.arrays[slot]);
    }
    for (size_t n = 0; n < trainable_.size(); ++n) {
        result.gradient_slots.push_back(static_cast<int>(k.arrays.size()));
        k.arrays.push_back("grad_" + forward_.params[trainable_[n]]);
        param_back_[first_param_slot_ + static_cast<int>(n)] = param(trainable_[n]);
    }
    result.adjoint_slots = adjoint_slots_;
    // Every contribution reads the incoming adjoints, so all are computed before any store.
    std::vector<std::pair<int, ExprRef>> updates;  // destination array, new value
    for (int slot : differentiable_) {
        std::string function;
        ExprRef sum = contribution(slot, function);
        if (!sum) return "function " + function + " has no known derivative";
        bool is_param = slot >= first_param_slot_;
        int destination =
            is_param ? result.gradient_slots[slot - first_param_slot_] : adjoint_slots_[slot];
        bool keeps_old = is_param || !use_.stored.count(slot);  // accumulators and pass-throughs
        if (keeps_old) sum = simplify(binary("+", load(destination), sum));
        updates.emplace_back(destination, sum);
    }
    std::vector<ExprRef> values;
    for (const auto& [destination, value] : updates) values.push_back(value);
    values = bind_shared_nodes(values, k, k.body);
    std::vector<Stmt> stores;
    for (size_t n = 0; n < updates.size(); ++n) {
        const ExprRef& value = values[n];
        int destination = updates[n].first;
        bool unchanged =
            value->kind == ExprKind::Load && !value->args[0] && value->slot == destination;
        if (unchanged) continue;  // an accumulator that gains nothing
        k.body.push_back(set_local(k.locals, value));
        stores.push_back(store(destination, local(k.locals++)));
    }
    k.body.insert(k.body.end(), stores.begin(), stores.end());
    return {};
}

}  // namespace

AdjointKernel adjoint_kernel(const Kernel& forward, const std::vector<int>& trainable_params) {
    return AdjointBuilder(forward, trainable_params).build();
}

}  // namespace nj::ir
