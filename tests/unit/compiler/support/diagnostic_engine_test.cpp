// Tests DiagnosticEngine: the builder, counts, warning policy, the error cap and rendering.
#include "compiler/support/diagnostic_engine.h"

#include <doctest/doctest.h>

#include <sstream>

using namespace nj::support;

namespace {

std::string rendered(const DiagnosticEngine& diags) {
    std::ostringstream out;
    diags.render(out, false);
    return out.str();
}

}  // namespace

TEST_CASE("DiagnosticEngine: chained builder calls fill the stored diagnostic") {
    SourceManager sm;
    FileId f = sm.add_buffer("m.nj", "v = I_syn + w\n");
    DiagnosticEngine diags(sm);
    diags.report(DiagCode::UnitsMismatch, SourceRange{f, 10, 11}, "cannot add volt and amp")
        .label(SourceRange{f, 4, 9}, "volt")
        .note("I_syn is summed from a pathway")
        .help("multiply by a resistance");
    REQUIRE(diags.diagnostics().size() == 1);
    const Diagnostic& d = diags.diagnostics()[0];
    CHECK(d.code == DiagCode::UnitsMismatch);
    CHECK(d.severity == Severity::Error);
    CHECK(d.message == "cannot add volt and amp");
    REQUIRE(d.labels.size() == 1);
    CHECK(d.labels[0].text == "volt");
    CHECK(d.notes == std::vector<std::string>{"I_syn is summed from a pathway"});
    CHECK(d.helps == std::vector<std::string>{"multiply by a resistance"});
    CHECK(diags.error_count() == 1);
    CHECK(diags.has_errors());
    CHECK(&diags.sources() == &sm);
}

TEST_CASE("DiagnosticEngine: counts errors and warnings separately") {
    SourceManager sm;
    DiagnosticEngine diags(sm);
    CHECK_FALSE(diags.has_errors());
    diags.report(DiagCode::NamesUnused, SourceRange{}, "'x' is never used");
    CHECK(diags.warning_count() == 1);
    CHECK(diags.error_count() == 0);
    CHECK_FALSE(diags.has_errors());
    diags.report(DiagCode::NamesUnknown, SourceRange{}, "unknown name 'y'");
    CHECK(diags.error_count() == 1);
    CHECK(diags.has_errors());
}

TEST_CASE("DiagnosticEngine: warning policy Ignore drops the warning entirely") {
    SourceManager sm;
    DiagnosticEngine diags(sm);
    diags.set_warning_policy(DiagCode::NamesUnused, WarningPolicy::Ignore);
    DiagnosticBuilder builder = diags.report(DiagCode::NamesUnused, SourceRange{}, "unused");
    CHECK_FALSE(builder.stored());
    builder.note("ignored too").help("and this");
    CHECK(diags.diagnostics().empty());
    CHECK(diags.warning_count() == 0);
    CHECK(rendered(diags).empty());
}

TEST_CASE("DiagnosticEngine: warning policy Error promotes the warning") {
    SourceManager sm;
    DiagnosticEngine diags(sm);
    diags.set_warning_policy(DiagCode::NamesUnused, WarningPolicy::Error);
    diags.report(DiagCode::NamesUnused, SourceRange{}, "'x' is never used");
    REQUIRE(diags.diagnostics().size() == 1);
    CHECK(diags.diagnostics()[0].severity == Severity::Error);
    CHECK(diags.error_count() == 1);
    CHECK(diags.warning_count() == 0);
    CHECK(rendered(diags) == "neurojit: error[names.unused]: 'x' is never used\n");
}

TEST_CASE("DiagnosticEngine: all warnings as errors yields to a per-code Ignore") {
    SourceManager sm;
    DiagnosticEngine diags(sm);
    diags.set_all_warnings_as_errors(true);
    diags.report(DiagCode::NamesUnused, SourceRange{}, "promoted");
    CHECK(diags.error_count() == 1);
    diags.set_warning_policy(DiagCode::NamesUnused, WarningPolicy::Ignore);
    diags.report(DiagCode::NamesUnused, SourceRange{}, "dropped");
    CHECK(diags.error_count() == 1);
    diags.set_warning_policy(DiagCode::NamesUnused, WarningPolicy::Default);
    diags.set_all_warnings_as_errors(false);
    diags.report(DiagCode::NamesUnused, SourceRange{}, "plain warning");
    CHECK(diags.warning_count() == 1);
}

