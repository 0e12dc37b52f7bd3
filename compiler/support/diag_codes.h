// Diagnostic codes and severities, generated from diag_codes.def, plus the docs table renderer.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace nj::support {

/// How serious a diagnostic is. Notes never stand alone as codes; they are used for the
/// "N more errors not shown" line.
enum class Severity { Error, Warning, Note };

/// Every diagnostic code, one enumerator per line of diag_codes.def.
enum class DiagCode {
#define NJ_DIAG(name, code, severity, description) name,
#include "compiler/support/diag_codes.def"
#undef NJ_DIAG
};

/// Number of codes in diag_codes.def.
inline constexpr size_t diag_code_count = 0
#define NJ_DIAG(name, code, severity, description) +1
#include "compiler/support/diag_codes.def"
#undef NJ_DIAG
    ;

/// Every code in declaration order (for tests, docs and option parsing).
std::span<const DiagCode> all_diag_codes();

/// The stable `area.what` spelling, e.g. "units.mismatch".
std::string_view code_name(DiagCode code);

/// The severity a code has unless a warning policy changes it.
Severity default_severity(DiagCode code);

/// The one-line description shown in docs/diagnostics.md.
std::string_view code_description(DiagCode code);

/// Looks a code up by its `area.what` spelling; nullopt if there is no such code.
std::optional<DiagCode> code_from_name(std::string_view name);

/// Lower-case word printed in messages: "error", "warning" or "note".
std::string_view severity_name(Severity severity);

/// The whole code table as a Markdown document titled "# Diagnostics", one section per area
/// and one table row (code, severity, description) per code. docs/diagnostics.md is this text.
std::string diagnostics_markdown();

}  // namespace nj::support
