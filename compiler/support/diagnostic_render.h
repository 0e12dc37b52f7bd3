// Text rendering of diagnostics: header line, source snippet with markers, notes and help.
#pragma once

#include "compiler/support/diagnostic.h"
#include "compiler/support/source_manager.h"

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace nj::support {

/// Tab stops used when showing source lines; source and marker lines expand tabs alike.
inline constexpr size_t tab_width = 4;

/// Prints one diagnostic in the STYLE.md §6 format:
/// ```
/// models/lif.nj:8:30: error[units.mismatch]: cannot add volt/second and volt
///     8 |     dv/dt = (El - v) / tau_m + I_syn : volt
///       |             ---------------- ^ ----- volt
///       |             volt/second
///   help: every term of a sum must have the same unit
/// ```
/// Carets cover the primary range (at least one column; a range running past its line is
/// marked to the line's end), dashes cover labels on the same line. The text of the rightmost
/// marker follows the marker line; other label texts go on lines below, under their label's
/// start. Labels elsewhere print as `  --> path:line:col: text`. Without a valid range the
/// header is `neurojit: error[code]: message` and no snippet is shown.
void render_diagnostic(std::ostream& out, const Diagnostic& diagnostic,
                       const SourceManager& sources, bool use_color);

/// Prints "neurojit: note: N more errors not shown" (singular for one).
void render_hidden_errors_note(std::ostream& out, size_t hidden_errors, bool use_color);

/// Replaces tabs by spaces up to the next multiple of tab_width.
std::string expand_tabs(std::string_view line);

/// Screen column (0-based) of a byte index in a line after tab expansion. UTF-8 continuation
/// bytes take no column; indexes past the line's end count one column per byte.
size_t display_column(std::string_view line, size_t byte_index);

}  // namespace nj::support
