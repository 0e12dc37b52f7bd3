// Builds Brian2 equation lines, their flags and unit specifications from the parse tree.
#include "compiler/parse/build_ast.h"

#include "compiler/parse/literals.h"
#include "compiler/support/diagnostic_engine.h"

namespace nj::parse {

namespace {

using units::Rational;

void flatten_unit_spec(BuildContext& bc, Grammar::UnitSpecContext* ctx, Rational scale,
                       std::vector<ast::UnitFactor>& out);

// unitFactor: (IDENT | NUMBER) ('**' '-'? NUMBER)? | '(' unitSpec ')' ('**' '-'? NUMBER)?
void flatten_unit_factor(BuildContext& bc, Grammar::UnitFactorContext* ctx, Rational scale,
                         std::vector<ast::UnitFactor>& out) {
    Rational exponent = scale * build_exponent(bc, ctx->sign, ctx->exponent);
    if (ctx->unitSpec() != nullptr) {
        flatten_unit_spec(bc, ctx->unitSpec(), exponent, out);
        return;
    }
    antlr4::Token* name = ctx->IDENT() != nullptr ? ctx->IDENT()->getSymbol()
                                                  : ctx->NUMBER(0)->getSymbol();
    out.push_back(ast::UnitFactor{bc.text(name), exponent, bc.range(ctx)});
}

// unitSpec: unitFactor (op=('*' | '/') unitFactor)*   — `a/b*c` is (a/b)*c, so each factor's
// sign depends only on the operator written right before it.
void flatten_unit_spec(BuildContext& bc, Grammar::UnitSpecContext* ctx, Rational scale,
                       std::vector<ast::UnitFactor>& out) {
    Rational sign = 1;
    for (antlr4::tree::ParseTree* child : ctx->children) {
        if (auto* op = dynamic_cast<antlr4::tree::TerminalNode*>(child)) {
            sign = bc.text(op) == "/" ? Rational(-1) : Rational(1);
        } else if (auto* factor = dynamic_cast<Grammar::UnitFactorContext*>(child)) {
            flatten_unit_factor(bc, factor, scale * sign, out);
        }
    }
}

// flag: IDENT ('-'? IDENT)*   — words joined by one space, or by '-' where written.
ast::Flag build_flag(BuildContext& bc, Grammar::FlagContext* ctx) {
    ast::Flag flag{"", bc.range(ctx)};
    bool joined = true;
    for (antlr4::tree::ParseTree* child : ctx->children) {
        std::string word = bc.text(dynamic_cast<antlr4::tree::TerminalNode*>(child));
        if (word == "-") {
            flag.text += word;
            joined = true;
            continue;
        }
        flag.text += (joined ? "" : " ") + word;
        joined = false;
    }
    return flag;
}

// flags: '(' flag (',' flag)* ')'
std::vector<ast::Flag> build_flags(BuildContext& bc, Grammar::FlagsContext* ctx) {
    std::vector<ast::Flag> flags;
    if (ctx != nullptr) {
        for (Grammar::FlagContext* flag : ctx->flag()) {
            flags.push_back(build_flag(bc, flag));
        }
    }
    return flags;
}

// lhsD=IDENT '/' lhsT=IDENT '=' expr ':' unitSpec flags?   # differentialEquation
void build_differential(BuildContext& bc, Grammar::DifferentialEquationContext* ctx,
                        ast::Equation& eq) {
    eq.kind = ast::Equation::Kind::Differential;
    std::string d = bc.text(ctx->lhsD);
    support::SourceRange d_range = bc.range(ctx->lhsD);
    if (d.size() < 2 || d[0] != 'd' || bc.text(ctx->lhsT) != "dt") {
        bc.failed = true;
        bc.diags
            .report(support::DiagCode::SyntaxExpected, bc.ranges.span(ctx->lhsD, ctx->lhsT),
                    "expected 'dX/dt' on the left of a differential equation")
            .help("a derivative is written with respect to time, e.g. 'dv/dt = -v / tau : volt'");
    }
    eq.name = d.size() > 1 ? d.substr(1) : d;
    eq.name_range = {d_range.file, std::min(d_range.begin + 1, d_range.end), d_range.end};
    eq.rhs = build_expr(bc, ctx->expr());
    eq.unit = build_unit_spec(bc, ctx->unitSpec());
    eq.flags = build_flags(bc, ctx->flags());
}

}  // namespace

units::Rational build_exponent(BuildContext& bc, antlr4::Token* sign, antlr4::Token* number) {
    if (number == nullptr) {
        return 1;
    }
    std::string text = bc.text(number);
    std::optional<double> value = parse_number(text);
    std::optional<Rational> exponent =
        value ? units::rational_from_double(sign != nullptr ? -*value : *value) : std::nullopt;
    if (!exponent) {
        bc.failed = true;
        bc.diags.report(support::DiagCode::UnitsPower, bc.range(number),
                        "the exponent " + text + " is not a simple fraction")
            .help("write a whole number or a fraction such as 0.5 or 1.5");
        return 1;
    }
    return *exponent;
}

ast::UnitSpec build_unit_spec(BuildContext& bc, Grammar::UnitSpecContext* ctx) {
    ast::UnitSpec spec;
    spec.range = bc.range(ctx);
    flatten_unit_spec(bc, ctx, 1, spec.factors);
    return spec;
}

ast::Equation build_equation(BuildContext& bc, Grammar::EquationContext* ctx) {
    ast::Equation eq;
    eq.range = bc.range(ctx);
    if (auto* diff = dynamic_cast<Grammar::DifferentialEquationContext*>(ctx)) {
        build_differential(bc, diff, eq);
        return eq;
    }
    if (auto* sub = dynamic_cast<Grammar::SubexpressionEquationContext*>(ctx)) {
        eq.kind = ast::Equation::Kind::Subexpression;
        eq.name = bc.text(sub->IDENT());
        eq.name_range = bc.range(sub->IDENT());
        eq.rhs = build_expr(bc, sub->expr());
        eq.unit = build_unit_spec(bc, sub->unitSpec());
        eq.flags = build_flags(bc, sub->flags());
        return eq;
    }
    auto* param = dynamic_cast<Grammar::ParameterEquationContext*>(ctx);
    eq.kind = ast::Equation::Kind::Parameter;
    eq.name = bc.text(param->IDENT());
    eq.name_range = bc.range(param->IDENT());
    eq.unit = build_unit_spec(bc, param->unitSpec());
    eq.flags = build_flags(bc, param->flags());
    return eq;
}

}  // namespace nj::parse
