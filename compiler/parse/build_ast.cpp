// Builds the top-level declarations of a model file (import, param, mode, neuron, group, ...).
#include "compiler/parse/build_ast.h"

#include "compiler/parse/literals.h"

namespace nj::parse {

namespace {

std::optional<ast::UnitSpec> optional_unit(BuildContext& bc, Grammar::UnitSpecContext* ctx) {
    if (ctx == nullptr) {
        return std::nullopt;
    }
    return build_unit_spec(bc, ctx);
}

// importDecl: IMPORT STRING (AS IDENT)?
ast::ImportDecl build_import(BuildContext& bc, Grammar::ImportDeclContext* ctx) {
    ast::ImportDecl decl;
    decl.range = bc.range(ctx);
    decl.path = unescape_string(bc.text(ctx->STRING()));
    decl.path_range = bc.range(ctx->STRING());
    if (ctx->IDENT() != nullptr) {
        decl.alias = bc.text(ctx->IDENT());
    }
    return decl;
}

// paramDecl: PARAM IDENT (':' unitSpec)? '=' expr body?
ast::ParamDecl build_param(BuildContext& bc, Grammar::ParamDeclContext* ctx) {
    ast::ParamDecl decl;
    decl.range = bc.range(ctx);
    decl.name = bc.text(ctx->IDENT());
    decl.name_range = bc.range(ctx->IDENT());
    decl.unit = optional_unit(bc, ctx->unitSpec());
    decl.value = build_expr(bc, ctx->expr());
    if (ctx->body() != nullptr) {
        decl.body = build_body(bc, ctx->body());
    }
    return decl;
}

// letDecl: LET IDENT (':' unitSpec)? '=' expr
ast::ParamDecl build_let(BuildContext& bc, Grammar::LetDeclContext* ctx) {
    ast::ParamDecl decl;
    decl.is_let = true;
    decl.range = bc.range(ctx);
    decl.name = bc.text(ctx->IDENT());
    decl.name_range = bc.range(ctx->IDENT());
    decl.unit = optional_unit(bc, ctx->unitSpec());
    decl.value = build_expr(bc, ctx->expr());
    return decl;
}

// modeDecl: MODE IDENT (EXTENDS IDENT (',' IDENT)*)? block
ast::ModeDecl build_mode(BuildContext& bc, Grammar::ModeDeclContext* ctx) {
    ast::ModeDecl decl;
    decl.range = bc.range(ctx);
    std::vector<antlr4::tree::TerminalNode*> names = ctx->IDENT();
    decl.name = bc.text(names[0]);
    decl.name_range = bc.range(names[0]);
    for (size_t i = 1; i < names.size(); ++i) {
        decl.bases.emplace_back(bc.text(names[i]), bc.range(names[i]));
    }
    decl.items = build_block(bc, ctx->block());
    return decl;
}

// functionDecl: FUNCTION IDENT '(' (formal (',' formal)*)? ')' (':' unitSpec)? '=' expr
// formal: IDENT (':' unitSpec)?
ast::FunctionDecl build_function(BuildContext& bc, Grammar::FunctionDeclContext* ctx) {
    ast::FunctionDecl decl;
    decl.range = bc.range(ctx);
    decl.name = bc.text(ctx->IDENT());
    decl.name_range = bc.range(ctx->IDENT());
    for (Grammar::FormalContext* formal : ctx->formal()) {
        decl.formals.push_back(ast::Formal{bc.text(formal->IDENT()), bc.range(formal),
                                           optional_unit(bc, formal->unitSpec())});
    }
    decl.result_unit = optional_unit(bc, ctx->unitSpec());
    decl.body = build_expr(bc, ctx->expr());
    return decl;
}

// typeDecl: kind=(NEURON | SYNAPSE) IDENT body
ast::TypeDecl build_type(BuildContext& bc, Grammar::TypeDeclContext* ctx) {
    ast::TypeDecl decl;
    decl.range = bc.range(ctx);
    decl.kind = ctx->SYNAPSE() != nullptr ? ast::TypeDecl::Kind::Synapse
                                          : ast::TypeDecl::Kind::Neuron;
    decl.name = bc.text(ctx->IDENT());
    decl.name_range = bc.range(ctx->IDENT());
    decl.body = build_body(bc, ctx->body());
    return decl;
}

// instanceDecl: kind=IDENT name=IDENT '=' expr body? | kind=IDENT name=IDENT '(' args? ')' body?
ast::InstanceDecl build_instance(BuildContext& bc, Grammar::InstanceDeclContext* ctx) {
    ast::InstanceDecl decl;
    decl.range = bc.range(ctx);
    decl.kind = bc.text(ctx->kind);
    decl.kind_range = bc.range(ctx->kind);
    decl.name = bc.text(ctx->name);
    decl.name_range = bc.range(ctx->name);
    if (ctx->LPAREN() != nullptr) {
        decl.call_form = true;
        if (ctx->args() != nullptr) {
            build_args(bc, ctx->args(), decl.args, decl.arg_names);
        }
    } else {
        decl.value = build_expr(bc, ctx->expr());
    }
    if (ctx->body() != nullptr) {
        decl.has_body = true;
        decl.body = build_body(bc, ctx->body());
    }
    return decl;
}

// settingDecl: IDENT ':' clauseItems
ast::SettingDecl build_setting(BuildContext& bc, Grammar::SettingDeclContext* ctx) {
    ast::SettingDecl decl;
    decl.range = bc.range(ctx);
    decl.key = bc.text(ctx->IDENT());
    decl.key_range = bc.range(ctx->IDENT());
    decl.items = build_clause_items(bc, ctx->clauseItems());
    return decl;
}

// topItem: importDecl | paramDecl | letDecl | modeDecl | functionDecl | typeDecl
//        | instanceDecl | settingDecl | protocolStmt
ast::TopItem build_top_item(BuildContext& bc, Grammar::TopItemContext* ctx) {
    if (ctx->importDecl() != nullptr) return build_import(bc, ctx->importDecl());
    if (ctx->paramDecl() != nullptr) return build_param(bc, ctx->paramDecl());
    if (ctx->letDecl() != nullptr) return build_let(bc, ctx->letDecl());
    if (ctx->modeDecl() != nullptr) return build_mode(bc, ctx->modeDecl());
    if (ctx->functionDecl() != nullptr) return build_function(bc, ctx->functionDecl());
    if (ctx->typeDecl() != nullptr) return build_type(bc, ctx->typeDecl());
    if (ctx->instanceDecl() != nullptr) return build_instance(bc, ctx->instanceDecl());
    if (ctx->settingDecl() != nullptr) return build_setting(bc, ctx->settingDecl());
    return build_protocol_stmt(bc, ctx->protocolStmt());
}

}  // namespace

ast::ModelFile build_model_file(BuildContext& bc, Grammar::ModelFileContext* ctx) {
    ast::ModelFile file;
    file.file = bc.ranges.file();
    for (Grammar::TopItemContext* item : ctx->topItem()) {
        file.items.push_back(build_top_item(bc, item));
    }
    return file;
}

}  // namespace nj::parse
