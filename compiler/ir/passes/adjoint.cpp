// Reverse-mode adjoint of a kernel: final values by forward substitution (final_values.h), their
// symbolic derivatives, and an adjoint kernel that applies the transposed Jacobian.
#include "compiler/ir/passes/adjoint.h"

#include "compiler/ir/passes/bind_shared_nodes.h"
#include "compiler/ir/passes/depends_on.h"
#include "compiler/ir/passes/differentiate.h"
#include "compiler/ir/passes/final_values.h"
#include "compiler/ir/passes/simplify.h"
#include "compiler/ir/passes/substitute.h"
#include "compiler/ir/verify_ir.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

namespace nj::ir {

namespace {

/// Which arrays the body stores, at element i or by adding at other elements, and which it
/// reads in values (not inside element indices), at element i or at other elements.
struct ArrayUse {
    std::set<int> stored_here, accumulated, read_here, read_elsewhere;
    std::string unknown_function;  ///< a call ir.h does not list, if any

    explicit ArrayUse(const Kernel& k) { scan(k.body); }

    bool has_adjoint(int slot) const {
        return stored_here.count(slot) || accumulated.count(slot) || read_here.count(slot) ||
               read_elsewhere.count(slot);
    }
    /// Whether the adjoint updates adj_slot[i] (the other adjoints change only by scattering).
    bool differentiable_here(int slot) const {
        return stored_here.count(slot) || read_here.count(slot);
    }

private:
    void scan(const std::vector<Stmt>& body) {
        for (const auto& s : body) {
            if (s.kind == StmtKind::Store) (s.index ? accumulated : stored_here).insert(s.slot);
            walk(s.value, false);
            walk(s.index, true);
            scan(s.then_body);
            scan(s.else_body);
        }
    }
    void walk(const ExprRef& e, bool in_index) {
        if (!e) return;
        if (e->kind == ExprKind::Call && call_arity(e->op) < 0) unknown_function = e->op;
        if (e->kind == ExprKind::Load) {
            if (!in_index) (e->args[0] ? read_elsewhere : read_here).insert(e->slot);
            walk(e->args[0], true);
            return;
        }
        for (const auto& a : e->args) walk(a, in_index);
    }
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

/// A node in a value position of `e` that jumps (rounding, mod, a keyed random function) with
/// varying operands, or null. Conditions are left out: a threshold only chooses between a
/// select's branches, which are differentiated piecewise. (Loads at other elements are renamed
/// leaves here; their indices are checked on their own.)
ExprRef find_jump(const ExprRef& e, Varying& varies, std::set<const Expr*>& seen) {
    if (!e || e->type != Type::F64 || !seen.insert(e.get()).second) return nullptr;
    if (e->kind == ExprKind::Call && e->op == "detach") return nullptr;  // its gradient is 0 by intent
    if (!jump_name(e).empty() && varies(e)) return e;
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
    bool underivable =
        e->kind == ExprKind::Call && !differentiate(e, slot, StepDerivative::Surrogate);
    return underivable ? e->op : std::string();
}

/// One statement of the adjoint kernel: a new value of `destination` at element i, or an amount
/// added to it at element `index` (a scatter).
struct Update {
    int destination = 0;
    ExprRef index;
    ExprRef value;
};

class AdjointBuilder {
public:
    AdjointBuilder(const Kernel& forward, const std::vector<int>& trainable)
        : forward_(forward),
          trainable_(trainable),
          use_(forward),
          first_param_slot_(static_cast<int>(forward.arrays.size())),
          first_elsewhere_slot_(first_param_slot_ + static_cast<int>(trainable.size())) {}

