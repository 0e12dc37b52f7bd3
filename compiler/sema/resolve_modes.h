// Resolves the selected mode and the command-line overrides into per-parameter assignments.
//
// Requires: the model files are loaded.
// Ensures:  an unknown mode or base mode is reported with a suggestion; cycles in `extends`
//           are reported; overrides are parsed (syntax errors point into the --set text).
// Example:  `mode b extends a { x = 2 }` with --mode b → {x: 2 from "mode b", ... from a}.
#pragma once

#include "compiler/sema/model_context.h"

#include <map>
#include <string>

namespace nj::sema {

/// One assignment of a new value to a parameter, by a mode or by --set.
struct ParamAssignment {
    const ast::Expr* value = nullptr;
    std::string origin;   ///< "mode fast" or "--set"
    SourceRange range;    ///< the assignment in the mode, or the --set text
};

/// The assignments in force, by parameter name, plus every mode assignment (for checking
/// modes that were not selected).
struct ParamAssignments {
    std::map<std::string, ParamAssignment, std::less<>> selected;
    std::map<std::string, std::vector<ParamAssignment>, std::less<>> all_modes;
    std::vector<ast::ExprPtr> override_exprs;  ///< owns the parsed --set values
};

/// Collects modes, applies the selected one (with its bases) and the overrides.
/// Returns false if the mode or an override could not be resolved.
bool resolve_modes(ModelContext& context, ParamAssignments& out);

}  // namespace nj::sema
