// Tests the AST helpers: kind descriptions, operator spellings and ranges of top-level items.
#include "compiler/parse/ast.h"

#include <doctest/doctest.h>

#include <string>

using namespace nj::ast;

TEST_CASE("ast: expression kinds are described in plain words") {
    CHECK(std::string(describe(ExprKind::Quantity)) == "quantity");
    CHECK(std::string(describe(ExprKind::Generator)) == "generator expression");
    CHECK(std::string(describe(ExprKind::Pathway)) == "pathway");
}

TEST_CASE("ast: item kinds are described with their keyword") {
    CHECK(std::string(describe(ItemKind::Run)) == "run statement");
    CHECK(std::string(describe(ItemKind::Clause)) == "clause");
    CHECK(std::string(describe(ItemKind::Analyse)) == "analyse statement");
}

TEST_CASE("ast: assignment operators are spelled as written") {
    CHECK(std::string(spelling(AssignOp::Set)) == "=");
    CHECK(std::string(spelling(AssignOp::Add)) == "+=");
    CHECK(std::string(spelling(AssignOp::Sub)) == "-=");
    CHECK(std::string(spelling(AssignOp::Mul)) == "*=");
    CHECK(std::string(spelling(AssignOp::Div)) == "/=");
}

TEST_CASE("ast: range_of gives the range of any top-level item") {
    ParamDecl param;
    param.range = {1, 4, 9};
    CHECK(range_of(TopItem(std::move(param))).begin == 4);
    Item item;
    item.range = {1, 10, 20};
    CHECK(range_of(TopItem(std::move(item))).end == 20);
}
