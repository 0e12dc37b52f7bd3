// Factories of IR nodes: each checks its operand types (violations are compiler bugs).
#include "compiler/ir/ir.h"

#include "compiler/support/assert.h"

#include <map>

namespace nj::ir {

namespace {

ExprRef make(ExprKind kind, Type type, std::string op = {}, std::vector<ExprRef> args = {}) {
    auto e = std::make_shared<Expr>();
    e->kind = kind;
    e->type = type;
    e->op = std::move(op);
    e->args = std::move(args);
    return e;
}

void require(const ExprRef& e, Type type, const char* what) {
    NJ_ASSERT(e != nullptr, what);
    NJ_ASSERT(e->type == type, what);
}

}  // namespace

ExprRef constant(double value) {
    auto e = std::make_shared<Expr>();
    e->value = value;
    return e;
}

ExprRef param(int slot) {
    auto e = std::make_shared<Expr>();
    e->kind = ExprKind::Param;
    e->slot = slot;
    return e;
}

ExprRef load(int array, ExprRef index) {
    if (index) require(index, Type::F64, "a load index is a number");
    auto e = std::make_shared<Expr>();
    e->kind = ExprKind::Load;
    e->slot = array;
    e->args.push_back(std::move(index));
    return e;
}

ExprRef loop_index() { return make(ExprKind::LoopIndex, Type::F64); }
ExprRef time() { return make(ExprKind::Time, Type::F64); }
ExprRef dt() { return make(ExprKind::Dt, Type::F64); }

ExprRef local(int slot) {
    auto e = std::make_shared<Expr>();
    e->kind = ExprKind::Local;
    e->slot = slot;
    return e;
}

ExprRef unary(const std::string& op, ExprRef operand) {
    NJ_ASSERT(op == "-" || op == "not", "unknown unary operator");
    require(operand, op == "-" ? Type::F64 : Type::Bool, "unary operand type");
    Type type = operand->type;  // read before the operand is moved into the node
    return make(ExprKind::Unary, type, op, {std::move(operand)});
}

ExprRef binary(const std::string& op, ExprRef lhs, ExprRef rhs) {
    static const char* ops[] = {"+", "-", "*", "/", "pow", "min", "max", "mod"};
    bool known = false;
    for (const char* o : ops) known = known || op == o;
    NJ_ASSERT(known, "unknown binary operator");
    require(lhs, Type::F64, "binary operands are F64");
    require(rhs, Type::F64, "binary operands are F64");
    return make(ExprKind::Binary, Type::F64, op, {std::move(lhs), std::move(rhs)});
}

ExprRef compare(const std::string& op, ExprRef lhs, ExprRef rhs) {
    require(lhs, Type::F64, "compared values are F64");
    require(rhs, Type::F64, "compared values are F64");
    return make(ExprKind::Compare, Type::Bool, op, {std::move(lhs), std::move(rhs)});
}

ExprRef logical(const std::string& op, ExprRef lhs, ExprRef rhs) {
    NJ_ASSERT(op == "and" || op == "or", "unknown logical operator");
    require(lhs, Type::Bool, "logical operands are Bool");
    require(rhs, Type::Bool, "logical operands are Bool");
    return make(ExprKind::Logical, Type::Bool, op, {std::move(lhs), std::move(rhs)});
}

ExprRef select(ExprRef condition, ExprRef if_true, ExprRef if_false) {
    require(condition, Type::Bool, "a select condition is Bool");
    NJ_ASSERT(if_true && if_false && if_true->type == if_false->type, "select branch types");
    Type type = if_true->type;
    return make(ExprKind::Select, type, "",
                {std::move(condition), std::move(if_true), std::move(if_false)});
}

int call_arity(const std::string& function) {
    static const std::map<std::string, int> arity = {
        {"exp", 1},   {"log", 1},   {"log10", 1}, {"expm1", 1}, {"log1p", 1}, {"sqrt", 1},
        {"sin", 1},   {"cos", 1},   {"tan", 1},   {"sinh", 1},  {"cosh", 1},  {"tanh", 1},
        {"asin", 1},  {"acos", 1},  {"atan", 1},  {"atan2", 2}, {"fabs", 1},  {"floor", 1},
        {"ceil", 1},  {"round", 1}, {"trunc", 1},
        // surrogate_step(x, beta): 1 where x > 0, else 0; see differentiate.h for its gradient
        {"surrogate_step", 2},
        // detach(x): x, with a zero derivative that gradient training may rely on (not a jump)
        {"detach", 1},
        // keyed random functions: the number of keys used, then the keys (unused ones 0): six for
        // keyed_rand and keyed_randn, five after n and k for keyed_perm
        {"keyed_rand", 7}, {"keyed_randn", 7}, {"keyed_perm", 8}};
    auto it = arity.find(function);
    return it == arity.end() ? -1 : it->second;
}

ExprRef call(const std::string& function, std::vector<ExprRef> args) {
    NJ_ASSERT(call_arity(function) == static_cast<int>(args.size()), "unknown math function or arity");
    for (const auto& a : args) require(a, Type::F64, "math arguments are F64");
    return make(ExprKind::Call, Type::F64, function, std::move(args));
}

ExprRef random(const std::string& kind, int draw) {
    NJ_ASSERT(kind == "rand" || kind == "randn", "unknown random kind");
    auto e = make(ExprKind::Random, Type::F64, kind);
    std::const_pointer_cast<Expr>(e)->slot = draw;
    return e;
}

ExprRef random_poisson(ExprRef mean, int draw) { return random_with("poisson", {std::move(mean)}, draw); }

int random_arity(const std::string& kind) {
    static const std::map<std::string, int> arity = {{"rand", 0},     {"randn", 0}, {"poisson", 1},
                                                     {"binomial", 2}, {"gamma", 1}, {"beta", 2}};
    auto it = arity.find(kind);
    return it == arity.end() ? -1 : it->second;
}

ExprRef random_with(const std::string& kind, std::vector<ExprRef> parameters, int draw) {
    NJ_ASSERT(random_arity(kind) == static_cast<int>(parameters.size()), "unknown random kind or arity");
    for (const auto& a : parameters) require(a, Type::F64, "distribution parameters are F64");
    auto e = make(ExprKind::Random, Type::F64, kind, std::move(parameters));
    std::const_pointer_cast<Expr>(e)->slot = draw;
    return e;
}

Stmt store(int array, ExprRef value) {
    require(value, Type::F64, "stored values are F64");
    Stmt s;
    s.kind = StmtKind::Store;
    s.slot = array;
    s.value = std::move(value);
    return s;
}

Stmt store_at(int array, ExprRef index, ExprRef value) {
    require(index, Type::F64, "store indices are F64");
    Stmt s = store(array, std::move(value));
    s.index = std::move(index);
    return s;
}

Stmt set_local(int slot, ExprRef value) {
    require(value, Type::F64, "locals hold F64 values");
    Stmt s;
    s.kind = StmtKind::SetLocal;
    s.slot = slot;
    s.value = std::move(value);
    return s;
}

Stmt if_then(ExprRef condition, std::vector<Stmt> then_body, std::vector<Stmt> else_body) {
    require(condition, Type::Bool, "an if condition is Bool");
    Stmt s;
    s.kind = StmtKind::If;
    s.value = std::move(condition);
    s.then_body = std::move(then_body);
    s.else_body = std::move(else_body);
    return s;
}

}  // namespace nj::ir
