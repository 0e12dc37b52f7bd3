// Checking a model whose group sizes come from the shapes of its tables.
//
// Requires: a command naming a model file.
// Ensures:  a model such as `group KC = Cell(n_batch * rows_of(kc_nodes))` is checked twice:
//           first as written, then (after its tables are loaded to learn their shapes) with
//           rows_of / cols_of / max_of of those tables as constants, so its groups have sizes.
//           Each diagnostic is reported once: the second check has a session of its own.
// Example:  check → KC unsized → load kc_nodes (144 rows) → check again → KC has 144 * n_batch.
#pragma once

#include "cli/command_line.h"
#include "compiler/driver/compile_session.h"
#include "compiler/sema/model.h"

#include <functional>
#include <memory>
#include <optional>

namespace nj::cli {

/// A checked model and the session that owns its sources and diagnostics.
struct SizedFront {
    std::unique_ptr<driver::CompileSession> session = std::make_unique<driver::CompileSession>();
    std::unique_ptr<sema::CheckedModel> model = std::make_unique<sema::CheckedModel>();
};

/// One check of the model into a fresh session, with the table shapes known so far.
using CheckModel = std::function<bool(driver::CompileSession&, sema::CheckedModel&, const sema::TableShapes&)>;

/// Runs `check`, and once more with the tables' shapes when a top-level group's size is not a
/// constant. Returns true when there was no error; a bad table file throws rt::TableError.
bool check_with_table_shapes(const CheckModel& check, SizedFront& front);

/// check_with_table_shapes with compile_front for the command's model file.
bool compile_sized_front(const Command& command, SizedFront& front);

/// compile_sized_front for commands that stop on a bad table file: then prints the diagnostics
/// so far and the table's error, and returns nullopt (exit code 1); otherwise whether the
/// check passed.
std::optional<bool> compile_sized_front_or_report(const Command& command, SizedFront& front);

}  // namespace nj::cli
