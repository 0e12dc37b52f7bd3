// Let updates and size kernels for `apply rebuild`.
#include "compiler/lower/lower_rebuild.h"

#include "compiler/lower/lower_expr.h"

namespace nj::lower {

namespace {

/// A one-element kernel computing `expr` into a fresh scratch array, lowered quietly: a let the
/// kernels cannot compute (a list, a string) keeps its compiled value. Null when it cannot.
std::optional<rt::ProtocolOp> quiet_scalar(const ast::Expr& expr, rt::ProtocolOp::Kind kind, const std::string& name,
                                           LowerContext& context) {
    support::DiagnosticEngine quiet_diags(context.diags.sources());
    LowerContext quiet{context.model,         quiet_diags,       context.plan,   context.kernels,
                       context.param_slots,   context.functions, context.group_ids, context.kernel_count,
                       false,                 context.tables,    context.fuse_thresholds,
                       context.frozen_params, context.prev_arrays, context.history_ids,
                       context.held_while_refractory};
    KernelBuilder b = quiet.new_kernel("rebuild_" + name, "protocol");
    ElementScope none;
    ir::ExprRef value = as_number(lower_expr(expr, b, none, {}, quiet));
    context.kernel_count = quiet.kernel_count;
    if (!value || quiet.failed) return std::nullopt;
    rt::ProtocolOp op;
    op.kind = kind;
    op.name = name;
    op.scratch = context.add_array("protocol.rebuild_" + name, 1, 0.0);
    b.kernel.body.push_back(ir::store(b.slot_for(op.scratch, "scratch"), value));
    op.value = context.finish(b, 0, 1);
    return op;
}

void add_let_updates(rt::ProtocolOp& op, LowerContext& context) {
    for (const auto& info : context.model.params) {
        if (!info.is_let || info.value.kind != sema::Value::Kind::Number) continue;
        const ast::ParamDecl* decl = nullptr;
        for (const auto& file : context.model.files) {
            for (const auto& item : file.items) {
                const auto* p = std::get_if<ast::ParamDecl>(&item);
                if (p && p->is_let && p->name == info.name) decl = p;
            }
        }
        if (!decl || !decl->value) continue;
        auto update = quiet_scalar(*decl->value, rt::ProtocolOp::Kind::SetParam, info.name, context);
        if (!update) continue;
        update->param = context.param_slots.at(info.name);
        op.body.push_back(std::move(*update));
    }
}

/// The size argument of `group G = Type(n)` or `poisson P(n, ...)`.
const ast::Expr* size_expr(const ast::InstanceDecl& decl) {
    if (decl.call_form) return !decl.args.empty() && decl.arg_names[0].empty() ? decl.args[0].get() : nullptr;
    const ast::Expr* v = decl.value.get();
    if (v && v->kind == ast::ExprKind::Call && v->children.size() >= 2 && v->arg_names[0].empty()) return v->children[1].get();
    return nullptr;
}

/// Appends an op computing `expr` for group `id` under `name`; false when it cannot.
bool add_size(const ast::Expr* expr, const std::string& name, int id, rt::ProtocolOp& op, LowerContext& context) {
    if (!expr) return false;
    auto size = quiet_scalar(*expr, rt::ProtocolOp::Kind::Analyse, name, context);
    if (!size) return false;
    size->groups = {id};
    op.body.push_back(std::move(*size));
    return true;
}

}  // namespace

void lower_rebuild_values(rt::ProtocolOp& op, LowerContext& context) {
    add_let_updates(op, context);
    for (size_t k = 0; k < context.model.groups.size(); ++k) {
        const sema::GroupInfo& g = context.model.groups[k];
        const ast::InstanceDecl* decl = context.instance_decl(g.name);
        if (!decl) continue;
        int id = static_cast<int>(k);
        if (!g.parent) {
            add_size(size_expr(*decl), "size", id, op, context);
            continue;
        }
        const ast::Expr& slice = *decl->value->children[1];
        if (slice.kind != ast::ExprKind::Slice) continue;
        if (slice.children.size() > 0) add_size(slice.children[0].get(), "begin", id, op, context);
        if (slice.children.size() > 1) add_size(slice.children[1].get(), "end", id, op, context);
    }
}

}  // namespace nj::lower