    AdjointKernel build() {
        AdjointKernel result;
        result.error = refusal();
        if (result.error.empty()) result.error = run_forward();
        if (result.error.empty()) result.error = accumulation_refusal();
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
    const std::string& name(int array) const { return forward_.arrays[array]; }

    std::string refusal() const {
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
        for (int slot : use_.accumulated) {
            if (use_.stored_here.count(slot))
                return "it stores " + name(slot) + " both at its own element and at other elements";
        }
        for (int slot : use_.read_elsewhere) {
            if (use_.stored_here.count(slot))
                return "it reads " + name(slot) + " at another element, and it stores " +
                       name(slot) + ", so the value read depends on the order of the elements";
        }
        return {};
    }

    std::string run_forward() {
        values_ = final_values(forward_, trainable_, first_param_slot_);
        if (!values_.error.empty()) return values_.error;
        for (int slot = 0; slot < first_param_slot_; ++slot) {
            if (use_.differentiable_here(slot)) differentiable_.push_back(slot);
        }
        int renamed = static_cast<int>(trainable_.size() + values_.elsewhere.size());
        for (int n = 0; n < renamed; ++n) differentiable_.push_back(first_param_slot_ + n);
        return {};
    }

    /// The load at another element that renamed load `e` stands for, or null.
    const ElementRef* renamed_elsewhere(const ExprRef& e) const {
        if (e->kind != ExprKind::Load || e->args[0] || e->slot < first_elsewhere_slot_)
            return nullptr;
        return &values_.elsewhere[static_cast<size_t>(e->slot - first_elsewhere_slot_)];
    }

    /// Whether `e` reads `array` anywhere: at i, at another element or in an element index.
    bool reads(const ExprRef& e, int array, std::set<const Expr*>& seen) const {
        if (!e || !seen.insert(e.get()).second) return false;
        if (e->kind == ExprKind::Load && e->slot == array) return true;
        if (const ElementRef* at = renamed_elsewhere(e))
            return at->array == array || reads(at->index, array, seen);
        for (const auto& a : e->args) {
            if (reads(a, array, seen)) return true;
        }
        return false;
    }

    /// Adding to other elements commutes only when nothing else reads the sums' targets.
    std::string accumulation_refusal() const {
        for (const auto& [target, increment] : values_.additions) {
            std::set<const Expr*> seen;
            if (reads(increment, target.array, seen))
                return "what it adds to " + name(target.array) + " at another element reads " +
                       name(target.array);
        }
        for (int slot : use_.accumulated) {
            if (read_outside_sums(slot))
                return "it reads " + name(slot) + ", which it adds to at other elements (only " +
                       name(slot) + "[j] = " + name(slot) + "[j] + ... may read it)";
        }
        return {};
    }

    bool read_outside_sums(int array) const {
        std::set<const Expr*> seen;
        for (const auto& [slot, value] : values_.stores) {
            if (reads(value, array, seen)) return true;
        }
        for (const auto& [target, increment] : values_.additions) {
            if (reads(target.index, array, seen) || reads(increment, array, seen)) return true;
        }
        for (const auto& at : values_.elsewhere) {
            if (at.array == array || reads(at.index, array, seen)) return true;
        }
        return false;
    }

    std::string jumps() {
        Varying varies(differentiable_);
        for (const auto& [draw, node] : values_.draws) {
            if (varies(node))
                return "the parameters of its " + node->op + " draw depend on " +
                       slot_name(varies.first_slot(node)) + ", and draws do not differentiate";
        }
        std::vector<ExprRef> outputs;
        for (const auto& [array, value] : values_.stores) outputs.push_back(value);
        for (const auto& [target, increment] : values_.additions) outputs.push_back(increment);
        std::set<const Expr*> seen;
        for (const auto& value : outputs) {
            if (ExprRef jump = find_jump(value, varies, seen))
                return jump_name(jump) + " of a value that depends on " +
                       slot_name(varies.first_slot(jump)) + hidden_jump;
        }
        for (const auto& [target, increment] : values_.additions) {
            if (varies(target.index))
                return "it adds to " + name(target.array) + " at an element computed from " +
                       slot_name(varies.first_slot(target.index)) + ", which" + hidden_jump;
        }
        for (const auto& at : values_.elsewhere) {
            if (varies(at.index))
                return "it reads " + name(at.array) + " at an element computed from " +
                       slot_name(varies.first_slot(at.index)) + ", which" + hidden_jump;
        }
        return {};
    }

    static constexpr const char* hidden_jump = " jumps, and its zero derivative would hide that";

    std::string slot_name(int slot) const {
        if (slot < first_param_slot_) return name(slot);
        if (slot < first_elsewhere_slot_)
            return "parameter " + forward_.params[trainable_[slot - first_param_slot_]];
        return name(values_.elsewhere[static_cast<size_t>(slot - first_elsewhere_slot_)].array);
    }

    /// Σ over outputs of adjoint · ∂value/∂slot, renamed loads put back; null when some
    /// function has no derivative (then `error_function` names it).
    ExprRef contribution(int slot, std::string& error_function) {
        ExprRef sum = constant(0);
        for (const auto& [adjoint, value] : outputs_) {
            ExprRef d = differentiate(value, slot, StepDerivative::Surrogate);
            if (!d) {
                error_function = underivable_function(value, slot);
                return nullptr;
            }
            sum = binary("+", sum, binary("*", adjoint, substitute(d, renamed_back_)));
        }
        return simplify(sum);
    }

    void lay_out(AdjointKernel& result);
    Update update_of(int slot, ExprRef sum, const AdjointKernel& result) const;
    static void emit(const std::vector<Update>& updates, Kernel& k);
    std::string assemble(AdjointKernel& result);

    const Kernel& forward_;
    const std::vector<int>& trainable_;
    ArrayUse use_;
    int first_param_slot_;
    int first_elsewhere_slot_;
    FinalValues values_;
    /// The array slots differentiated at element i, then the renamed loads' slots.
    std::vector<int> differentiable_;
    std::vector<int> adjoint_slots_;
    std::map<int, ExprRef> renamed_back_;  ///< renamed load slot → what it stands for
    /// (incoming adjoint, value): each stored value and each amount added to another element.
    std::vector<std::pair<ExprRef, ExprRef>> outputs_;
};

/// The adjoint kernel's arrays and flags, and what the renamed loads and the outputs read there.
void AdjointBuilder::lay_out(AdjointKernel& result) {
    Kernel& k = result.kernel;
    k.name = forward_.name + "_adjoint";
    k.role = "adjoint";
    k.arrays = forward_.arrays;
    k.params = forward_.params;
    k.stream = forward_.stream;
    k.indexed = forward_.indexed;
    adjoint_slots_.assign(forward_.arrays.size(), -1);
    for (size_t slot = 0; slot < forward_.arrays.size(); ++slot) {
        if (!use_.has_adjoint(static_cast<int>(slot))) continue;
        adjoint_slots_[slot] = static_cast<int>(k.arrays.size());
        k.arrays.push_back("adj_" + forward_.arrays[slot]);
    }
    for (size_t n = 0; n < trainable_.size(); ++n) {
        result.gradient_slots.push_back(static_cast<int>(k.arrays.size()));
        k.arrays.push_back("grad_" + forward_.params[trainable_[n]]);
        renamed_back_[first_param_slot_ + static_cast<int>(n)] = param(trainable_[n]);
    }
    for (size_t m = 0; m < values_.elsewhere.size(); ++m) {
        const ElementRef& at = values_.elsewhere[m];
        renamed_back_[first_elsewhere_slot_ + static_cast<int>(m)] = load(at.array, at.index);
    }
    result.adjoint_slots = adjoint_slots_;
    for (const auto& [array, value] : values_.stores)
        outputs_.emplace_back(load(adjoint_slots_[array]), value);
    for (const auto& [target, increment] : values_.additions) {
        ExprRef index = substitute(target.index, renamed_back_);
        outputs_.emplace_back(load(adjoint_slots_[target.array], index), increment);
    }
}

Update AdjointBuilder::update_of(int slot, ExprRef sum, const AdjointKernel& result) const {
    if (slot >= first_elsewhere_slot_) {
        const ElementRef& at = values_.elsewhere[static_cast<size_t>(slot - first_elsewhere_slot_)];
        return {adjoint_slots_[at.array], substitute(at.index, renamed_back_), sum};
    }
    bool is_param = slot >= first_param_slot_;
    int destination =
        is_param ? result.gradient_slots[slot - first_param_slot_] : adjoint_slots_[slot];
    bool keeps_old = is_param || !use_.stored_here.count(slot);  // accumulators, pass-throughs
    if (keeps_old) sum = simplify(binary("+", load(destination), sum));
    return {destination, nullptr, sum};
}

/// Every value reads the incoming adjoints, so all are computed before any store. Scatters come
/// last and read their target when they store: several may add to one element, the element i
/// of a pass-through included.
void AdjointBuilder::emit(const std::vector<Update>& updates, Kernel& k) {
    std::vector<ExprRef> values;
    for (const auto& u : updates) values.push_back(u.value);
    values = bind_shared_nodes(values, k, k.body);
    std::vector<Stmt> stores, scatters;
    for (size_t n = 0; n < updates.size(); ++n) {
        const ExprRef& value = values[n];
        int destination = updates[n].destination;
        bool unchanged = updates[n].index ? value->kind == ExprKind::Const && value->value == 0
                                          : value->kind == ExprKind::Load && !value->args[0] &&
                                                value->slot == destination;
        if (unchanged) continue;  // an accumulator or a scatter that gains nothing
        k.body.push_back(set_local(k.locals, value));
        ExprRef amount = local(k.locals++);
        if (!updates[n].index) {
            stores.push_back(store(destination, amount));
            continue;
        }
        k.body.push_back(set_local(k.locals, updates[n].index));
        ExprRef at = local(k.locals++);
        scatters.push_back(store_at(destination, at, binary("+", load(destination, at), amount)));
    }
    k.body.insert(k.body.end(), stores.begin(), stores.end());
    k.body.insert(k.body.end(), scatters.begin(), scatters.end());
    k.serial = !scatters.empty();
}

std::string AdjointBuilder::assemble(AdjointKernel& result) {
    lay_out(result);
    std::vector<Update> updates;
    for (int slot : differentiable_) {
        std::string function;
        ExprRef sum = contribution(slot, function);
        if (!sum) return "function " + function + " has no known derivative";
        updates.push_back(update_of(slot, sum, result));
    }
    emit(updates, result.kernel);
    result.scatters = result.kernel.serial;
    return {};
}

}  // namespace

AdjointKernel adjoint_kernel(const Kernel& forward, const std::vector<int>& trainable_params) {
    return AdjointBuilder(forward, trainable_params).build();
}

}  // namespace nj::ir
