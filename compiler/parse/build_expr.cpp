// Builds expression nodes (operators, calls, literals, slices, pathways) from the parse tree.
#include "compiler/parse/build_ast.h"

#include "compiler/parse/literals.h"
#include "compiler/support/diagnostic_engine.h"

namespace nj::parse {

namespace {

using ast::Expr;
using ast::ExprKind;
using ast::ExprPtr;
using Owned = std::unique_ptr<Expr>;

Owned make(ExprKind kind, support::SourceRange range, std::string text = {}) {
    auto node = std::make_unique<Expr>();
    node->kind = kind;
    node->range = range;
    node->text = std::move(text);
    return node;
}

Owned make_with(ExprKind kind, support::SourceRange range, std::string text, ExprPtr lhs,
                ExprPtr rhs) {
    Owned node = make(kind, range, std::move(text));
    node->children.push_back(std::move(lhs));
    node->children.push_back(std::move(rhs));
    return node;
}

ExprPtr build_range(BuildContext& bc, Grammar::RangeExprContext* ctx);
ExprPtr build_not(BuildContext& bc, Grammar::NotExprContext* ctx);
ExprPtr build_additive(BuildContext& bc, Grammar::AdditiveContext* ctx);
ExprPtr build_unary(BuildContext& bc, Grammar::UnaryContext* ctx);

// Folds `a op b op c` to the left: ((a op b) op c). Children alternate operands and operator
// terminals; every partial node spans from the first operand to its last one.
template <class Operand, class BuildOperand>
ExprPtr left_chain(BuildContext& bc, antlr4::ParserRuleContext* ctx, ExprKind kind,
                   BuildOperand build_operand) {
    ExprPtr result;
    std::string op;
    for (antlr4::tree::ParseTree* child : ctx->children) {
        if (auto* terminal = dynamic_cast<antlr4::tree::TerminalNode*>(child)) {
            op = bc.text(terminal);
            continue;
        }
        auto* operand = dynamic_cast<Operand*>(child);
        ExprPtr value = build_operand(bc, operand);
        if (result == nullptr) {
            result = std::move(value);
            continue;
        }
        support::SourceRange range = bc.ranges.span(ctx->start, operand->stop);
        result = make_with(kind, range, op, std::move(result), std::move(value));
    }
    return result;
}

// generatorExpr: rangeExpr (FOR IDENT IN rangeExpr (IF rangeExpr)?)?
ExprPtr build_generator(BuildContext& bc, Grammar::GeneratorExprContext* ctx) {
    if (ctx->FOR() == nullptr) {
        return build_range(bc, ctx->rangeExpr(0));
    }
    Owned node = make(ExprKind::Generator, bc.range(ctx), bc.text(ctx->IDENT()));
    node->children.push_back(build_range(bc, ctx->rangeExpr(0)));
    node->children.push_back(build_range(bc, ctx->rangeExpr(1)));
    if (ctx->IF() != nullptr) {
        node->children.push_back(build_range(bc, ctx->rangeExpr(2)));
    }
    return node;
}

// andExpr: notExpr (AND notExpr)*
ExprPtr build_and(BuildContext& bc, Grammar::AndExprContext* ctx) {
    return left_chain<Grammar::NotExprContext>(bc, ctx, ExprKind::Logical, build_not);
}

// orExpr: andExpr (OR andExpr)*
ExprPtr build_or(BuildContext& bc, Grammar::OrExprContext* ctx) {
    return left_chain<Grammar::AndExprContext>(bc, ctx, ExprKind::Logical, build_and);
}

// rangeExpr: orExpr ('..' orExpr)?
ExprPtr build_range(BuildContext& bc, Grammar::RangeExprContext* ctx) {
    ExprPtr first = build_or(bc, ctx->orExpr(0));
    if (ctx->orExpr().size() < 2) {
        return first;
    }
    return make_with(ExprKind::Range, bc.range(ctx), "..", std::move(first),
                     build_or(bc, ctx->orExpr(1)));
}

// comparison: additive (op=('<' | '<=' | '>' | '>=' | '==' | '!=') additive)?
ExprPtr build_comparison(BuildContext& bc, Grammar::ComparisonContext* ctx) {
    ExprPtr lhs = build_additive(bc, ctx->additive(0));
    if (ctx->op == nullptr) {
        return lhs;
    }
    return make_with(ExprKind::Compare, bc.range(ctx), bc.text(ctx->op), std::move(lhs),
                     build_additive(bc, ctx->additive(1)));
}

// notExpr: NOT notExpr | comparison
ExprPtr build_not(BuildContext& bc, Grammar::NotExprContext* ctx) {
    if (ctx->NOT() == nullptr) {
        return build_comparison(bc, ctx->comparison());
    }
    Owned node = make(ExprKind::Not, bc.range(ctx));
    node->children.push_back(build_not(bc, ctx->notExpr()));
    return node;
}

// multiplicative: unary (op+=('*' | '/' | '//' | '%' | '@') unary)*
ExprPtr build_multiplicative(BuildContext& bc, Grammar::MultiplicativeContext* ctx) {
    return left_chain<Grammar::UnaryContext>(bc, ctx, ExprKind::Binary, build_unary);
}

// additive: multiplicative (op+=('+' | '-') multiplicative)*
ExprPtr build_additive(BuildContext& bc, Grammar::AdditiveContext* ctx) {
    return left_chain<Grammar::MultiplicativeContext>(bc, ctx, ExprKind::Binary,
                                                      build_multiplicative);
}

// NUMBER   — digits with optional '_' separators, fraction and exponent.
ExprPtr build_number(BuildContext& bc, antlr4::Token* token) {
    Owned node = make(ExprKind::Number, bc.range(token));
    std::string text = bc.text(token);
    if (auto value = parse_number(text)) {
        node->number = *value;
    } else {
        bc.failed = true;
        bc.diags.report(support::DiagCode::ValueRange, node->range,
                        "the number " + text + " is too large or too small to represent");
    }
    return node;
}

// primary: NUMBER (IDENT ('**' sign='-'? exponent=NUMBER)?)?   # quantityLiteral
ExprPtr build_quantity(BuildContext& bc, Grammar::QuantityLiteralContext* ctx) {
    ExprPtr number = build_number(bc, ctx->NUMBER(0)->getSymbol());
    if (ctx->IDENT() == nullptr) {
        return number;
    }
    Owned node = make(ExprKind::Quantity, bc.range(ctx), bc.text(ctx->IDENT()));
    node->number = number->number;
    node->exponent = build_exponent(bc, ctx->sign, ctx->exponent);
    return node;
}

// primary: quantity | STRING | TRUE | FALSE | IDENT | '(' expr ')' | '[' (expr (',' expr)*)? ']'
ExprPtr build_primary(BuildContext& bc, Grammar::PrimaryContext* ctx) {
    if (auto* quantity = dynamic_cast<Grammar::QuantityLiteralContext*>(ctx)) {
        return build_quantity(bc, quantity);
    }
    if (auto* string = dynamic_cast<Grammar::StringLiteralContext*>(ctx)) {
        return make(ExprKind::String, bc.range(ctx), unescape_string(bc.text(string->STRING())));
    }
    if (auto* boolean = dynamic_cast<Grammar::BoolLiteralContext*>(ctx)) {
        Owned node = make(ExprKind::Bool, bc.range(ctx));
        node->number = boolean->TRUE() != nullptr ? 1.0 : 0.0;
        return node;
    }
    if (auto* name = dynamic_cast<Grammar::NameRefContext*>(ctx)) {
        return make(ExprKind::Name, bc.range(ctx), bc.text(name->IDENT()));
    }
    if (auto* paren = dynamic_cast<Grammar::ParenExprContext*>(ctx)) {
        return build_expr(bc, paren->expr());
    }
    auto* list = dynamic_cast<Grammar::ListLiteralContext*>(ctx);
    Owned node = make(ExprKind::List, bc.range(ctx));
    for (Grammar::ExprContext* element : list->expr()) {
        node->children.push_back(build_expr(bc, element));
    }
    return node;
}

// indexItem: expr? ':' expr? | expr
ExprPtr build_index_item(BuildContext& bc, Grammar::IndexItemContext* ctx) {
    ExprPtr start;
    ExprPtr stop;
    bool after_colon = false;
    for (antlr4::tree::ParseTree* child : ctx->children) {
        if (auto* expr = dynamic_cast<Grammar::ExprContext*>(child)) {
            (after_colon ? stop : start) = build_expr(bc, expr);
        } else {
            after_colon = true;
        }
    }
    if (!after_colon) {
        return start;
    }
    return make_with(ExprKind::Slice, bc.range(ctx), "", std::move(start), std::move(stop));
}

// postfixOp: '(' args? ')' | '[' indexItem (',' indexItem)* ']' | '.' IDENT | '\''
ExprPtr apply_postfix(BuildContext& bc, ExprPtr base, Grammar::PostfixOpContext* op,
                      support::SourceRange range) {
    if (auto* call = dynamic_cast<Grammar::CallOpContext*>(op)) {
        Owned node = make(ExprKind::Call, range);
        node->children.push_back(std::move(base));
        if (call->args() != nullptr) {
            build_args(bc, call->args(), node->children, node->arg_names);
        }
        return node;
    }
    if (auto* index = dynamic_cast<Grammar::IndexOpContext*>(op)) {
        Owned node = make(ExprKind::Index, range);
        node->children.push_back(std::move(base));
        for (Grammar::IndexItemContext* item : index->indexItem()) {
            node->children.push_back(build_index_item(bc, item));
        }
        return node;
    }
    Owned node = make(ExprKind::Prime, range);
    if (auto* member = dynamic_cast<Grammar::MemberOpContext*>(op)) {
        node->kind = ExprKind::Member;
        node->text = bc.text(member->IDENT());
    }
    node->children.push_back(std::move(base));
    return node;
}

// postfix: primary postfixOp*
ExprPtr build_postfix(BuildContext& bc, Grammar::PostfixContext* ctx) {
    ExprPtr result = build_primary(bc, ctx->primary());
    for (Grammar::PostfixOpContext* op : ctx->postfixOp()) {
        result = apply_postfix(bc, std::move(result), op, bc.ranges.span(ctx->start, op->stop));
    }
    return result;
}

// power: postfix ('**' unary)?   — right-associative through unary.
ExprPtr build_power(BuildContext& bc, Grammar::PowerContext* ctx) {
    ExprPtr base = build_postfix(bc, ctx->postfix());
    if (ctx->unary() == nullptr) {
        return base;
    }
    return make_with(ExprKind::Binary, bc.range(ctx), "**", std::move(base),
                     build_unary(bc, ctx->unary()));
}

// unary: op=('-' | '+') unary | power
ExprPtr build_unary(BuildContext& bc, Grammar::UnaryContext* ctx) {
    if (ctx->op == nullptr) {
        return build_power(bc, ctx->power());
    }
    Owned node = make(ExprKind::Unary, bc.range(ctx), bc.text(ctx->op));
    node->children.push_back(build_unary(bc, ctx->unary()));
    return node;
}

// argValue: expr ':' expr? | ':' expr? | expr ('->' | '<->') expr | expr
ExprPtr build_arg_value(BuildContext& bc, Grammar::ArgValueContext* ctx) {
    if (auto* slice = dynamic_cast<Grammar::SliceArgContext*>(ctx)) {
        ExprPtr stop = slice->expr().size() > 1 ? build_expr(bc, slice->expr(1)) : nullptr;
        return make_with(ExprKind::Slice, bc.range(ctx), "", build_expr(bc, slice->expr(0)),
                         std::move(stop));
    }
    if (auto* open = dynamic_cast<Grammar::OpenSliceArgContext*>(ctx)) {
        ExprPtr stop = open->expr() != nullptr ? build_expr(bc, open->expr()) : nullptr;
        return make_with(ExprKind::Slice, bc.range(ctx), "", nullptr, std::move(stop));
    }
    if (auto* pathway = dynamic_cast<Grammar::PathwayArgContext*>(ctx)) {
        std::string arrow = pathway->children[1]->getText();
        return make_with(ExprKind::Pathway, bc.range(ctx), arrow,
                         build_expr(bc, pathway->expr(0)), build_expr(bc, pathway->expr(1)));
    }
    return build_expr(bc, dynamic_cast<Grammar::ExprArgContext*>(ctx)->expr());
}

}  // namespace

// expr: generatorExpr
ExprPtr build_expr(BuildContext& bc, Grammar::ExprContext* ctx) {
    return build_generator(bc, ctx->generatorExpr());
}

// args: arg (',' arg)* ','?   with   arg: IDENT '=' argValue | argValue
void build_args(BuildContext& bc, Grammar::ArgsContext* ctx, std::vector<ExprPtr>& out,
                std::vector<std::string>& names) {
    for (Grammar::ArgContext* arg : ctx->arg()) {
        if (auto* keyword = dynamic_cast<Grammar::KeywordArgContext*>(arg)) {
            names.push_back(bc.text(keyword->IDENT()));
            out.push_back(build_arg_value(bc, keyword->argValue()));
        } else {
            names.push_back("");
            auto* positional = dynamic_cast<Grammar::PositionalArgContext*>(arg);
            out.push_back(build_arg_value(bc, positional->argValue()));
        }
    }
}

}  // namespace nj::parse
