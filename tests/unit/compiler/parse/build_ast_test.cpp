// Tests build_ast: expressions, equations, unit specs, items and declarations built from text.
#include "parse_helpers.h"

#include <doctest/doctest.h>

using nj::parse::testing::dump;
using nj::parse::testing::expr;
using nj::parse::testing::parse;
using nj::parse::testing::Parsed;
namespace ast = nj::ast;

TEST_CASE("build_ast: arithmetic follows the usual precedence") {
    CHECK(expr("a + b * c") == "(a + (b * c))");
    CHECK(expr("a * b + c") == "((a * b) + c)");
    CHECK(expr("a - b - c") == "((a - b) - c)");
    CHECK(expr("a / b / c") == "((a / b) / c)");
    CHECK(expr("a // b % c @ d") == "(((a // b) % c) @ d)");
    CHECK(expr("(a + b) * c") == "((a + b) * c)");
}

TEST_CASE("build_ast: power is right-associative and binds tighter than unary minus") {
    CHECK(expr("a ** b ** c") == "(a ** (b ** c))");
    CHECK(expr("-x**2") == "(-(x ** 2))");
    CHECK(expr("2 ** -1") == "(2 ** (-1))");
    CHECK(expr("x ** -y ** 2") == "(x ** (-(y ** 2)))");
    CHECK(expr("-a * b") == "((-a) * b)");
    CHECK(expr("+a") == "(+a)");
}

TEST_CASE("build_ast: comparisons and logic bind looser than arithmetic") {
    CHECK(expr("a + 1 > b * 2") == "((a + 1) > (b * 2))");
    CHECK(expr("a < b and c >= d or not e") == "(((a < b) and (c >= d)) or (not e))");
    CHECK(expr("a or b or c") == "((a or b) or c)");
    CHECK(expr("not not a == b") == "(not (not (a == b)))");
    CHECK(expr("a != b") == "(a != b)");
    CHECK(expr("1 .. n + 1") == "(1 .. (n + 1))");
}

TEST_CASE("build_ast: a quantity literal keeps its unit and exponent") {
    CHECK(expr("20 ms") == "(20 ms)");
    CHECK(expr("1 metre**-1") == "(1 metre**-1)");
    CHECK(expr("4 Hz**0.5") == "(4 Hz**(1/2))");
    CHECK(expr("1_000 * 2.5e-3") == "(1000 * 0.0025)");
    CHECK(expr(".5") == "0.5");

    Parsed p = parse("param x = 1 metre**-2\n");
    REQUIRE(p.model);
    const auto& value = *std::get<ast::ParamDecl>(p.model->items[0]).value;
    CHECK(value.kind == ast::ExprKind::Quantity);
    CHECK(value.number == 1.0);
    CHECK(value.text == "metre");
    CHECK(value.exponent == nj::units::Rational(-2));
    CHECK(p.text(value.range) == "1 metre**-2");
}

