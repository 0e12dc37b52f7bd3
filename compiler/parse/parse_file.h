// Entry points of the parser: a whole .nj file, or one expression (for --set values).
#pragma once

#include "compiler/parse/ast.h"
#include "compiler/support/diagnostic_engine.h"
#include "compiler/support/source_manager.h"

#include <optional>

namespace nj::parse {

/// Parses one model file into its syntax tree. Syntax errors are reported to `diags` in the
/// user's words (codes syntax.*; at most one per line); then the result is nullopt. Never
/// throws: failures inside the parser library become diagnostics too.
std::optional<ast::ModelFile> parse_file(support::FileId file,
                                         const support::SourceManager& sources,
                                         support::DiagnosticEngine& diags);

/// Parses a buffer that must hold exactly one expression, e.g. the VALUE of
/// `--set NAME=VALUE` registered with SourceManager::add_buffer. Returns null after reporting
/// a syntax error.
ast::ExprPtr parse_expression(support::FileId file, const support::SourceManager& sources,
                              support::DiagnosticEngine& diags);

}  // namespace nj::parse
