// JSON rendering of diagnostics for editors and the error-test checker; no JSON library needed.
#pragma once

#include "compiler/support/diagnostic.h"
#include "compiler/support/source_manager.h"

#include <iosfwd>
#include <span>
#include <string>
#include <string_view>

namespace nj::support {

/// Escapes text for use inside a JSON string literal (without the surrounding quotes).
/// Quotes, backslashes and control characters are escaped; invalid UTF-8 bytes become U+FFFD.
std::string json_escape(std::string_view text);

/// Writes a JSON array with one object per line and per diagnostic:
/// `{"file", "line", "col", "end_line", "end_col", "severity", "code", "message",
///   "labels": [{"file", "line", "col", "end_line", "end_col", "text"}], "notes": [...],
///   "helps": [...]}`.
/// Lines and columns are 1-based as in the text output; end_line/end_col give the position
/// just past the range. Location fields are null when a range is invalid.
void render_diagnostics_json(std::ostream& out, std::span<const Diagnostic> diagnostics,
                             const SourceManager& sources);

}  // namespace nj::support
