// Builds body items, clauses, statements and protocol statements from the parse tree.
#include "compiler/parse/build_ast.h"

namespace nj::parse {

namespace {

using ast::Item;
using ast::ItemKind;

Item make_item(BuildContext& bc, ItemKind kind, antlr4::ParserRuleContext* ctx) {
    Item item;
    item.kind = kind;
    item.range = bc.range(ctx);
    return item;
}

void set_name(BuildContext& bc, Item& item, antlr4::tree::TerminalNode* name) {
    if (name != nullptr) {
        item.name = bc.text(name);
        item.name_range = bc.range(name);
    }
}

ast::AssignOp assign_op(const std::string& spelling) {
    if (spelling == "+=") return ast::AssignOp::Add;
    if (spelling == "-=") return ast::AssignOp::Sub;
    if (spelling == "*=") return ast::AssignOp::Mul;
    if (spelling == "/=") return ast::AssignOp::Div;
    return ast::AssignOp::Set;
}

// stmt: target=expr op=('=' | '+=' | '-=' | '*=' | '/=') value=expr | expr
Item build_stmt(BuildContext& bc, Grammar::StmtContext* ctx) {
    if (auto* assign = dynamic_cast<Grammar::AssignStmtContext*>(ctx)) {
        Item item = make_item(bc, ItemKind::Assign, ctx);
        item.op = assign_op(bc.text(assign->op));
        item.exprs.push_back(build_expr(bc, assign->target));
        item.exprs.push_back(build_expr(bc, assign->value));
        return item;
    }
    Item item = make_item(bc, ItemKind::ExprStmt, ctx);
    item.exprs.push_back(build_expr(bc, dynamic_cast<Grammar::ExprStmtContext*>(ctx)->expr()));
    return item;
}

// clause: key=IDENT (name=IDENT)? ':' clauseItems | key=IDENT (name=IDENT)? ':'? block
Item build_clause(BuildContext& bc, Grammar::ClauseContext* ctx) {
    Item item = make_item(bc, ItemKind::Clause, ctx);
    item.key = bc.text(ctx->key);
    item.key_range = bc.range(ctx->key);
    if (ctx->name != nullptr) {
        item.name = bc.text(ctx->name);
        item.name_range = bc.range(ctx->name);
    }
    if (ctx->block() != nullptr) {
        item.block_form = true;
        item.children = build_block(bc, ctx->block());
    } else {
        item.children = build_clause_items(bc, ctx->clauseItems());
    }
    return item;
}

// equationsBlock: EQUATIONS ':'? '{' sep? (equation sep)* equation? sep? '}'
Item build_equations_block(BuildContext& bc, Grammar::EquationsBlockContext* ctx) {
    Item item = make_item(bc, ItemKind::Equations, ctx);
    for (Grammar::EquationContext* equation : ctx->equation()) {
        item.equations.push_back(build_equation(bc, equation));
    }
    return item;
}

// repeatStmt: REPEAT expr (AS IDENT)? block      forStmt: FOR IDENT IN expr block
// ifStmt: IF expr block (ELSE (block | protocolStmt))?
bool build_compound_stmt(BuildContext& bc, Grammar::ProtocolStmtContext* ctx, Item& item) {
    if (auto* repeat = dynamic_cast<Grammar::RepeatStmtContext*>(ctx)) {
        item.kind = ItemKind::Repeat;
        item.exprs.push_back(build_expr(bc, repeat->expr()));
        set_name(bc, item, repeat->IDENT());
        item.children = build_block(bc, repeat->block());
    } else if (auto* loop = dynamic_cast<Grammar::ForStmtContext*>(ctx)) {
        item.kind = ItemKind::For;
        set_name(bc, item, loop->IDENT());
        item.exprs.push_back(build_expr(bc, loop->expr()));
        item.children = build_block(bc, loop->block());
    } else if (auto* branch = dynamic_cast<Grammar::IfStmtContext*>(ctx)) {
        item.kind = ItemKind::If;
        item.exprs.push_back(build_expr(bc, branch->expr()));
        item.children = build_block(bc, branch->block(0));
        item.has_else = branch->ELSE() != nullptr;
        if (branch->block().size() > 1) {
            item.else_children = build_block(bc, branch->block(1));
        } else if (branch->protocolStmt() != nullptr) {
            item.else_children.push_back(build_protocol_stmt(bc, branch->protocolStmt()));
        }
    } else {
        return false;
    }
    return true;
}

void add_exprs(BuildContext& bc, Item& item, const std::vector<Grammar::ExprContext*>& exprs) {
    for (Grammar::ExprContext* expr : exprs) {
        item.exprs.push_back(build_expr(bc, expr));
    }
}

// setStmt: SET stmt ((',' | ';') stmt)*
// freezeStmt / unfreezeStmt / printStmt: KEYWORD expr (',' expr)*
bool build_list_stmt(BuildContext& bc, Grammar::ProtocolStmtContext* ctx, Item& item) {
    if (auto* set = dynamic_cast<Grammar::SetStmtContext*>(ctx)) {
        item.kind = ItemKind::Set;
        for (Grammar::StmtContext* stmt : set->stmt()) {
            item.children.push_back(build_stmt(bc, stmt));
        }
    } else if (auto* freeze = dynamic_cast<Grammar::FreezeStmtContext*>(ctx)) {
        item.kind = ItemKind::Freeze;
        add_exprs(bc, item, freeze->expr());
    } else if (auto* unfreeze = dynamic_cast<Grammar::UnfreezeStmtContext*>(ctx)) {
        item.kind = ItemKind::Unfreeze;
        add_exprs(bc, item, unfreeze->expr());
    } else if (auto* print = dynamic_cast<Grammar::PrintStmtContext*>(ctx)) {
        item.kind = ItemKind::Print;
        add_exprs(bc, item, print->expr());
    } else {
        return false;
    }
    return true;
}

// runStmt: RUN expr body?   trainStmt: TRAIN expr block?   applyStmt: APPLY expr
// analyseStmt: ANALYSE (IDENT '=')? expr   storeStmt: STORE IDENT?   restoreStmt: RESTORE IDENT?
void build_simple_stmt(BuildContext& bc, Grammar::ProtocolStmtContext* ctx, Item& item) {
    Grammar::BodyContext* body = nullptr;
    if (auto* run = dynamic_cast<Grammar::RunStmtContext*>(ctx)) {
        item.kind = ItemKind::Run;
        item.exprs.push_back(build_expr(bc, run->expr()));
        body = run->body();
    } else if (auto* train = dynamic_cast<Grammar::TrainStmtContext*>(ctx)) {
        item.kind = ItemKind::Train;
        item.exprs.push_back(build_expr(bc, train->expr()));
        if (train->block() != nullptr) {  // the forward pass: protocol statements
            item.has_body = true;
            item.children = build_block(bc, train->block());
        }
    } else if (auto* apply = dynamic_cast<Grammar::ApplyStmtContext*>(ctx)) {
        item.kind = ItemKind::Apply;
        item.exprs.push_back(build_expr(bc, apply->expr()));
    } else if (auto* analyse = dynamic_cast<Grammar::AnalyseStmtContext*>(ctx)) {
        item.kind = ItemKind::Analyse;
        set_name(bc, item, analyse->IDENT());
        item.exprs.push_back(build_expr(bc, analyse->expr()));
    } else if (auto* store = dynamic_cast<Grammar::StoreStmtContext*>(ctx)) {
        item.kind = ItemKind::Store;
        set_name(bc, item, store->IDENT());
    } else if (auto* restore = dynamic_cast<Grammar::RestoreStmtContext*>(ctx)) {
        item.kind = ItemKind::Restore;
        // `restore NAME [replay]`: the second word asks for the snapshot's random numbers again
        auto words = restore->IDENT();
        if (!words.empty()) set_name(bc, item, words[0]);
        if (words.size() > 1) {
            item.key = bc.text(words[1]);
            item.key_range = bc.range(words[1]);
        }
    }
    if (body != nullptr) {
        item.has_body = true;
        item.children = build_body(bc, body);
    }
}

}  // namespace

Item build_protocol_stmt(BuildContext& bc, Grammar::ProtocolStmtContext* ctx) {
    Item item = make_item(bc, ItemKind::Run, ctx);
    if (!build_compound_stmt(bc, ctx, item) && !build_list_stmt(bc, ctx, item)) {
        build_simple_stmt(bc, ctx, item);
    }
    return item;
}

std::vector<Item> build_clause_items(BuildContext& bc, Grammar::ClauseItemsContext* ctx) {
    std::vector<Item> items;
    for (Grammar::ClauseItemContext* item : ctx->clauseItem()) {
        items.push_back(build_stmt(bc, item->stmt()));
    }
    return items;
}

// bodyItem: equationsBlock | clause | stmt
std::vector<Item> build_body(BuildContext& bc, Grammar::BodyContext* ctx) {
    std::vector<Item> items;
    for (Grammar::BodyItemContext* item : ctx->bodyItem()) {
        if (item->equationsBlock() != nullptr) {
            items.push_back(build_equations_block(bc, item->equationsBlock()));
        } else if (item->clause() != nullptr) {
            items.push_back(build_clause(bc, item->clause()));
        } else {
            items.push_back(build_stmt(bc, item->stmt()));
        }
    }
    return items;
}

// blockItem: protocolStmt | clause | stmt
std::vector<Item> build_block(BuildContext& bc, Grammar::BlockContext* ctx) {
    std::vector<Item> items;
    for (Grammar::BlockItemContext* item : ctx->blockItem()) {
        if (item->protocolStmt() != nullptr) {
            items.push_back(build_protocol_stmt(bc, item->protocolStmt()));
        } else if (item->clause() != nullptr) {
            items.push_back(build_clause(bc, item->clause()));
        } else {
            items.push_back(build_stmt(bc, item->stmt()));
        }
    }
    return items;
}

}  // namespace nj::parse
