// Reads and parses a model file and, recursively, every file it imports.
//
// Requires: nothing.
// Ensures:  model.files holds each file once, every import before its importer, the root last;
//           unreadable files, failed imports and import cycles are reported at the `import`.
// Example:  `import "lib/lif.nj"` in models/x.nj looks in models/lib/, then in each library dir.
#pragma once

#include "compiler/sema/model_context.h"

#include <string>

namespace nj::sema {

/// Loads `root_path` and its imports into `context.model.files`. Returns false when any file
/// could not be read or parsed (the reasons are diagnostics).
bool load_model(const std::string& root_path, ModelContext& context);

}  // namespace nj::sema
