// Tests SyntaxErrorListener: syntax errors read "expected X after Y" in the user's words.
#include "parse_helpers.h"

#include <doctest/doctest.h>

#include <algorithm>

using nj::parse::testing::messages;
using nj::parse::testing::parse;
using nj::parse::testing::Parsed;
using nj::support::DiagCode;

namespace {

// The single diagnostic a snippet produces (fails the test when there is not exactly one).
nj::support::Diagnostic only_error(const std::string& text) {
    Parsed p = parse(text);
    CHECK_FALSE(p.model);
    REQUIRE(p.diags->diagnostics().size() == 1);
    return p.diags->diagnostics()[0];
}

std::string where(const std::string& text) {
    Parsed p = parse(text);
    REQUIRE_FALSE(p.diags->diagnostics().empty());
    return p.where(p.diags->diagnostics()[0].range);
}

}  // namespace

TEST_CASE("syntax_errors: a missing ')' at the end of the file names the open bracket") {
    auto d = only_error("param x = (1 + 2\n");
    CHECK(d.code == DiagCode::SyntaxExpected);
    CHECK(d.message == "expected ')' to close the '(' at line 1");
    REQUIRE(d.labels.size() == 1);
    CHECK(d.labels[0].text == "this '(' is never closed");
    CHECK(where("param x = (1 + 2\n") == "1:17");
}

TEST_CASE("syntax_errors: a missing ')' before the next statement points at the line end") {
    std::string text = "poisson Bg(100, rate = 5 Hz\nrun 1 s\n";
    CHECK(only_error(text).message == "expected ')' to close the '(' at line 1");
    CHECK(where(text) == "1:28");
    CHECK(only_error("param w = [1, 2\nparam y = 3\n").message ==
          "expected ']' to close the '[' at line 1");
}

TEST_CASE("syntax_errors: a missing '}' names the open brace") {
    CHECK(only_error("neuron LIF {\n  threshold: v > 1\n").message ==
          "expected '}' to close the '{' at line 1");
    CHECK(only_error("neuron A {\n  threshold: v > 1\nneuron B {\n  reset: v = 0\n}\n")
              .message == "expected '}' to close the '{' at line 1");
}

TEST_CASE("syntax_errors: a missing ')' inside a line says what came before") {
    CHECK(only_error("poisson Bg(100 rate = 5 Hz)\n").message ==
          "expected ',' or ')' after '100 rate'");
    CHECK(only_error("param x = [1, 2 3]\n").message == "expected ',' or ']' after '2'");
    CHECK(only_error("param x = f(a b)\n").message == "expected ',' or ')' after 'a'");
}

TEST_CASE("syntax_errors: a missing '=' or ':' is named") {
    CHECK(only_error("param tau_m 20 ms\n").message == "expected ':' or '=' after 'tau_m'");
    CHECK(only_error("neuron N {\n  equations {\n    dv/dt = -v/tau volt\n  }\n}\n").message ==
          "expected ':' after '-v/tau'");
    CHECK(only_error("neuron A {\n  threshold v > Vt\n}\n").message ==
          "expected ':' or '{' after 'threshold v'");
    CHECK(only_error("neuron LIF\n").message == "expected '{' after 'LIF'");
}

TEST_CASE("syntax_errors: an operator at the end of a line wants an expression") {
    auto d = only_error("param x = 2 +\nrun 1 s\n");
    CHECK(d.message == "expected an expression after '+'");
    CHECK(d.code == DiagCode::SyntaxExpected);
    CHECK(where("param x = 2 +\nrun 1 s\n") == "1:14");
    CHECK(only_error("param x =\n").message == "expected an expression after '='");
    CHECK(only_error("run\n").message == "expected an expression after 'run'");
}

TEST_CASE("syntax_errors: one token too many is unexpected") {
    CHECK(only_error("neuron A {\n  threshold: v > 10 mV mV\n}\n").message ==
          "unexpected 'mV' here");
    CHECK(only_error("param x = 3, 4\n").message == "unexpected ',' here");
    CHECK(only_error("param x = a < b < c\n").message == "unexpected '<' here");
}

