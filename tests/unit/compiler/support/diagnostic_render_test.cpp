// Tests the text rendering of diagnostics against exact expected output.
#include "compiler/support/diagnostic_render.h"

#include <doctest/doctest.h>

#include <sstream>

using namespace nj::support;

namespace {

// The range of the n-th (0-based) occurrence of `needle` in a file.
SourceRange find_range(const SourceManager& sm, FileId file, std::string_view needle,
                       int occurrence = 0) {
    std::string_view text = sm.text(file);
    size_t at = text.find(needle);
    while (occurrence-- > 0) {
        at = text.find(needle, at + 1);
    }
    REQUIRE(at != std::string_view::npos);
    return SourceRange{file, static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())};
}

std::string render(const Diagnostic& d, const SourceManager& sm, bool color = false) {
    std::ostringstream out;
    render_diagnostic(out, d, sm, color);
    return out.str();
}

Diagnostic make(DiagCode code, SourceRange range, std::string message) {
    Diagnostic d;
    d.code = code;
    d.severity = default_severity(code);
    d.range = range;
    d.message = std::move(message);
    return d;
}

const char* const lif_model = "neuron LIF {\n"
                              "    parameters {\n"
                              "        El = -70*mV\n"
                              "        tau_m = 10*ms\n"
                              "    }\n"
                              "    equations {\n"
                              "        # membrane\n"
                              "    dv/dt = (El - v) / tau_m + I_syn : volt\n"
                              "    }\n"
                              "}\n";

}  // namespace

TEST_CASE("render_diagnostic: renders the caret under the primary range and labels around it") {
    SourceManager sm;
    FileId f = sm.add_buffer("models/lif.nj", lif_model);
    Diagnostic d =
        make(DiagCode::UnitsMismatch, find_range(sm, f, "+"), "cannot add volt/second and volt");
    d.labels.push_back({find_range(sm, f, "(El - v) / tau_m"), "volt/second"});
    d.labels.push_back({find_range(sm, f, "I_syn"), "volt"});
    d.helps.push_back("every term of a sum must have the same unit");
    CHECK(render(d, sm) ==
          R"(models/lif.nj:8:30: error[units.mismatch]: cannot add volt/second and volt
    8 |     dv/dt = (El - v) / tau_m + I_syn : volt
      |             ---------------- ^ ----- volt
      |             volt/second
  help: every term of a sum must have the same unit
)");
}

TEST_CASE("render_diagnostic: carets cover the whole primary range") {
    SourceManager sm;
    FileId f = sm.add_buffer("m.nj", "x = tua_m * 2\n");
    Diagnostic d = make(DiagCode::NamesUnknown, find_range(sm, f, "tua_m"), "unknown name 'tua_m'");
    d.helps.push_back("did you mean 'tau_m'?");
    CHECK(render(d, sm) == R"(m.nj:1:5: error[names.unknown]: unknown name 'tua_m'
    1 | x = tua_m * 2
      |     ^^^^^
  help: did you mean 'tau_m'?
)");
}

