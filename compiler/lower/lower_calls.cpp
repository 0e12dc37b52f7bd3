// Built-in functions as IR, random numbers, inlined user functions, constants from the checker.
#include "compiler/lower/lower_calls.h"

#include "compiler/lower/lower_lists.h"

#include "compiler/lower/lower_expr.h"
#include "compiler/lower/lower_tables.h"
#include "compiler/sema/check_expr.h"

#include <map>

namespace nj::lower {

namespace {

using Args = std::vector<ir::ExprRef>;

ir::ExprRef fold_min_max(const std::string& op, const Args& args) {
    ir::ExprRef out = args[0];
    for (size_t k = 1; k < args.size(); ++k) out = ir::binary(op, out, args[k]);
    return out;
}

/// Built-ins that are compositions of IR operations.
ir::ExprRef composite(const std::string& name, const Args& a) {
    using namespace ir;
    if (name == "abs") return call("fabs", {a[0]});
    if (name == "int") return call("trunc", {a[0]});
    if (name == "relu") return binary("max", a[0], constant(0));
    if (name == "heaviside") return select(compare(">", a[0], constant(0)), constant(1), constant(0));
    if (name == "sign") {
        return select(compare(">", a[0], constant(0)), constant(1),
                      select(compare("<", a[0], constant(0)), constant(-1), constant(0)));
    }
    if (name == "sigmoid") return binary("/", constant(1), binary("+", constant(1), call("exp", {unary("-", a[0])})));
    if (name == "softplus") return call("log1p", {call("exp", {a[0]})});
    if (name == "exprel") {
        return select(compare("==", a[0], constant(0)), constant(1),
                      binary("/", call("expm1", {a[0]}), a[0]));
    }
    if (name == "clip") return binary("min", binary("max", a[0], a[1]), a[2]);
    if (name == "min" || name == "max") return fold_min_max(name, a);
    if (name == "mod") return binary("mod", a[0], a[1]);
    return nullptr;
}

ir::ExprRef math(const std::string& name, const Args& a) {
    static const std::map<std::string, std::string> renamed = {
        {"arcsin", "asin"}, {"arccos", "acos"}, {"arctan", "atan"}, {"arctan2", "atan2"}};
    auto it = renamed.find(name);
    std::string ir_name = it == renamed.end() ? name : it->second;
    if (ir::call_arity(ir_name) == static_cast<int>(a.size())) return ir::call(ir_name, a);
    return composite(name, a);
}

/// keyed_rand(k...) -> keyed_rand(count, k..., 0...), keyed_perm(n, k, key...) likewise after n, k.
ir::ExprRef keyed_call(const std::string& name, const Args& a) {
    size_t fixed = name == "keyed_perm" ? 2 : 0;
    if (!name.starts_with("keyed_") || a.size() < fixed) return nullptr;
    Args padded(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(fixed));
    padded.push_back(ir::constant(static_cast<double>(a.size() - fixed)));
    padded.insert(padded.end(), a.begin() + static_cast<std::ptrdiff_t>(fixed), a.end());
    while (static_cast<int>(padded.size()) < ir::call_arity(name)) padded.push_back(ir::constant(0));
    return ir::call(name, padded);
}

ir::ExprRef random_call(const std::string& name, const Args& a, KernelBuilder& builder) {
    using namespace ir;
    if (name == "rand") return random("rand", builder.next_draw++);
    if (name == "randn") return random("randn", builder.next_draw++);
    // each integrator stage renumbers the draws of a drift (equations/evaluate_at.h), so this
    // is a fresh normal per stage there, and a plain randn() anywhere else
    if (name == "randn_stage") return random("randn", builder.next_draw++);
    if (name == "uniform") {
        return binary("+", a[0], binary("*", binary("-", a[1], a[0]), random("rand", builder.next_draw++)));
    }
    if (name == "normal") return binary("+", a[0], binary("*", a[1], random("randn", builder.next_draw++)));
    if (name == "poisson" || name == "binomial" || name == "beta") return random_with(name, a, builder.next_draw++);
    return keyed_call(name, a);
}

ir::ExprRef inline_function(const ast::FunctionDecl& fn, const Args& args, KernelBuilder& builder,
                            LowerContext& context) {
    Bindings bound;
    for (size_t k = 0; k < fn.formals.size(); ++k) bound[fn.formals[k].name] = args[k];
    ElementScope none;  // function bodies see parameters and their arguments only
    return lower_expr(*fn.body, builder, none, bound, context);
}

}  // namespace

ir::ExprRef lower_call(const ast::Expr& call, KernelBuilder& builder, const ElementScope& scope,
                       const Bindings& bindings, LowerContext& context) {
    const ast::Expr& callee = *call.children[0];
    if (callee.kind != ast::ExprKind::Name) return lower_constant(call, context);
    if (is_table_read(call, context)) return lower_table_read(call, builder, scope, bindings, context);
    if (!context.functions.count(callee.text)) {
        if (callee.text == "get") {
            if (auto e = lower_list_get(call, builder, scope, bindings, context)) return e;
        }
        if (callee.text == "prev" && call.children.size() == 2 && call.children[1]->kind == ast::ExprKind::Name) {
            auto it = scope.previous.find(call.children[1]->text);
            if (it != scope.previous.end()) {
                return ir::load(builder.slot_for(it->second, context.plan.arrays[static_cast<size_t>(it->second)].name));
            }
        }
        if (callee.text == "previous" && call.children.size() == 2 && builder.context) {
            // the argument on the state one step further back: its state arrays are redirected
            ++builder.history_depth;
            ir::ExprRef earlier = lower_expr(*call.children[1], builder, scope, bindings, context);
            --builder.history_depth;
            return earlier;
        }
        if (callee.text == "segment" || callee.text == "segment_start") {
            if (auto e = lower_segment_call(call, builder, scope, bindings, context)) return e;
        }
    }
    Args args;
    bool where = callee.text == "where";
    for (size_t k = 1; k < call.children.size(); ++k) {
        ir::ExprRef a = lower_expr(*call.children[k], builder, scope, bindings, context);
        if (!a) return nullptr;
        args.push_back(where && k == 1 ? as_condition(a) : as_number(a));
    }
    const std::string& name = callee.text;
    if (auto fn = context.functions.find(name); fn != context.functions.end()) {
        return inline_function(*fn->second, args, builder, context);
    }
    if (where) return ir::select(args[0], args[1], args[2]);
    if (auto r = random_call(name, args, builder)) return r;
    if (auto m = math(name, args)) return m;
    return lower_constant(call, context);
}

double string_code(const std::string& text) {
    uint64_t h = 0xCBF29CE484222325ull;
    for (unsigned char c : text) h = (h ^ c) * 0x100000001B3ull;
    return static_cast<double>(h >> 12);
}

std::optional<sema::Value> constant_value(const ast::Expr& expr, LowerContext& context) {
    support::DiagnosticEngine quiet(context.diags.sources());
    sema::CodeContext code{*context.model.globals, quiet, nullptr, false, false, false, false, ""};
    sema::ExprType t = sema::check_expr(expr, code);
    if (!t.constant) return std::nullopt;
    return *t.constant;
}

ir::ExprRef lower_constant(const ast::Expr& expr, LowerContext& context) {
    // The checker already computed constant values; ask it again, quietly.
    auto value = constant_value(expr, context);
    if (value && (value->kind == sema::Value::Kind::Number || value->kind == sema::Value::Kind::Boolean)) {
        return ir::constant(value->number);
    }
    if (value && value->kind == sema::Value::Kind::String) return ir::constant(string_code(value->text));
    context.unsupported(expr.range, std::string("a ") + ast::describe(expr.kind) + " such as '" +
                                        std::string(context.diags.sources().slice(expr.range)) + "'");
    return nullptr;
}

}  // namespace nj::lower
