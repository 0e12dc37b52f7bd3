// The kernel IR: typed expressions and statements of one loop over the elements of a group.
//
// Rules every pass may assume:
// - A Kernel runs its body once for each element index i in [begin, end) of its group, in any
//   order and possibly in parallel: the body may read any element but writes only element i
//   (Store with a null index) or locals. An `indexed` kernel takes its element indices from a
//   list (i = elements[k] for k in [begin, end)): the synapses a spike reaches. A `serial`
//   kernel may also store to other elements (Store with an index: a synapse writing its
//   post-synaptic neuron); the runtime runs its elements in order, and splits it over threads
//   only by the element each writes (passes/target_split.h), which keeps that order per element.
// - Nodes are immutable and shared; they are created only through the factories below, which
//   check operand types. All values are double (F64), except conditions (Bool); the element
//   index i is an F64 holding a whole number, and a Load index is truncated to an integer.
//   Arrays hold doubles, or floats where Kernel::single_arrays says so (arithmetic stays double).
// - Parameters are runtime values read from the params vector, never constants in code, so a
//   changed parameter never needs a new build.
// - Random numbers are keyed by (seed, kernel stream, step, element index, draw): each Random
//   node has a draw number unique within its kernel, so results do not depend on threads.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace nj::ir {

/// Value types.
enum class Type { F64, I64, Bool };

/// Expression kinds; the fields each uses are listed on Expr.
enum class ExprKind {
    Const, Param, Load, LoopIndex, Time, Dt, Local, Unary, Binary, Compare, Logical, Select,
    Call, Random
};

struct Expr;
/// Shared, immutable expression node.
using ExprRef = std::shared_ptr<const Expr>;

/// One expression node.
/// - Const: `value`.   Param: `slot` into the params vector.   Local: `slot` of a local.
/// - Load: `slot` of the array; args[0] the element index, an F64 (null: the loop index).
/// - LoopIndex, Time, Dt: the element index i, the time t, the step dt (no fields).
/// - Unary: `op` "-" or "not".   Binary: `op` one of + - * / pow min max mod.
/// - Compare: `op` one of < <= > >= == != (operands F64, result Bool).
/// - Logical: `op` "and" or "or".   Select: args = condition, if-true, if-false.
/// - Call: `op` a math function name (exp, log, sqrt, tanh, ...), args its arguments; or a keyed
///   random function (keyed_rand, keyed_randn, keyed_perm): a pure function of its arguments;
///   or surrogate_step(x, beta): 1 where x > 0, else 0 (beta only shapes its training gradient).
/// - Random: `op` "rand" or "randn"; `slot` the draw number. `op` "poisson" (mean), "binomial"
///   (n, p), "gamma" (shape) or "beta" (a, b) draws from that distribution with parameters args
///   (never inside integrated equations: the draws do not differentiate).
struct Expr {
    ExprKind kind = ExprKind::Const;
    Type type = Type::F64;
    double value = 0.0;
    int slot = 0;
    std::string op;
    std::vector<ExprRef> args;
};

ExprRef constant(double value);
ExprRef param(int slot);
ExprRef load(int array, ExprRef index = nullptr);
ExprRef loop_index();
ExprRef time();
ExprRef dt();
ExprRef local(int slot);
ExprRef unary(const std::string& op, ExprRef operand);
ExprRef binary(const std::string& op, ExprRef lhs, ExprRef rhs);
ExprRef compare(const std::string& op, ExprRef lhs, ExprRef rhs);
ExprRef logical(const std::string& op, ExprRef lhs, ExprRef rhs);
ExprRef select(ExprRef condition, ExprRef if_true, ExprRef if_false);
ExprRef call(const std::string& function, std::vector<ExprRef> args);
ExprRef random(const std::string& kind, int draw);
ExprRef random_poisson(ExprRef mean, int draw);
/// A draw from a distribution with parameters (see Expr): `kind` poisson, binomial, gamma or beta.
ExprRef random_with(const std::string& kind, std::vector<ExprRef> parameters, int draw);
/// Number of parameters of a random kind (rand/randn 0), or -1 for an unknown kind.
int random_arity(const std::string& kind);

/// Math functions a Call may name, with their number of arguments.
int call_arity(const std::string& function);

/// Statement kinds.
enum class StmtKind { Store, SetLocal, If };

/// One statement: Store writes `value` to array `slot` at element i (or at `index`, an F64,
/// in serial kernels); SetLocal writes local `slot`; If runs `then_body` or `else_body` by
/// `value` (a Bool condition).
struct Stmt {
    StmtKind kind = StmtKind::Store;
    int slot = 0;
    ExprRef value;
    ExprRef index;
    std::vector<Stmt> then_body;
    std::vector<Stmt> else_body;
};

Stmt store(int array, ExprRef value);
/// A store to element `index` (F64, truncated) of array `array`: only in serial kernels.
Stmt store_at(int array, ExprRef index, ExprRef value);
Stmt set_local(int slot, ExprRef value);
Stmt if_then(ExprRef condition, std::vector<Stmt> then_body, std::vector<Stmt> else_body = {});

/// A kernel: named arrays and parameters it uses, its locals and its per-element body.
struct Kernel {
    std::string name;                 ///< symbol name, e.g. "E_update"
    std::string role;                 ///< state_update, threshold, reset, ...
    std::vector<std::string> arrays;  ///< array slot → variable name
    /// array slot → stored as float (`--precision single`): loaded values are widened to double
    /// and stored values rounded to float. Empty: every slot holds doubles.
    std::vector<bool> single_arrays;
    std::vector<std::string> params;  ///< param slot → parameter name
    int locals = 0;
    unsigned stream = 0;              ///< random stream of this kernel
    bool indexed = false;             ///< element indices come from a list (see the rules above)
    bool serial = false;              ///< may store to other elements; never split over threads
    /// The arrays of its largest call fit in a core's L2 cache (cli/compile_network.cpp): its
    /// loops may use vectors 512 bits wide, where streaming from memory prefers 256.
    bool fits_in_cache = false;
    std::vector<Stmt> body;
};

}  // namespace nj::ir
