// Collects diagnostics for one compile session, applies warning policy and the error cap.
#pragma once

#include "compiler/support/diagnostic.h"

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace nj::support {

class DiagnosticEngine;

/// How a warning code is treated: as declared, dropped, or promoted to an error.
enum class WarningPolicy { Default, Ignore, Error };

/// Returned by DiagnosticEngine::report to attach labels, notes and help to the diagnostic
/// just reported. The diagnostic is stored at report time; the builder edits it in place, so
/// chaining works on the temporary: `diags.report(c, r, "msg").label(r2, "volt").help("...");`
/// When the diagnostic was dropped (ignored warning, error past the cap) every call is a no-op.
/// Do not keep a builder past the next report() call on the same engine.
class DiagnosticBuilder {
public:
    /// Adds a secondary location with a short text, e.g. the unit of an operand.
    DiagnosticBuilder& label(SourceRange range, std::string text);
    /// Adds a "note:" line with background facts.
    DiagnosticBuilder& note(std::string text);
    /// Adds a "help:" line saying how to fix the problem.
    DiagnosticBuilder& help(std::string text);
    /// True when the diagnostic was stored (and will be rendered).
    bool stored() const { return target_ != nullptr; }

private:
    friend class DiagnosticEngine;
    DiagnosticBuilder() = default;
    DiagnosticBuilder(std::vector<Diagnostic>* target, size_t index)
        : target_(target), index_(index) {}
    Diagnostic* get();

    std::vector<Diagnostic>* target_ = nullptr;
    size_t index_ = 0;
};

/// The one sink for user mistakes (STYLE.md §6): parse and sema report here and keep going;
/// the driver checks has_errors() before lowering, and the CLI renders everything at the end.
class DiagnosticEngine {
public:
    /// `sources` must outlive the engine; it resolves ranges when rendering.
    explicit DiagnosticEngine(const SourceManager& sources);

    /// Reports a diagnostic with the code's severity after warning policy. `range` may be
    /// invalid for errors without a location in a model file. A diagnostic identical to one
    /// already stored (code, range and message) is dropped.
    DiagnosticBuilder report(DiagCode code, SourceRange range, std::string message);

    /// Sets how one warning code is treated. Has no effect on codes whose default severity is
    /// Error: errors cannot be silenced. A per-code policy wins over set_all_warnings_as_errors.
    void set_warning_policy(DiagCode code, WarningPolicy policy);

    /// Promotes every warning with a Default policy to an error (`--warnings-as-errors`).
    void set_all_warnings_as_errors(bool enabled);

    /// Stops storing errors after `limit` of them; later errors are still counted and a final
    /// "N more errors not shown" note is rendered. 0 means no limit. Default 50.
    void set_error_limit(size_t limit);

    /// All errors reported, including those past the cap.
    size_t error_count() const { return error_count_; }

    /// All warnings reported and not ignored.
    size_t warning_count() const { return warning_count_; }

    /// True once any error has been reported; nothing may be lowered then.
    bool has_errors() const { return error_count_ != 0; }

    /// Errors counted but not stored because of the error cap.
    size_t suppressed_error_count() const { return error_count_ - stored_error_count_; }

    /// The stored diagnostics in the order they were reported.
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

    /// The source manager ranges refer to.
    const SourceManager& sources() const { return sources_; }

    /// Prints every stored diagnostic in the STYLE.md §6 format, separated by blank lines, then
    /// "neurojit: note: N more errors not shown" if the cap was hit. `use_color` adds ANSI
    /// colors and bold.
    void render(std::ostream& out, bool use_color) const;

    /// Prints the stored diagnostics as a JSON array (see diagnostic_json.h for the fields).
    /// Errors past the cap are not listed; error_count() still includes them.
    void render_json(std::ostream& out) const;

private:
    std::optional<Severity> effective_severity(DiagCode code) const;
    bool is_repeat(DiagCode code, SourceRange range, const std::string& message) const;

    const SourceManager& sources_;
    std::vector<Diagnostic> diagnostics_;
    std::vector<WarningPolicy> policies_;
    bool all_warnings_as_errors_ = false;
    size_t error_limit_ = 50;
    size_t error_count_ = 0;
    size_t stored_error_count_ = 0;
    size_t warning_count_ = 0;
};

}  // namespace nj::support
