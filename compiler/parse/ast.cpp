// Implements the small AST helpers: kind descriptions, operator spellings and item ranges.
#include "compiler/parse/ast.h"

#include "compiler/support/assert.h"

namespace nj::ast {

const char* describe(ExprKind kind) {
    switch (kind) {
#define NJ_EXPR(name, description) \
    case ExprKind::name: return description;
#include "compiler/parse/ast_nodes.def"
#undef NJ_EXPR
    }
    NJ_UNREACHABLE("unknown expression kind");
}

const char* describe(ItemKind kind) {
    switch (kind) {
    case ItemKind::Equations: return "equations block";
    case ItemKind::Clause: return "clause";
    case ItemKind::Assign: return "assignment";
    case ItemKind::ExprStmt: return "expression statement";
    case ItemKind::Run: return "run statement";
    case ItemKind::Repeat: return "repeat statement";
    case ItemKind::For: return "for loop";
    case ItemKind::If: return "if statement";
    case ItemKind::Set: return "set statement";
    case ItemKind::Freeze: return "freeze statement";
    case ItemKind::Unfreeze: return "unfreeze statement";
    case ItemKind::Store: return "store statement";
    case ItemKind::Restore: return "restore statement";
    case ItemKind::Analyse: return "analyse statement";
    case ItemKind::Apply: return "apply statement";
    case ItemKind::Train: return "train statement";
    case ItemKind::Print: return "print statement";
    }
    NJ_UNREACHABLE("unknown item kind");
}

const char* spelling(AssignOp op) {
    switch (op) {
    case AssignOp::Set: return "=";
    case AssignOp::Add: return "+=";
    case AssignOp::Sub: return "-=";
    case AssignOp::Mul: return "*=";
    case AssignOp::Div: return "/=";
    }
    NJ_UNREACHABLE("unknown assignment operator");
}

SourceRange range_of(const TopItem& item) {
    return std::visit([](const auto& decl) { return decl.range; }, item);
}

}  // namespace nj::ast