TEST_CASE("render_diagnostic: an empty range at the end of a line gets one caret") {
    SourceManager sm;
    FileId f = sm.add_buffer("m.nj", "v = (1 + 2\n");
    Diagnostic d = make(DiagCode::SyntaxExpected, SourceRange{f, 10, 10}, "expected ')'");
    d.labels.push_back({find_range(sm, f, "("), "to close this"});
    CHECK(render(d, sm) == R"(m.nj:1:11: error[syntax.expected]: expected ')'
    1 | v = (1 + 2
      |     -     ^
      |     to close this
)");
}

TEST_CASE("render_diagnostic: a label on exactly the primary range reads after the carets") {
    SourceManager sm;
    FileId f = sm.add_buffer("m.nj", "x = exp(v)\n");
    SourceRange arg = find_range(sm, f, "v");
    Diagnostic d = make(DiagCode::UnitsNotDimensionless, arg, "exp needs a dimensionless value");
    d.labels.push_back({arg, "volt"});
    CHECK(render(d, sm) ==
          R"(m.nj:1:9: error[units.not_dimensionless]: exp needs a dimensionless value
    1 | x = exp(v)
      |         ^ volt
)");
}

TEST_CASE("render_diagnostic: hanging label texts share a row when they fit") {
    SourceManager sm;
    FileId f = sm.add_buffer("m.nj", "y = a + b + c\n");
    Diagnostic d = make(DiagCode::UnitsMismatch, find_range(sm, f, "+", 1), "cannot add");
    d.labels.push_back({find_range(sm, f, "a"), "volt"});
    d.labels.push_back({find_range(sm, f, "b"), "amp"});
    d.labels.push_back({find_range(sm, f, "c"), "second"});
    CHECK(render(d, sm) == R"(m.nj:1:11: error[units.mismatch]: cannot add
    1 | y = a + b + c
      |     -   - ^ - second
      |     volt
      |         amp
)");
}

TEST_CASE("render_diagnostic: labels on other lines or files become --> lines") {
    SourceManager sm;
    FileId f = sm.add_buffer("m.nj", "tau = 1*ms\ntau = 2*ms\n");
    FileId g = sm.add_buffer("lib.nj", "v = 0*mV\n");
    Diagnostic d =
        make(DiagCode::NamesDuplicate, find_range(sm, f, "tau", 1), "'tau' is declared twice");
    d.labels.push_back({find_range(sm, f, "tau"), "first declared here"});
    d.labels.push_back({find_range(sm, g, "v"), ""});
    d.labels.push_back({SourceRange{}, "declared by the command line"});
    d.notes.push_back("names must be unique within a group");
    CHECK(render(d, sm) == R"(m.nj:2:1: error[names.duplicate]: 'tau' is declared twice
    2 | tau = 2*ms
      | ^^^
  --> m.nj:1:1: first declared here
  --> lib.nj:1:1
  note: declared by the command line
  note: names must be unique within a group
)");
}

TEST_CASE("render_diagnostic: a range over several lines is marked to the end of its first") {
    SourceManager sm;
    FileId f = sm.add_buffer("m.nj", "run {\n  for 1*s\n}\n");
    Diagnostic d = make(DiagCode::ClauseMissing, SourceRange{f, 0, 18}, "missing clause 'dt'");
    CHECK(render(d, sm) == R"(m.nj:1:1: error[clause.missing]: missing clause 'dt'
    1 | run {
      | ^^^^^
)");
}

TEST_CASE("render_diagnostic: tabs expand alike in the source and the marker line") {
    SourceManager sm;
    FileId f = sm.add_buffer("m.nj", "\tv\t= w\n");
    Diagnostic d = make(DiagCode::NamesUnknown, find_range(sm, f, "w"), "unknown name 'w'");
    d.labels.push_back({find_range(sm, f, "v"), "assigned here"});
    CHECK(render(d, sm) == R"(m.nj:1:6: error[names.unknown]: unknown name 'w'
    1 |     v   = w
      |     -     ^
      |     assigned here
)");
    CHECK(expand_tabs("a\tb") == "a   b");
    CHECK(display_column("\tx", 1) == 4);
    CHECK(display_column("é", 2) == 1);
}

TEST_CASE("render_diagnostic: without a location prints only the neurojit header") {
    SourceManager sm;
    Diagnostic d = make(DiagCode::IoMissingFile, SourceRange{}, "cannot read 'x.nj': no such file");
    d.helps.push_back("check the path");
    CHECK(render(d, sm) == R"(neurojit: error[io.missing_file]: cannot read 'x.nj': no such file
  help: check the path
)");
}

TEST_CASE("render_diagnostic: warnings say warning and long line numbers widen the gutter") {
    std::string text;
    for (int i = 0; i < 123456; ++i) {
        text += "\n";
    }
    text += "unused = 1\n";
    SourceManager sm;
    FileId f = sm.add_buffer("big.nj", text);
    Diagnostic d =
        make(DiagCode::NamesUnused, find_range(sm, f, "unused"), "'unused' is never used");
    CHECK(render(d, sm) == R"(big.nj:123457:1: warning[names.unused]: 'unused' is never used
123457 | unused = 1
       | ^^^^^^
)");
}

TEST_CASE("render_diagnostic: color adds ANSI styles only when asked") {
    SourceManager sm;
    FileId f = sm.add_buffer("m.nj", "x = y\n");
    Diagnostic d = make(DiagCode::NamesUnknown, find_range(sm, f, "y"), "unknown name 'y'");
    std::string plain = render(d, sm, false);
    std::string colored = render(d, sm, true);
    CHECK(plain.find('\x1b') == std::string::npos);
    CHECK(colored.find("\x1b[1;31merror[names.unknown]\x1b[0m") != std::string::npos);
    CHECK(colored.find("\x1b[1;31m^\x1b[0m") != std::string::npos);
}

TEST_CASE("render_hidden_errors_note: counts the errors past the cap") {
    std::ostringstream one;
    std::ostringstream many;
    render_hidden_errors_note(one, 1, false);
    render_hidden_errors_note(many, 7, false);
    CHECK(one.str() == "neurojit: note: 1 more error not shown\n");
    CHECK(many.str() == "neurojit: note: 7 more errors not shown\n");
}
