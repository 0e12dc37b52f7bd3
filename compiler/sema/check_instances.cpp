// Instances built by registered constructors: kind lookup, signatures, naming, symbols.
#include "compiler/sema/check_instances.h"

#include "compiler/sema/builtins.h"
#include "compiler/sema/check_calls_args.h"
#include "compiler/sema/check_equations.h"
#include "compiler/sema/check_loss.h"
#include "compiler/support/did_you_mean.h"

namespace nj::sema {

using support::DiagCode;

bool is_network_kind(const std::string& kind) {
    return kind == "group" || kind == "poisson" || kind == "synapses";
}

namespace {

void define_instance(const std::string& name, const ast::InstanceDecl& decl,
                     const std::string& constructor, units::Dimension result_dim,
                     ModelContext& context) {
    Symbol s;
    s.kind = SymbolKind::Instance;
    s.name = name;
    s.decl = decl.name_range;
    s.instance_kind = decl.kind;
    s.result_dim = result_dim;
    s.used = decl.kind == "monitor";  // monitors are used by being written out
    if (auto shape = context.options.table_shapes.find(name); decl.kind == "table" && shape != context.options.table_shapes.end()) {
        s.table_shape = shape->second;
    }
    if (const Symbol* earlier = context.globals.define(s)) {
        context.diags.report(DiagCode::NamesDuplicate, decl.name_range,
                             "'" + name + "' is already defined")
            .label(earlier->decl, "first defined here");
        return;
    }
    context.globals.make_object(name);
    context.model.instances.push_back(InstanceInfo{decl.kind, name, constructor, decl.name_range});
}

void report_unknown_constructor(const ast::InstanceDecl& decl, SourceRange at,
                                const std::string& name, ModelContext& context) {
    std::vector<std::string> names = constructor_names(decl.kind);
    auto b = context.diags.report(DiagCode::NamesUnknown, at,
                                  "unknown " + decl.kind + " kind '" + name + "'");
    std::string help = support::did_you_mean_help(name, names);
    if (help.empty() && !names.empty()) {
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
        help = "a " + decl.kind + " is one of: " + list;
    }
    b.help(help);
}

/// A scope with t, dt, i and N, so arguments such as `rate = f(t)` can be written.
CodeContext argument_context(Scope& scope, ModelContext& context) {
    define_neuron_specials(scope, false);
    return CodeContext{scope, context.diags, nullptr, false, true, false, false,
                       "in a declaration"};
}

units::Dimension table_unit(const std::vector<const ast::Expr*>& args,
                            const std::vector<std::string>& names, const CodeContext& code) {
    for (size_t k = 0; k < args.size(); ++k) {
        if (names[k] == "values" || names[k] == "unit") {
            ExprType t = check_expr(*args[k], code);
            if (!t.is_poison()) return t.dim;
        }
    }
    return units::Dimension::dimensionless();
}

/// What follows the kind: the constructor's name and its arguments.
struct ConstructorCall {
    const std::string& name;
    SourceRange name_range;
    std::vector<const ast::Expr*> args;
    const std::vector<std::string>& arg_names;
    SourceRange range;
};

void check_constructed(const ast::InstanceDecl& decl, const std::string& name,
                       const ConstructorCall& call, ModelContext& context) {
    const BuiltinConstructor* ctor = find_constructor(decl.kind, call.name);
    if (!ctor) {
        report_unknown_constructor(decl, call.name_range, call.name, context);
        define_instance(name, decl, call.name, {}, context);
        return;
    }
    CallSignature sig{ctor->name, ctor->positional, ctor->variadic, ctor->keywords,
                      ctor->open_keywords, false};
    Scope scope(&context.globals);
    CodeContext code = argument_context(scope, context);
    check_call_args(call.args, call.arg_names, sig, call.range, code);
    units::Dimension unit = decl.kind == "table" ? table_unit(call.args, call.arg_names, code)
                                                 : units::Dimension{};
    define_instance(name, decl, ctor->name, unit, context);
}

/// `loss total = expr`, `readout r = expr` without a registered constructor: any expression.
void check_free_expression(const ast::InstanceDecl& decl, ModelContext& context) {
    Scope scope(&context.globals);
    CodeContext code = argument_context(scope, context);
    if (decl.kind == "loss") check_loss_expr(*decl.value, code);
    else check_expr(*decl.value, code);
    define_instance(decl.name, decl, "", {}, context);
}

}  // namespace

void check_instance(const ast::InstanceDecl& decl, ModelContext& context) {
    if (!find_instance_kind(decl.kind)) {
        std::vector<std::string> kinds = instance_kind_names();
        for (const char* k : {"param", "let", "mode", "function", "neuron", "synapse", "import"}) {
            kinds.push_back(k);
        }
        auto b = context.diags.report(DiagCode::NamesUnknown, decl.kind_range,
                                      "unknown declaration '" + decl.kind + "'");
        std::string help = support::did_you_mean_help(decl.kind, kinds);
        if (!help.empty()) b.help(help);
        return;
    }
    if (decl.has_body) {
        context.diags.report(DiagCode::ClauseInvalid, decl.range,
                             "a " + decl.kind + " declaration takes no body");
    }
    if (decl.call_form) {
        // `monitor spikes(E)`: the name is the constructor; the instance is named after both.
        ConstructorCall call{decl.name, decl.name_range, {}, decl.arg_names, decl.range};
        for (const auto& a : decl.args) call.args.push_back(a.get());
        std::string name = decl.name;
        if (!decl.args.empty() && decl.args[0]->kind == ast::ExprKind::Name) {
            name += "_" + decl.args[0]->text;
        }
        return check_constructed(decl, name, call, context);
    }
    if (decl.value->kind == ast::ExprKind::Call &&
        decl.value->children[0]->kind == ast::ExprKind::Name &&
        !constructor_names(decl.kind).empty()) {
        const ast::Expr& value = *decl.value;
        ConstructorCall call{value.children[0]->text, value.children[0]->range, {},
                             value.arg_names, value.range};
        for (size_t k = 1; k < value.children.size(); ++k) {
            call.args.push_back(value.children[k].get());
        }
        return check_constructed(decl, decl.name, call, context);
    }
    if (!constructor_names(decl.kind).empty()) {
        context.diags.report(DiagCode::TypeMismatch, decl.value->range,
                             "expected a " + decl.kind + " constructor such as '" +
                                 constructor_names(decl.kind).front() + "(...)'");
        return;
    }
    check_free_expression(decl, context);
}

}  // namespace nj::sema
