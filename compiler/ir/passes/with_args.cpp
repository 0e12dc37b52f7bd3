// Rebuilds one expression node with new operands through the ir.h factories.
#include "compiler/ir/passes/with_args.h"

#include "compiler/support/assert.h"

namespace nj::ir {

ExprRef with_args(const ExprRef& expr, std::vector<ExprRef> args) {
    NJ_ASSERT(expr != nullptr, "with_args needs a node");
    NJ_ASSERT(args.size() == expr->args.size(), "with_args keeps the operand count");
    bool same = true;
    for (size_t k = 0; k < args.size(); ++k) same = same && args[k] == expr->args[k];
    if (same) return expr;
    const std::string& op = expr->op;
    switch (expr->kind) {
    case ExprKind::Load: return load(expr->slot, std::move(args[0]));
    case ExprKind::Unary: return unary(op, std::move(args[0]));
    case ExprKind::Binary: return binary(op, std::move(args[0]), std::move(args[1]));
    case ExprKind::Compare: return compare(op, std::move(args[0]), std::move(args[1]));
    case ExprKind::Logical: return logical(op, std::move(args[0]), std::move(args[1]));
    case ExprKind::Select:
        return select(std::move(args[0]), std::move(args[1]), std::move(args[2]));
    case ExprKind::Call: return call(op, std::move(args));
    case ExprKind::Const:
    case ExprKind::Param:
    case ExprKind::LoopIndex:
    case ExprKind::Time:
    case ExprKind::Dt:
    case ExprKind::Local: break;
    case ExprKind::Random:
        if (!args.empty()) return random_with(op, std::move(args), expr->slot);
        break;
    }
    NJ_UNREACHABLE("a leaf node has no operands to replace");
}

}  // namespace nj::ir
