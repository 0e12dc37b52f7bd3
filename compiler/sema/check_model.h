// The checker's entry point: loads a model with its imports and checks everything in it.
//
// Requires: nothing; `sources` and `diags` belong to the caller's compile session.
// Ensures:  every user mistake is a diagnostic; the result is filled as far as checking got;
//           nothing may be lowered when diags.has_errors().
// Example:  check_model("models/cuba.nj", {mode: "fast"}, ...) → groups E, I; synapses; monitors.
#pragma once

#include "compiler/sema/model.h"
#include "compiler/sema/model_context.h"

#include <string>

namespace nj::sema {

/// Loads and checks the model at `path` under `options` into `model`.
void check_model(const std::string& path, const CheckOptions& options,
                 support::SourceManager& sources, support::DiagnosticEngine& diags,
                 CheckedModel& model);

}  // namespace nj::sema