TEST_CASE("DiagnosticEngine: errors cannot be silenced by warning policy") {
    SourceManager sm;
    DiagnosticEngine diags(sm);
    diags.set_warning_policy(DiagCode::NamesUnknown, WarningPolicy::Ignore);
    diags.report(DiagCode::NamesUnknown, SourceRange{}, "unknown name 'y'");
    CHECK(diags.error_count() == 1);
    CHECK(diags.diagnostics().size() == 1);
}

TEST_CASE("DiagnosticEngine: errors past the cap are counted, not stored, and summarised") {
    SourceManager sm;
    DiagnosticEngine diags(sm);
    diags.set_error_limit(2);
    for (int i = 0; i < 5; ++i) {
        diags.report(DiagCode::NamesUnknown, SourceRange{}, "error " + std::to_string(i))
            .help("more help");
    }
    diags.report(DiagCode::NamesUnused, SourceRange{}, "a warning after the cap");
    CHECK(diags.error_count() == 5);
    CHECK(diags.suppressed_error_count() == 3);
    REQUIRE(diags.diagnostics().size() == 3);
    CHECK(diags.diagnostics()[1].message == "error 1");
    CHECK(diags.diagnostics()[2].severity == Severity::Warning);
    CHECK(rendered(diags) == "neurojit: error[names.unknown]: error 0\n"
                             "  help: more help\n"
                             "\n"
                             "neurojit: error[names.unknown]: error 1\n"
                             "  help: more help\n"
                             "\n"
                             "neurojit: warning[names.unused]: a warning after the cap\n"
                             "\n"
                             "neurojit: note: 3 more errors not shown\n");
}

TEST_CASE("DiagnosticEngine: the error cap defaults to 50 and 0 means no cap") {
    SourceManager sm;
    DiagnosticEngine capped(sm);
    DiagnosticEngine uncapped(sm);
    uncapped.set_error_limit(0);
    for (int i = 0; i < 60; ++i) {
        capped.report(DiagCode::ValueInvalid, SourceRange{}, "bad " + std::to_string(i));
        uncapped.report(DiagCode::ValueInvalid, SourceRange{}, "bad " + std::to_string(i));
    }
    CHECK(capped.diagnostics().size() == 50);
    CHECK(capped.suppressed_error_count() == 10);
    CHECK(uncapped.diagnostics().size() == 60);
    CHECK(uncapped.suppressed_error_count() == 0);
}

TEST_CASE("DiagnosticEngine: render_json writes the stored diagnostics") {
    SourceManager sm;
    FileId f = sm.add_buffer("m.nj", "x = y\n");
    DiagnosticEngine diags(sm);
    diags.report(DiagCode::NamesUnknown, SourceRange{f, 4, 5}, "unknown name 'y'");
    std::ostringstream out;
    diags.render_json(out);
    CHECK(out.str() ==
          "[\n"
          R"(  {"file": "m.nj", "line": 1, "col": 5, "end_line": 1, "end_col": 6, )"
          R"("severity": "error", "code": "names.unknown", "message": "unknown name 'y'", )"
          R"("labels": [], "notes": [], "helps": []})"
          "\n]\n");
}

TEST_CASE("DiagnosticEngine: an identical diagnostic is reported once") {
    SourceManager sm;
    FileId file = sm.add_buffer("a.nj", "x = 1\n");
    DiagnosticEngine diags(sm);
    diags.report(DiagCode::NamesUnknown, SourceRange{file, 0, 1}, "unknown name 'x'");
    diags.report(DiagCode::NamesUnknown, SourceRange{file, 0, 1}, "unknown name 'x'");
    diags.report(DiagCode::NamesUnknown, SourceRange{file, 4, 5}, "unknown name 'x'");
    CHECK(diags.diagnostics().size() == 2);
    CHECK(diags.error_count() == 2);
}
