// Implements DiagnosticEngine: severity policy, counting, the error cap and the builder.
#include "compiler/support/diagnostic_engine.h"

#include "compiler/support/diagnostic_json.h"
#include "compiler/support/diagnostic_render.h"

#include <ostream>

namespace nj::support {

Diagnostic* DiagnosticBuilder::get() { return target_ != nullptr ? &(*target_)[index_] : nullptr; }

DiagnosticBuilder& DiagnosticBuilder::label(SourceRange range, std::string text) {
    if (Diagnostic* d = get()) {
        d->labels.push_back(Label{range, std::move(text)});
    }
    return *this;
}

DiagnosticBuilder& DiagnosticBuilder::note(std::string text) {
    if (Diagnostic* d = get()) {
        d->notes.push_back(std::move(text));
    }
    return *this;
}

DiagnosticBuilder& DiagnosticBuilder::help(std::string text) {
    if (Diagnostic* d = get()) {
        d->helps.push_back(std::move(text));
    }
    return *this;
}

DiagnosticEngine::DiagnosticEngine(const SourceManager& sources)
    : sources_(sources), policies_(diag_code_count, WarningPolicy::Default) {}

std::optional<Severity> DiagnosticEngine::effective_severity(DiagCode code) const {
    Severity severity = default_severity(code);
    if (severity != Severity::Warning) {
        return severity;
    }
    switch (policies_[static_cast<size_t>(code)]) {
    case WarningPolicy::Ignore: return std::nullopt;
    case WarningPolicy::Error: return Severity::Error;
    case WarningPolicy::Default: break;
    }
    return all_warnings_as_errors_ ? Severity::Error : Severity::Warning;
}

DiagnosticBuilder DiagnosticEngine::report(DiagCode code, SourceRange range, std::string message) {
    std::optional<Severity> severity = effective_severity(code);
    if (!severity || is_repeat(code, range, message)) {
        return DiagnosticBuilder();
    }
    if (*severity == Severity::Error) {
        ++error_count_;
        if (error_limit_ != 0 && stored_error_count_ >= error_limit_) {
            return DiagnosticBuilder();
        }
        ++stored_error_count_;
    } else if (*severity == Severity::Warning) {
        ++warning_count_;
    }
    Diagnostic diagnostic;
    diagnostic.code = code;
    diagnostic.severity = *severity;
    diagnostic.range = range;
    diagnostic.message = std::move(message);
    diagnostics_.push_back(std::move(diagnostic));
    return DiagnosticBuilder(&diagnostics_, diagnostics_.size() - 1);
}

bool DiagnosticEngine::is_repeat(DiagCode code, SourceRange range,
                                 const std::string& message) const {
    // The same code at the same place with the same words says nothing new (a synapse type
    // checked once per synapses object, for instance).
    for (const auto& d : diagnostics_) {
        if (d.code == code && d.range.file == range.file && d.range.begin == range.begin &&
            d.range.end == range.end && d.message == message) {
            return true;
        }
    }
    return false;
}

void DiagnosticEngine::set_warning_policy(DiagCode code, WarningPolicy policy) {
    policies_[static_cast<size_t>(code)] = policy;
}

void DiagnosticEngine::set_all_warnings_as_errors(bool enabled) {
    all_warnings_as_errors_ = enabled;
}

void DiagnosticEngine::set_error_limit(size_t limit) { error_limit_ = limit; }

void DiagnosticEngine::render(std::ostream& out, bool use_color) const {
    bool first = true;
    for (const Diagnostic& diagnostic : diagnostics_) {
        if (!first) {
            out << '\n';
        }
        first = false;
        render_diagnostic(out, diagnostic, sources_, use_color);
    }
    if (size_t hidden = suppressed_error_count(); hidden != 0) {
        if (!first) {
            out << '\n';
        }
        render_hidden_errors_note(out, hidden, use_color);
    }
}

void DiagnosticEngine::render_json(std::ostream& out) const {
    render_diagnostics_json(out, diagnostics_, sources_);
}

}  // namespace nj::support
