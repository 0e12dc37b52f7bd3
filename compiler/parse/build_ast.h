// Internal interface of the parse-tree to AST builder, split by node family across files.
#pragma once

#include "compiler/parse/ast.h"
#include "compiler/parse/token_ranges.h"

#include "NeuroJitParser.h"

#include <string>
#include <vector>

namespace nj::support {
class DiagnosticEngine;
}

namespace nj::parse {

using Grammar = grammar::NeuroJitParser;

/// What every builder function needs: byte ranges, the diagnostics sink and whether a
/// mistake the grammar cannot see (e.g. `dv/dx`) was reported.
struct BuildContext {
    const TokenRanges& ranges;
    support::DiagnosticEngine& diags;
    bool failed = false;

    /// Byte range of a rule's text.
    support::SourceRange range(const antlr4::ParserRuleContext* ctx) const {
        return ranges.of(ctx);
    }
    /// Byte range of a token.
    support::SourceRange range(const antlr4::Token* token) const { return ranges.of(token); }
    /// Byte range of a terminal node.
    support::SourceRange range(antlr4::tree::TerminalNode* node) const { return ranges.of(node); }
    /// Source text of a token.
    std::string text(const antlr4::Token* token) const {
        return std::string(ranges.text(token));
    }
    /// Source text of a terminal node.
    std::string text(antlr4::tree::TerminalNode* node) const { return text(node->getSymbol()); }
};

/// modelFile: sep? (topItem sep)* topItem? sep? EOF                       (build_ast.cpp)
ast::ModelFile build_model_file(BuildContext& bc, Grammar::ModelFileContext* ctx);

/// expr: generatorExpr                                                     (build_expr.cpp)
ast::ExprPtr build_expr(BuildContext& bc, Grammar::ExprContext* ctx);

/// args: arg (',' arg)* ','?  — appends values to `out` and keywords ("" if none) to `names`.
void build_args(BuildContext& bc, Grammar::ArgsContext* ctx, std::vector<ast::ExprPtr>& out,
                std::vector<std::string>& names);

/// body: '{' sep? (bodyItem sep)* bodyItem? sep? '}'                       (build_items.cpp)
std::vector<ast::Item> build_body(BuildContext& bc, Grammar::BodyContext* ctx);

/// block: '{' sep? (blockItem sep)* blockItem? sep? '}'
std::vector<ast::Item> build_block(BuildContext& bc, Grammar::BlockContext* ctx);

/// clauseItems: clauseItem ((',' | ';') clauseItem)*
std::vector<ast::Item> build_clause_items(BuildContext& bc, Grammar::ClauseItemsContext* ctx);

/// protocolStmt: run / repeat / for / if / set / freeze / ... (all alternatives)
ast::Item build_protocol_stmt(BuildContext& bc, Grammar::ProtocolStmtContext* ctx);

/// equation: dX/dt = expr : unit flags? | X = expr : unit flags? | X : unit flags?
///                                                                         (build_equations.cpp)
ast::Equation build_equation(BuildContext& bc, Grammar::EquationContext* ctx);

/// unitSpec: unitFactor (('*' | '/') unitFactor)*  — flattened to signed exponents.
ast::UnitSpec build_unit_spec(BuildContext& bc, Grammar::UnitSpecContext* ctx);

/// The exponent written after '**' in a unit or quantity (`-1`, `0.5`), or 1 when absent.
/// Reports units.power and gives 1 when the number is not a simple fraction.
units::Rational build_exponent(BuildContext& bc, antlr4::Token* sign, antlr4::Token* number);

}  // namespace nj::parse
