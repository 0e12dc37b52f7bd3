// Tests the JSON rendering of diagnostics: fields, null locations and string escaping.
#include "compiler/support/diagnostic_json.h"

#include <doctest/doctest.h>

#include <sstream>

using namespace nj::support;

namespace {

std::string to_json(const std::vector<Diagnostic>& diagnostics, const SourceManager& sm) {
    std::ostringstream out;
    render_diagnostics_json(out, diagnostics, sm);
    return out.str();
}

}  // namespace

TEST_CASE("json_escape: escapes quotes, backslashes, newlines and control characters") {
    CHECK(json_escape(R"(say "hi")") == R"(say \"hi\")");
    CHECK(json_escape("a\\b") == R"(a\\b)");
    CHECK(json_escape("line\nnext\r\t") == R"(line\nnext\r\t)");
    CHECK(json_escape(std::string_view("\x01\x1f", 2)) == R"(\u0001\u001f)");
    CHECK(json_escape(std::string_view("nul\0", 4)) == R"(nul\u0000)");
}

TEST_CASE("json_escape: keeps valid UTF-8 and replaces invalid bytes") {
    CHECK(json_escape("µs and Ω") == "µs and Ω");
    CHECK(json_escape("bad\xff") == R"(bad\ufffd)");
    CHECK(json_escape("cut\xc3") == R"(cut\ufffd)");
    CHECK(json_escape("\xc0\xaf") == R"(\ufffd\ufffd)");  // overlong '/'
}

TEST_CASE("render_diagnostics_json: an empty list is an empty array") {
    SourceManager sm;
    CHECK(to_json({}, sm) == "[]\n");
}

TEST_CASE("render_diagnostics_json: writes locations, labels, notes and escaped text") {
    SourceManager sm;
    FileId f = sm.add_buffer("dir/m\"1\".nj", "a = 1\nb = \"x\ny\"\n");
    Diagnostic d;
    d.code = DiagCode::SyntaxUnterminatedString;
    d.severity = Severity::Error;
    d.range = SourceRange{f, 10, 13};
    d.message = "string \"x\" ends at a newline";
    d.labels.push_back({SourceRange{f, 0, 1}, "line\nbreak"});
    d.notes.push_back("n1");
    d.helps.push_back("h\\1");
    d.helps.push_back("h2");
    Diagnostic bare;
    bare.code = DiagCode::OverrideSyntax;
    bare.message = "bad --set";
    CHECK(to_json({d, bare}, sm) ==
          "[\n"
          R"(  {"file": "dir/m\"1\".nj", "line": 2, "col": 5, "end_line": 3, "end_col": 1, )"
          R"("severity": "error", "code": "syntax.unterminated_string", )"
          R"("message": "string \"x\" ends at a newline", )"
          R"("labels": [{"file": "dir/m\"1\".nj", "line": 1, "col": 1, "end_line": 1, )"
          R"("end_col": 2, "text": "line\nbreak"}], "notes": ["n1"], "helps": ["h\\1", "h2"]},)"
          "\n"
          R"(  {"file": null, "line": null, "col": null, "end_line": null, "end_col": null, )"
          R"("severity": "error", "code": "override.syntax", "message": "bad --set", )"
          R"("labels": [], "notes": [], "helps": []})"
          "\n]\n");
}
