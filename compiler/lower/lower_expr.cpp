// Expression lowering: literals, names, operators and statements.
#include "compiler/lower/lower_expr.h"

#include "compiler/lower/lower_calls.h"
#include "compiler/lower/lower_lists.h"
#include "compiler/lower/lower_matrix_read.h"
#include "compiler/lower/lower_tables.h"
#include "compiler/units/unit_table.h"

#include <cmath>

namespace nj::lower {

ir::ExprRef as_condition(ir::ExprRef e) {
    if (!e || e->type == ir::Type::Bool) return e;
    return ir::compare("!=", std::move(e), ir::constant(0));
}

ir::ExprRef as_number(ir::ExprRef e) {
    if (!e || e->type == ir::Type::F64) return e;
    return ir::select(std::move(e), ir::constant(1), ir::constant(0));
}

namespace {

/// The element an ElementIndex names, e.g. index_array[i] for the neuron synapse i reaches.
ir::ExprRef indirect_index(const ElementIndex& at, KernelBuilder& builder, LowerContext& context) {
    if (at.index_array < 0) return at.index;
    return ir::load(builder.slot_for(at.index_array, context.plan.arrays[static_cast<size_t>(at.index_array)].name));
}

ir::ExprRef lower_name(const ast::Expr& expr, KernelBuilder& builder, const ElementScope& scope,
                       const Bindings& bindings, LowerContext& context) {
    const std::string& name = expr.text;
    if (auto it = bindings.find(name); it != bindings.end()) return it->second;
    if (auto it = scope.arrays.find(name); it != scope.arrays.end()) {
        return ir::load(builder.slot_for(it->second, context.plan.arrays[it->second].name));
    }
    if (auto it = scope.indirect.find(name); it != scope.indirect.end()) {
        return ir::load(builder.slot_for(it->second.array, context.plan.arrays[it->second.array].name),
                        indirect_index(it->second.at, builder, context));
    }
    if (auto it = scope.indices.find(name); it != scope.indices.end()) {
        ir::ExprRef index = indirect_index(it->second.at, builder, context);
        return it->second.offset == 0 ? index : ir::binary("-", index, ir::constant(it->second.offset));
    }
    if (auto it = scope.constants.find(name); it != scope.constants.end()) return ir::constant(it->second);
    if (auto it = scope.params.find(name); it != scope.params.end()) return ir::param(it->second);
    if (auto it = scope.foreign_subexpressions.find(name); it != scope.foreign_subexpressions.end()) {
        return lower_expr(*it->second.first->rhs, builder, *it->second.second, bindings, context);
    }
    if (auto it = scope.subexpressions.find(name); it != scope.subexpressions.end()) {
        return lower_expr(*it->second->rhs, builder, scope, bindings, context);
    }
    if (name == "t") {
        if (builder.history_depth == 0) return ir::time();
        return ir::binary("-", ir::time(), ir::binary("*", ir::constant(builder.history_depth), ir::dt()));
    }
    if (name == "dt") return ir::dt();
    if (name == "i") {
        if (scope.index_offset == 0) return ir::loop_index();
        return ir::binary("-", ir::loop_index(), ir::constant(scope.index_offset));
    }
    if (name == "N") return ir::constant(scope.size);
    if (auto it = context.param_slots.find(name); it != context.param_slots.end()) {
        return ir::param(it->second);
    }
    if (name == "pi") return ir::constant(M_PI);
    if (auto unit = units::lookup_unit(name)) return ir::constant(unit->scale);
    context.unsupported(expr.range, "the name '" + name + "' here");
    return nullptr;
}

ir::ExprRef lower_binary(const ast::Expr& expr, ir::ExprRef a, ir::ExprRef b) {
    a = as_number(std::move(a));
    b = as_number(std::move(b));
    const std::string& op = expr.text;
    if (op == "**") return ir::binary("pow", a, b);
    if (op == "//") return ir::call("floor", {ir::binary("/", a, b)});
    if (op == "%") return ir::binary("mod", a, b);
    if (op == "@") return ir::binary("*", a, b);
    return ir::binary(op, a, b);
}

/// `old op value` for `+=`, `-=`, `*=`, `/=`; `value` for `=`.
ir::ExprRef apply_assign_op(ast::AssignOp op, ir::ExprRef old, ir::ExprRef value) {
    static const char* ops[] = {"", "+", "-", "*", "/"};
    if (op == ast::AssignOp::Set) return value;
    return ir::binary(ops[static_cast<int>(op)], std::move(old), std::move(value));
}

}  // namespace

ir::ExprRef lower_expr(const ast::Expr& expr, KernelBuilder& builder, const ElementScope& scope,
                       const Bindings& bindings, LowerContext& context) {
    auto sub = [&](size_t k) {
        return lower_expr(*expr.children[k], builder, scope, bindings, context);
    };
    switch (expr.kind) {
    case ast::ExprKind::Number: return ir::constant(expr.number);
    case ast::ExprKind::Quantity: {
        auto unit = units::lookup_unit(expr.text);
        double scale = unit ? std::pow(unit->scale, expr.exponent.to_double()) : 1.0;
        return ir::constant(expr.number * scale);
    }
    case ast::ExprKind::Bool:
        return ir::compare("!=", ir::constant(expr.number), ir::constant(0));
    case ast::ExprKind::Name: return lower_name(expr, builder, scope, bindings, context);
    case ast::ExprKind::Call: return lower_call(expr, builder, scope, bindings, context);
    case ast::ExprKind::Index:
        if (is_table_read(expr, context)) return lower_table_read(expr, builder, scope, bindings, context);
        if (is_matrix_read(expr, context)) return lower_matrix_read(expr, builder, scope, bindings, context);
        if (auto e = lower_list_index(expr, builder, scope, bindings, context)) return e;
        break;
    case ast::ExprKind::Unary: {
        ir::ExprRef a = as_number(sub(0));
        if (!a) return nullptr;
        return expr.text == "-" ? ir::unary("-", a) : a;
    }
    case ast::ExprKind::Binary: {
        ir::ExprRef a = sub(0), b = sub(1);
        return a && b ? lower_binary(expr, a, b) : nullptr;
    }
    case ast::ExprKind::Compare: {
        ir::ExprRef a = as_number(sub(0)), b = as_number(sub(1));
        return a && b ? ir::compare(expr.text, a, b) : nullptr;
    }
    case ast::ExprKind::Logical: {
        ir::ExprRef a = as_condition(sub(0)), b = as_condition(sub(1));
        return a && b ? ir::logical(expr.text, a, b) : nullptr;
    }
    case ast::ExprKind::Not: {
        ir::ExprRef a = as_condition(sub(0));
        return a ? ir::unary("not", a) : nullptr;
    }
    default: break;
    }
    return lower_constant(expr, context);
}

bool lower_statement(const ast::Item& item, KernelBuilder& builder, const ElementScope& scope,
                     LowerContext& context, std::vector<ir::Stmt>& out) {
    if (item.kind == ast::ItemKind::ExprStmt) return true;  // a bare expression does nothing
    if (item.kind != ast::ItemKind::Assign) {
        context.unsupported(item.range, "this statement");
        return false;
    }
    const ast::Expr& target = *item.exprs[0];
    auto it = target.kind == ast::ExprKind::Name ? scope.arrays.find(target.text) : scope.arrays.end();
    auto via = target.kind == ast::ExprKind::Name ? scope.indirect.find(target.text) : scope.indirect.end();
    if (it == scope.arrays.end() && via != scope.indirect.end()) {
        // a neuron variable written from synapse code: the kernel becomes serial
        ir::ExprRef value = as_number(lower_expr(*item.exprs[1], builder, scope, {}, context));
        if (!value) return false;
        int slot = builder.slot_for(via->second.array, context.plan.arrays[static_cast<size_t>(via->second.array)].name);
        ir::ExprRef index = indirect_index(via->second.at, builder, context);
        out.push_back(ir::store_at(slot, index, apply_assign_op(item.op, ir::load(slot, index), value)));
        builder.kernel.serial = true;
        return true;
    }
    if (it == scope.arrays.end()) {
        context.unsupported(target.range, "assigning to '" +
                                              std::string(context.diags.sources().slice(target.range)) + "'");
        return false;
    }
    ir::ExprRef value = as_number(lower_expr(*item.exprs[1], builder, scope, {}, context));
    if (!value) return false;
    int slot = builder.slot_for(it->second, context.plan.arrays[static_cast<size_t>(it->second)].name);
    out.push_back(ir::store(slot, apply_assign_op(item.op, ir::load(slot), value)));
    return true;
}

bool lower_statements(const std::vector<ast::Item>& items, KernelBuilder& builder,
                      const ElementScope& scope, LowerContext& context, std::vector<ir::Stmt>& out) {
    for (const auto& item : items) {
        if (!lower_statement(item, builder, scope, context, out)) return false;
    }
    return true;
}

}  // namespace nj::lower
