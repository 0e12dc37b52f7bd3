// State shared by the checker's steps for one model: diagnostics, global scope, results so far.
#pragma once

#include "compiler/sema/check_expr.h"
#include "compiler/sema/model.h"
#include "compiler/support/diagnostic_engine.h"
#include "compiler/support/source_manager.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace nj::sema {

/// What the user asked for on the command line.
struct CheckOptions {
    std::string mode;                                      ///< "" for none
    std::vector<std::pair<std::string, std::string>> overrides;  ///< --set NAME=VALUE
    std::vector<std::string> library_dirs;                 ///< where `import` looks after the importer's folder
    std::optional<std::string> root_text;  ///< check this text as the root file instead of reading it
    /// Shapes of tables already loaded (by the driver, from a first check of the same model):
    /// `rows_of(T)`, `cols_of(T)` and `max_of(T)` of these tables are constants, so group
    /// sizes may come from them.
    TableShapes table_shapes;
};

/// The checker's working state; each step reads and extends it.
struct ModelContext {
    support::SourceManager& sources;
    support::DiagnosticEngine& diags;
    const CheckOptions& options;
    CheckedModel& model;
    Scope& globals;  ///< owned by the model, so it outlives the check
    std::map<std::string, const ast::TypeDecl*, std::less<>> types;

    ModelContext(support::SourceManager& s, support::DiagnosticEngine& d, const CheckOptions& o,
                 CheckedModel& m)
        : sources(s), diags(d), options(o), model(m), globals(*m.globals) {}

    /// A code context for expressions in the global scope (parameters, protocol).
    CodeContext global_context(const char* place) {
        return CodeContext{globals, diags, nullptr, false, true, false, false, place};
    }
};

}  // namespace nj::sema