TEST_CASE("build_ast: literals of every kind") {
    CHECK(expr("true") == "true");
    CHECK(expr("False") == "false");
    CHECK(expr(R"("a\"b\\c\n")") == R"("a\"b\\c\n")");
    CHECK(expr("[1, x, 3,]") == "[1, x, 3]");
    CHECK(expr("[]") == "[]");
}

TEST_CASE("build_ast: calls, keyword arguments, slices and pathways") {
    CHECK(expr("f()") == "f()");
    CHECK(expr("state(E, v, record = 0:10)") == "state(E, v, record = 0:10)");
    CHECK(expr("f(:5, 2:)") == "f(:5, 2:)");
    CHECK(expr("f(:)") == "f(:)");
    CHECK(expr("STDP(E -> I)") == "STDP(E -> I)");
    CHECK(expr("Gap(A <-> B)") == "Gap(A <-> B)");

    Parsed p = parse("group g = f(a, p = 0.1)\n");
    REQUIRE(p.model);
    const auto& call = *std::get<ast::InstanceDecl>(p.model->items[0]).value;
    CHECK(call.kind == ast::ExprKind::Call);
    REQUIRE(call.children.size() == 3);
    CHECK(call.arg_names == std::vector<std::string>{"", "p"});
}

TEST_CASE("build_ast: indexing, members, primes and generators") {
    CHECK(expr("E[0:800]") == "E[0:800]");
    CHECK(expr("W[j, i]") == "W[j, i]");
    CHECK(expr("W[:, 3]") == "W[:, 3]");
    CHECK(expr("E.v[2]") == "E.v[2]");
    CHECK(expr("phi'(x)") == "phi'(x)");
    CHECK(expr("k for k in range(N) if rand() < p") == "(k for k in range(N) if (rand() < p))");
    CHECK(expr("k for k in 0..3") == "(k for k in (0 .. 3))");

    Parsed p = parse("param x = W[:5]\n");
    REQUIRE(p.model);
    const auto& index = *std::get<ast::ParamDecl>(p.model->items[0]).value;
    REQUIRE(index.kind == ast::ExprKind::Index);
    const auto& slice = *index.children[1];
    CHECK(slice.kind == ast::ExprKind::Slice);
    CHECK(slice.children[0] == nullptr);
    CHECK(slice.children[1]->number == 5.0);
}

TEST_CASE("build_ast: equations of all three kinds with flags") {
    Parsed p = parse(
        "neuron N {\n"
        "  equations {\n"
        "    dv/dt = (El - v) / tau : volt (unless refractory)\n"
        "    I = g * v : amp (constant over dt, event-driven)\n"
        "    g : siemens (shared)\n"
        "  }\n"
        "}\n");
    REQUIRE(p.model);
    const auto& body = std::get<ast::TypeDecl>(p.model->items[0]).body;
    REQUIRE(body.size() == 1);
    REQUIRE(body[0].kind == ast::ItemKind::Equations);
    const auto& eqs = body[0].equations;
    REQUIRE(eqs.size() == 3);
    CHECK(eqs[0].kind == ast::Equation::Kind::Differential);
    CHECK(eqs[0].name == "v");
    CHECK(p.text(eqs[0].name_range) == "v");
    CHECK(eqs[0].flags.size() == 1);
    CHECK(eqs[0].flags[0].text == "unless refractory");
    CHECK(eqs[1].kind == ast::Equation::Kind::Subexpression);
    CHECK(eqs[1].name == "I");
    REQUIRE(eqs[1].flags.size() == 2);
    CHECK(eqs[1].flags[0].text == "constant over dt");
    CHECK(eqs[1].flags[1].text == "event-driven");
    CHECK(p.text(eqs[1].flags[1].range) == "event-driven");
    CHECK(eqs[2].kind == ast::Equation::Kind::Parameter);
    CHECK(eqs[2].rhs == nullptr);
    CHECK(p.text(eqs[2].range) == "g : siemens (shared)");
}

TEST_CASE("build_ast: unit specs flatten to factors with signed exponents") {
    auto unit_of = [](const std::string& spec) {
        Parsed p = parse("neuron N {\n  equations {\n    x : " + spec + "\n  }\n}\n");
        REQUIRE(p.model);
        const auto& body = std::get<ast::TypeDecl>(p.model->items[0]).body;
        return nj::parse::print_unit(body[0].equations[0].unit);
    };
    CHECK(unit_of("volt") == "volt");
    CHECK(unit_of("volt/second") == "volt * second**-1");
    CHECK(unit_of("siemens/metre**2") == "siemens * metre**-2");
    CHECK(unit_of("1/(volt*second)") == "1 * volt**-1 * second**-1");
    CHECK(unit_of("1") == "1");
    CHECK(unit_of("metre**-1") == "metre**-1");
    CHECK(unit_of("volt/second*amp") == "volt * second**-1 * amp");
    CHECK(unit_of("(metre/second)**2") == "metre**2 * second**-2");
    CHECK(unit_of("1/(metre**2/second)**0.5") == "1 * metre**-1 * second**(1/2)");
}

TEST_CASE("build_ast: clauses in both forms and statements") {
    Parsed p = parse(
        "synapse S {\n"
        "  on_pre: g += w; w = clip(w, 0, 1)\n"
        "  on_pre slow: v -= w\n"
        "  on_post { w *= 0.5\n w /= 2 }\n"
        "  delay: 1 ms\n"
        "}\n");
    REQUIRE(p.model);
    const auto& body = std::get<ast::TypeDecl>(p.model->items[0]).body;
    REQUIRE(body.size() == 4);
    CHECK(body[0].kind == ast::ItemKind::Clause);
    CHECK(body[0].key == "on_pre");
    CHECK(body[0].name.empty());
    CHECK_FALSE(body[0].block_form);
    REQUIRE(body[0].children.size() == 2);
    CHECK(body[0].children[0].op == ast::AssignOp::Add);
    CHECK(body[1].name == "slow");
    CHECK(p.text(body[1].name_range) == "slow");
    CHECK(body[1].children[0].op == ast::AssignOp::Sub);
    CHECK(body[2].block_form);
    REQUIRE(body[2].children.size() == 2);
    CHECK(body[2].children[0].op == ast::AssignOp::Mul);
    CHECK(body[2].children[1].op == ast::AssignOp::Div);
    CHECK(body[3].children[0].kind == ast::ItemKind::ExprStmt);
}

TEST_CASE("build_ast: every top-level declaration form") {
    CHECK(dump("import \"lib/lif.nj\" as lif\n") == "import \"lib/lif.nj\" as lif\n");
    CHECK(dump("import \"a.nj\"\n") == "import \"a.nj\"\n");
    CHECK(dump("param tau : second = 20 ms { bounds: 1 ms .. 2 ms }\n") ==
          "param tau : second = (20 ms)\n  clause bounds: ((1 ms) .. (2 ms))\n");
    CHECK(dump("let r = a / b\n") == "let r = (a / b)\n");
    CHECK(dump("mode fast extends a, b { n = 1 }\n") == "mode fast extends a, b\n  n = 1\n");
    CHECK(dump("function f(x : volt, y) : volt = x * y\n") ==
          "function f(x : volt, y) : volt = (x * y)\n");
    CHECK(dump("neuron A { threshold: v > 1 }\n") == "neuron A\n  clause threshold: (v > 1)\n");
    CHECK(dump("synapse S { w = 1 }\n") == "synapse S\n  w = 1\n");
    CHECK(dump("group E = LIF(10) { init: v = 0 }\n") ==
          "group E = LIF(10)\n  clause init: v = 0\n");
    CHECK(dump("group G()\n") == "group G()\n");
    CHECK(dump("poisson P(10, rate = 5 Hz)\n") == "poisson P(10, rate = (5 Hz))\n");
    CHECK(dump("dt: 0.1 ms\n") == "setting dt: (0.1 ms)\n");
    CHECK(dump("schedule: a, b; c\n") == "setting schedule: a; b; c\n");
}

TEST_CASE("build_ast: instance declarations keep both forms apart") {
    Parsed p = parse("poisson P(10, rate = 5 Hz) { x = 1 }\ngroup E1 = E[0:8]\n");
    REQUIRE(p.model);
    const auto& poisson = std::get<ast::InstanceDecl>(p.model->items[0]);
    CHECK(poisson.kind == "poisson");
    CHECK(poisson.name == "P");
    CHECK(poisson.call_form);
    CHECK(poisson.args.size() == 2);
    CHECK(poisson.arg_names == std::vector<std::string>{"", "rate"});
    CHECK(poisson.has_body);
    CHECK(poisson.value == nullptr);
    const auto& sub = std::get<ast::InstanceDecl>(p.model->items[1]);
    CHECK_FALSE(sub.call_form);
    CHECK_FALSE(sub.has_body);
    REQUIRE(sub.value != nullptr);
    CHECK(sub.value->kind == ast::ExprKind::Index);
}

TEST_CASE("build_ast: every protocol statement") {
    CHECK(dump("run 1 s\n") == "run (1 s)\n");
    CHECK(dump("run 1 s { dt: 1 ms }\n") == "run (1 s)\n  clause dt: (1 ms)\n");
    CHECK(dump("repeat 3 as k { run 1 s }\n") == "repeat 3 as k\n  run (1 s)\n");
    CHECK(dump("repeat n { }\n") == "repeat n\n");
    CHECK(dump("for i in 0..3 { print i }\n") == "for i in (0 .. 3)\n  print i\n");
    CHECK(dump("if a { run 1 s }\n") == "if a\n  run (1 s)\n");
    CHECK(dump("set a = 1, b += 2, c = 3\n") == "set a = 1; b += 2; c = 3\n");
    CHECK(dump("freeze A, B\n") == "freeze A, B\n");
    CHECK(dump("unfreeze A\n") == "unfreeze A\n");
    CHECK(dump("store\nstore s\n") == "store\nstore s\n");
    CHECK(dump("restore\nrestore s\n") == "restore\nrestore s\n");
    CHECK(dump("analyse m = f(x)\nanalyze g(y)\n") == "analyse m = f(x)\nanalyse g(y)\n");
    CHECK(dump("apply rls(W)\n") == "apply rls(W)\n");
    CHECK(dump("train loss(x) { epochs: 3 }\n") == "train loss(x)\n  clause epochs: 3\n");
    CHECK(dump("print a, \"b\"\n") == "print a, \"b\"\n");
}

TEST_CASE("build_ast: else if chains nest an If in the else branch") {
    Parsed p = parse("if a { run 1 s } else if b { run 2 s } else { store }\n");
    REQUIRE(p.model);
    const auto& outer = std::get<ast::Item>(p.model->items[0]);
    CHECK(outer.kind == ast::ItemKind::If);
    CHECK(outer.has_else);
    REQUIRE(outer.else_children.size() == 1);
    const auto& inner = outer.else_children[0];
    CHECK(inner.kind == ast::ItemKind::If);
    CHECK(inner.has_else);
    REQUIRE(inner.else_children.size() == 1);
    CHECK(inner.else_children[0].kind == ast::ItemKind::Store);
    CHECK(p.text(inner.range) == "if b { run 2 s } else { store }");
}

TEST_CASE("build_ast: items record what their statements say") {
    Parsed p = parse("repeat 2 as trial { set x = 1 }\nanalyse m = f(x)\nstore snap\n");
    REQUIRE(p.model);
    const auto& repeat = std::get<ast::Item>(p.model->items[0]);
    CHECK(repeat.kind == ast::ItemKind::Repeat);
    CHECK(repeat.name == "trial");
    CHECK(p.text(repeat.name_range) == "trial");
    REQUIRE(repeat.children.size() == 1);
    CHECK(repeat.children[0].kind == ast::ItemKind::Set);
    CHECK(repeat.children[0].children[0].kind == ast::ItemKind::Assign);
    const auto& analyse = std::get<ast::Item>(p.model->items[1]);
    CHECK(analyse.name == "m");
    CHECK(analyse.exprs.size() == 1);
    CHECK(std::get<ast::Item>(p.model->items[2]).name == "snap");
}

TEST_CASE("build_ast: nodes carry the line and column they were written at") {
    Parsed p = parse(
        "param tau = 20 ms\n"
        "neuron LIF {\n"
        "  equations {\n"
        "    dv/dt = (El - v) / tau : volt\n"
        "  }\n"
        "  threshold: v > Vt\n"
        "}\n");
    REQUIRE(p.model);
    const auto& param = std::get<ast::ParamDecl>(p.model->items[0]);
    CHECK(p.where(param.range) == "1:1");
    CHECK(p.where(param.value->range) == "1:13");
    CHECK(p.text(param.range) == "param tau = 20 ms");
    const auto& type = std::get<ast::TypeDecl>(p.model->items[1]);
    CHECK(p.where(type.name_range) == "2:8");
    const auto& eq = type.body[0].equations[0];
    CHECK(p.where(eq.range) == "4:5");
    CHECK(p.where(eq.name_range) == "4:6");
    CHECK(p.where(eq.rhs->range) == "4:13");
    CHECK(p.text(eq.rhs->range) == "(El - v) / tau");
    CHECK(p.text(eq.rhs->children[0]->range) == "El - v");
    CHECK(p.where(eq.unit.range) == "4:30");
    const auto& clause = type.body[1];
    CHECK(p.where(clause.key_range) == "6:3");
    CHECK(p.text(clause.children[0].range) == "v > Vt");
    CHECK(p.text(nj::ast::range_of(p.model->items[1])).substr(0, 12) == "neuron LIF {");
}

TEST_CASE("build_ast: a derivative not with respect to t is reported at the left side") {
    Parsed p = parse("neuron N {\n  equations {\n    dv/dx = -v : volt\n  }\n}\n");
    CHECK_FALSE(p.model);
    REQUIRE(p.diags->diagnostics().size() == 1);
    const auto& d = p.diags->diagnostics()[0];
    CHECK(d.code == nj::support::DiagCode::SyntaxExpected);
    CHECK(d.message == "expected 'dX/dt' on the left of a differential equation");
    CHECK(p.text(d.range) == "dv/dx");
    CHECK_FALSE(parse("neuron N { equations { v/dt = 1 : volt } }\n").model);
    CHECK_FALSE(parse("neuron N { equations { d/dt = 1 : volt } }\n").model);
}

TEST_CASE("build_ast: unit exponents must be simple fractions") {
    Parsed p = parse("neuron N { equations { x : metre**0.123 } }\n");
    CHECK_FALSE(p.model);
    REQUIRE(p.diags->diagnostics().size() == 1);
    CHECK(p.diags->diagnostics()[0].code == nj::support::DiagCode::UnitsPower);
}
