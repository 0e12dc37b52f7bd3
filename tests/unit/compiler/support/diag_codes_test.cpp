// Tests the diagnostic code table: names, lookup, severities and the generated Markdown.
#include "compiler/support/diag_codes.h"

#include <doctest/doctest.h>

#include <set>

using namespace nj::support;

TEST_CASE("diag_codes: code_name and code_from_name round-trip for every code") {
    REQUIRE(all_diag_codes().size() == diag_code_count);
    for (DiagCode code : all_diag_codes()) {
        CAPTURE(code_name(code));
        std::optional<DiagCode> back = code_from_name(code_name(code));
        REQUIRE(back.has_value());
        CHECK(*back == code);
    }
    CHECK_FALSE(code_from_name("units.nonsense").has_value());
    CHECK_FALSE(code_from_name("").has_value());
}

TEST_CASE("diag_codes: names are unique, area.what shaped and described") {
    std::set<std::string_view> seen;
    for (DiagCode code : all_diag_codes()) {
        std::string_view name = code_name(code);
        CAPTURE(name);
        CHECK(seen.insert(name).second);
        size_t dot = name.find('.');
        CHECK(dot != std::string_view::npos);
        CHECK(dot > 0);
        CHECK(dot + 1 < name.size());
        CHECK(name.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ ") == std::string_view::npos);
        CHECK_FALSE(code_description(code).empty());
        CHECK(default_severity(code) != Severity::Note);
    }
}

TEST_CASE("diag_codes: seeded codes have their declared severities") {
    CHECK(code_name(DiagCode::UnitsMismatch) == "units.mismatch");
    CHECK(default_severity(DiagCode::UnitsMismatch) == Severity::Error);
    CHECK(default_severity(DiagCode::NamesUnused) == Severity::Warning);
    CHECK(code_from_name("internal.error") == DiagCode::InternalError);
    CHECK(severity_name(Severity::Warning) == "warning");
}

TEST_CASE("diag_codes: diagnostics_markdown lists every code with its severity") {
    std::string markdown = diagnostics_markdown();
    CHECK(markdown.starts_with("# Diagnostics\n"));
    CHECK(markdown.find("| Code | Severity | Description |") != std::string::npos);
    for (DiagCode code : all_diag_codes()) {
        std::string row = "| `" + std::string(code_name(code)) + "` | " +
                          std::string(severity_name(default_severity(code))) + " | ";
        CAPTURE(row);
        CHECK(markdown.find(row) != std::string::npos);
    }
    CHECK(markdown.find("\n## units\n") != std::string::npos);
    CHECK(markdown.ends_with("|\n"));
}
