// The Diagnostic record: one user-facing error or warning with its location, labels and hints.
#pragma once

#include "compiler/support/diag_codes.h"
#include "compiler/support/source_manager.h"

#include <string>
#include <vector>

namespace nj::support {

/// A secondary location with a short explanation, e.g. the unit of one operand
/// ("volt/second"). Drawn with dashes under the primary line, or as a `-->` line elsewhere.
struct Label {
    SourceRange range;
    std::string text;
};

/// One error or warning. `message` starts lower-case with no final period (STYLE.md §6);
/// `range` is the primary location (invalid for errors without one, e.g. bad command lines).
struct Diagnostic {
    DiagCode code = DiagCode::InternalError;
    Severity severity = Severity::Error;
    SourceRange range;
    std::string message;
    std::vector<Label> labels;
    std::vector<std::string> notes;
    std::vector<std::string> helps;
};

}  // namespace nj::support
