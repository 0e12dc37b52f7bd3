// User function bodies: lazy checking, result units, constant folding, recursion.
#include "compiler/sema/check_functions.h"

#include "compiler/sema/resolve_unit_spec.h"

namespace nj::sema {

using support::DiagCode;

namespace {

const Scope& root_of(const Scope& scope) {
    const Scope* s = &scope;
    while (s->parent()) s = s->parent();
    return *s;
}

ExprType check_body(const Symbol& fn, const std::vector<ExprType>& args,
                    support::DiagnosticEngine& diags, const Scope& globals) {
    const ast::FunctionDecl& decl = *fn.function;
    Scope local(&globals);
    for (size_t k = 0; k < decl.formals.size(); ++k) {
        Symbol arg;
        arg.kind = SymbolKind::Formal;
        arg.name = decl.formals[k].name;
        arg.decl = decl.formals[k].range;
        arg.used = true;
        arg.type = ExprType::number(fn.formal_dims[k]);
        if (k < args.size() && args[k].constant) {
            arg.type = args[k];
            // a unitless zero passed for an argument with a unit takes that unit
            if (args[k].is_number()) arg.type.constant->dim = arg.type.dim = fn.formal_dims[k];
        }
        local.define(arg);
    }
    CodeContext code{local, diags, nullptr, false, true, false, false, "in a function"};
    ExprType body = check_expr(*decl.body, code);
    if (!decl.result_unit) return body;
    ExprType declared = resolve_unit_spec(*decl.result_unit, diags, false);
    if (declared.is_poison()) return body;
    if (body.is_poison()) return declared;  // callers see the declared unit, no cascade
    bool agree = declared.kind == body.kind && (!body.is_number() || declared.dim == body.dim);
    if (!agree) {
        diags.report(DiagCode::UnitsMismatch, decl.body->range,
                     "'" + decl.name + "' is declared to return " + describe_type(declared) +
                         ", but its body is " + describe_type(body))
            .label(decl.result_unit->range, describe_type(declared));
        return ExprType::poison();
    }
    return body;
}

}  // namespace

ExprType call_user_function(const Symbol& fn, const std::vector<ExprType>& args,
                            SourceRange call_range, const CodeContext& context) {
    if (fn.function_busy) {
        context.diags.report(DiagCode::EquationsCycle, call_range,
                             "'" + fn.name + "' calls itself; functions cannot be recursive");
        return ExprType::poison();
    }
    bool all_constant = true;
    for (const auto& a : args) all_constant = all_constant && a.constant.has_value();
    if (fn.function_result && !all_constant) return *fn.function_result;
    fn.function_busy = true;
    const Scope& globals = root_of(context.scope);
    if (!fn.function_result) {
        ExprType general = check_body(fn, {}, context.diags, globals);
        general.constant.reset();
        fn.function_result = general;
    }
    ExprType result = *fn.function_result;
    if (all_constant && !result.is_poison()) result = check_body(fn, args, context.diags, globals);
    fn.function_busy = false;
    return result;
}

void check_uncalled_functions(ModelContext& context) {
    for (const auto& [name, symbol] : context.globals.symbols()) {
        if (symbol.kind != SymbolKind::UserFunction || symbol.function_result) continue;
        CodeContext code = context.global_context("in a function");
        call_user_function(symbol, {}, symbol.decl, code);
    }
}

}  // namespace nj::sema
