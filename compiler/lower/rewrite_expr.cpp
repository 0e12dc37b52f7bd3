// Expression copies with replaced nodes.
#include "compiler/lower/rewrite_expr.h"

namespace nj::lower {

ast::ExprPtr rewrite(const ast::Expr& e, const Replace& replace) {
    if (ast::ExprPtr r = replace(e)) return r;
    auto copy = std::make_unique<ast::Expr>();
    copy->kind = e.kind;
    copy->range = e.range;
    copy->text = e.text;
    copy->number = e.number;
    copy->exponent = e.exponent;
    copy->arg_names = e.arg_names;
    for (const auto& c : e.children) copy->children.push_back(c ? rewrite(*c, replace) : nullptr);
    return copy;
}

ast::ExprPtr copy_of(const ast::Expr& e) {
    return rewrite(e, [](const ast::Expr&) { return ast::ExprPtr(); });
}

ast::ExprPtr name_node(const std::string& text, support::SourceRange range) {
    auto e = std::make_unique<ast::Expr>();
    e->kind = ast::ExprKind::Name;
    e->text = text;
    e->range = range;
    return e;
}

}  // namespace nj::lower
