// One compile session: owns the source files and diagnostics of a single neurojit invocation.
#pragma once

#include "compiler/support/diagnostic_engine.h"
#include "compiler/support/source_manager.h"

#include <string>
#include <vector>

namespace nj::driver {

/// Sources and diagnostics live as long as the session; everything else borrows them.
class CompileSession {
public:
    CompileSession() : diags_(sources_) {}
    CompileSession(const CompileSession&) = delete;
    CompileSession& operator=(const CompileSession&) = delete;

    support::SourceManager& sources() { return sources_; }
    support::DiagnosticEngine& diags() { return diags_; }

private:
    support::SourceManager sources_;
    support::DiagnosticEngine diags_;
};

/// Folders `import` searches after the importing file's folder: $NEUROJIT_PATH (':'-separated),
/// ./models, and the model library of this installation.
std::vector<std::string> default_library_dirs();

}  // namespace nj::driver