TEST_CASE("syntax_errors: a stray character is an invalid token") {
    auto d = only_error("param x = 3 $\n");
    CHECK(d.code == DiagCode::SyntaxInvalidToken);
    CHECK(d.message == "unexpected character '$'");
    CHECK(where("param x = 3 $\n") == "1:13");
    auto arrow = only_error("param x = a → b\n");
    CHECK(arrow.message == "unexpected character '→'");
    CHECK(arrow.helps == std::vector<std::string>{"write an arrow as '->'"});
    CHECK(only_error("param x = 1\x0b\n").message == "unexpected character U+000B");
}

TEST_CASE("syntax_errors: an unterminated string is reported once") {
    auto d = only_error("import \"lib/lif.nj\nparam x = 1\n");
    CHECK(d.code == DiagCode::SyntaxUnterminatedString);
    CHECK(d.message == "string is not closed before the end of the line");
    CHECK(where("import \"lib/lif.nj\n") == "1:8");
    CHECK(only_error("print \"a\\\nrun 1 s\n").code == DiagCode::SyntaxUnterminatedString);
}

TEST_CASE("syntax_errors: a keyword used as a name says so") {
    auto d = only_error("param run = 3\n");
    CHECK(d.code == DiagCode::SyntaxExpected);
    CHECK(d.message == "expected a name after 'param', but 'run' is a keyword");
    CHECK(only_error("for in in x { }\n").message ==
          "expected a name after 'for', but 'in' is a keyword");
}

TEST_CASE("syntax_errors: common slips get a help line") {
    auto quote = only_error("import 'lib.nj'\n");
    CHECK(quote.message == "expected a string after 'import'");
    CHECK(quote.helps == std::vector<std::string>{"write strings in double quotes: \"...\""});
    auto branch = only_error("run 1 s\nelse {\n  run 2 s\n}\n");
    CHECK(branch.message == "unexpected 'else' here");
    CHECK(branch.helps.size() == 1);
    auto assign = only_error("x = 3\n");
    CHECK(assign.message == "expected a name or ':' after 'x'");
    REQUIRE(assign.helps.size() == 1);
    CHECK(assign.helps[0] == "declare a value at the top of a file with 'param x = ...' or 'let'");
    CHECK(only_error("param x : = 3\n").message == "expected a unit after ':'");
}

TEST_CASE("syntax_errors: at most one error per line, and each line reports its own") {
    std::vector<std::string> got = messages(
        "param x = = 3\n"
        "param y = ) 4 )\n"
        "param z = 3 3 3 3\n"
        "neuron {}\n"
        "run run run\n"
        "param ok = 1\n");
    CHECK(got == std::vector<std::string>{
                     "expected an expression after '='",
                     "expected an expression after '='",
                     "unexpected '3' here",
                     "expected a name after 'neuron'",
                     "expected an expression after 'run'",
                 });
}

TEST_CASE("syntax_errors: no message uses parser-generator wording") {
    const char* cases[] = {
        "param x = (1 + 2\n", "param tau 20 ms\n", "param x = 2 +\n", "param x = 3 $\n",
        "import \"a\n", "param run = 3\n", "neuron {\n", "x = 3\n", "))) ((( \n",
        "neuron A { equations { dv/dt = : volt } }\n", "run 1 s {\n", "param x = [1,, 2]\n",
        "group E = LIF(10) { init: v = }\n", "synapses S = X(E -> ) \n", "mode m extends { }\n",
        "function f(x y) = 1\n", "print\n", "set\n", "analyse = 3\n", "if { }\n",
    };
    for (const char* text : cases) {
        CAPTURE(text);
        std::vector<std::string> got = messages(text);
        CHECK_FALSE(got.empty());
        for (const std::string& m : got) {
            CAPTURE(m);
            for (const char* banned :
                 {"mismatched", "viable", "expecting", "token recognition", "<EOF>", "extraneous",
                  "missing", "input"}) {
                CHECK(m.find(banned) == std::string::npos);
            }
            CHECK(std::count(m.begin(), m.end(), ',') <= 3);
        }
    }
}
