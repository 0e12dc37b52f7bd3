// Shared steps of the commands that read a model: options → compile session → diagnostics.
#pragma once

#include "cli/command_line.h"
#include "compiler/driver/compile_model.h"

namespace nj::cli {

/// Parses and checks the command's model file. Returns true when there was no error.
/// `table_shapes`: shapes of tables loaded already, which make rows_of(T) etc. constants.
bool compile_front(const Command& command, driver::CompileSession& session,
                   sema::CheckedModel& model, const sema::TableShapes& table_shapes = {});

/// Prints the session's diagnostics to stderr (or as JSON to stdout with --json).
void report_diagnostics(const Command& command, driver::CompileSession& session);

}  // namespace nj::cli
