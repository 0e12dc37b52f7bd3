// Copies of syntax-tree expressions with some nodes replaced: analyses lower expressions that
// name other objects (`G.v[k]`, `S.w`) by rewriting them into ones the element lowering reads.
#pragma once

#include "compiler/parse/ast.h"

#include <functional>
#include <string>

namespace nj::lower {

/// Returns the node to put in place of one (null: copy it and look inside).
using Replace = std::function<ast::ExprPtr(const ast::Expr&)>;

/// A copy of `e` in which `replace` may stand in for any node.
ast::ExprPtr rewrite(const ast::Expr& e, const Replace& replace);

/// A plain copy of `e`.
ast::ExprPtr copy_of(const ast::Expr& e);

/// A name node `text` at `range`.
ast::ExprPtr name_node(const std::string& text, support::SourceRange range);

}  // namespace nj::lower
