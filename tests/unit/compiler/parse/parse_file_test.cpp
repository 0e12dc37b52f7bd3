// Tests parse_file and parse_expression: line structure, comments, encodings and the sample.
#include "parse_helpers.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using nj::parse::testing::dump;
using nj::parse::testing::messages;
using nj::parse::testing::parse;
using nj::parse::testing::Parsed;
namespace ast = nj::ast;

TEST_CASE("parse_file: newlines inside brackets are ignored") {
    CHECK(dump("param x = (1 +\n    2)\n") == "param x = (1 + 2)\n");
    CHECK(dump("poisson P(10,\n  rate = 5 Hz\n)\n") == "poisson P(10, rate = (5 Hz))\n");
    CHECK(dump("param w = [1,\n 2,\n 3]\n") == "param w = [1, 2, 3]\n");
}

TEST_CASE("parse_file: a trailing backslash continues a line") {
    CHECK(dump("param x = 1 + \\\n    2\n") == "param x = (1 + 2)\n");
    CHECK(dump("param x = 1 + \\  \r\n    2\r\n") == "param x = (1 + 2)\n");
}

TEST_CASE("parse_file: comments, blank lines and semicolons separate nothing extra") {
    CHECK(dump("# heading\n\n\nparam a = 1   # trailing\n\n# last\n") == "param a = 1\n");
    CHECK(dump("param a = 1; param b = 2;\n") == "param a = 1\nparam b = 2\n");
    CHECK(dump("neuron N {\n  # comment\n\n  threshold: v > 1  # why\n\n}\n") ==
          "neuron N\n  clause threshold: (v > 1)\n");
    CHECK(dump("run 1 s") == "run (1 s)\n");
}

TEST_CASE("parse_file: an empty file or one with only comments is an empty model") {
    Parsed empty = parse("");
    REQUIRE(empty.model);
    CHECK(empty.model->items.empty());
    CHECK(empty.model->file == empty.file);
    Parsed comments = parse("# nothing\n\n# here\n");
    REQUIRE(comments.model);
    CHECK(comments.model->items.empty());
}

TEST_CASE("parse_file: ranges are byte offsets even after non-ASCII text") {
    Parsed p = parse("# τ in µs and Ω\nparam µx = 5 µs  # Ω\nparam y = µx\n");
    REQUIRE(p.model);
    const auto& first = std::get<ast::ParamDecl>(p.model->items[0]);
    CHECK(first.name == "µx");
    CHECK(p.text(first.name_range) == "µx");
    CHECK(p.where(first.name_range) == "2:7");
    CHECK(p.text(first.value->range) == "5 µs");
    CHECK(first.value->text == "µs");
    const auto& second = std::get<ast::ParamDecl>(p.model->items[1]);
    CHECK(p.where(second.range) == "3:1");
    CHECK(p.text(second.value->range) == "µx");
    CHECK(p.where(second.value->range) == "3:11");
}

TEST_CASE("parse_file: a UTF-8 byte-order mark is skipped but offsets stay in the file") {
    Parsed p = parse("\xEF\xBB\xBFparam x = 1\n");
    REQUIRE(p.model);
    const auto& param = std::get<ast::ParamDecl>(p.model->items[0]);
    CHECK(param.range.begin == 3);
    CHECK(p.text(param.range) == "param x = 1");
}

TEST_CASE("parse_file: text that is not UTF-8 is refused with its position") {
    Parsed p = parse("param x = 1 # \xB5s\n");
    CHECK_FALSE(p.model);
    REQUIRE(p.diags->diagnostics().size() == 1);
    const auto& d = p.diags->diagnostics()[0];
    CHECK(d.code == nj::support::DiagCode::SyntaxInvalidToken);
    CHECK(d.range.begin == 14);
}

TEST_CASE("parse_file: the sample model exercising the whole grammar parses cleanly") {
    std::ifstream in(NJ_TEST_DATA_DIR "/unit/compiler/parse/sample.nj", std::ios::binary);
    REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    Parsed p = parse(text.str());
    CHECK(messages(text.str()).empty());
    REQUIRE(p.model);
    CHECK(p.model->items.size() == 37);
    std::string out = nj::parse::print_ast(*p.model, *p.sources);
    CHECK(out.find("dv/dt = (((El - v) + I_syn) / tau_m) : volt (unless refractory)") !=
          std::string::npos);
    CHECK(out.find("clause on_post (block)") != std::string::npos);
    CHECK(out.find("print (((((1 + 2) ** (-(x ** 2))) // 3) % 4) @ M)") != std::string::npos);
}

TEST_CASE("parse_file: garbage never throws and always ends in diagnostics") {
    for (const char* text : {")))", "}{", "neuron", "param", "if {", "\"", "[[[", "= = =",
                             "neuron N { equations { dv/dt } }", "run 1 s {", "\x01\x02",
                             "group E = ", "synapse S { on_pre { } else }", "a.b.c"}) {
        CAPTURE(text);
        Parsed p = parse(text);
        CHECK_FALSE(p.model);
        CHECK(p.diags->has_errors());
    }
}

TEST_CASE("parse_file: absurdly deep nesting is refused instead of exhausting the stack") {
    std::string deep = "param x = " + std::string(3000, '(') + "1" + std::string(3000, ')');
    Parsed p = parse(deep);
    CHECK_FALSE(p.model);
    REQUIRE(p.diags->diagnostics().size() == 1);
    CHECK(p.diags->diagnostics()[0].message == "brackets or operators are nested too deeply here");
    CHECK_FALSE(parse("param x = " + std::string(3000, '-') + "1").model);
    std::string moderate = "param x = " + std::string(100, '(') + "1" + std::string(100, ')');
    CHECK(parse(moderate).model);
}

TEST_CASE("parse_expression: reads one expression such as a --set value") {
    nj::support::SourceManager sources;
    nj::support::DiagnosticEngine diags(sources);
    auto file = sources.add_buffer("--set tau_m", "10 ms");
    ast::ExprPtr value = nj::parse::parse_expression(file, sources, diags);
    REQUIRE(value);
    CHECK(value->kind == ast::ExprKind::Quantity);
    CHECK(value->number == 10.0);
    CHECK(value->text == "ms");
    CHECK(value->range.begin == 0);
    CHECK(value->range.end == 5);
    CHECK_FALSE(diags.has_errors());
}

TEST_CASE("parse_expression: anything after the expression is an error") {
    nj::support::SourceManager sources;
    nj::support::DiagnosticEngine diags(sources);
    CHECK(nj::parse::parse_expression(sources.add_buffer("a", "1 +"), sources, diags) == nullptr);
    CHECK(nj::parse::parse_expression(sources.add_buffer("b", "1 2"), sources, diags) == nullptr);
    CHECK(nj::parse::parse_expression(sources.add_buffer("c", ""), sources, diags) == nullptr);
    CHECK(nj::parse::parse_expression(sources.add_buffer("d", "x = 1"), sources, diags) ==
          nullptr);
    CHECK(diags.error_count() == 4);
    CHECK(diags.diagnostics()[0].message == "expected an expression after '+'");
}
