// The compiler pipeline for one model file, as a sequence of named steps.
#pragma once

#include "compiler/driver/compile_session.h"
#include "compiler/sema/model.h"
#include "compiler/sema/model_context.h"

#include <string>

namespace nj::driver {

/// What the pipeline should stop after and dump on the way.
struct CompileOptions {
    sema::CheckOptions check;
    bool dump_ast = false;  ///< print the syntax tree of every file to stdout
};

/// Runs the pipeline up to checking. Returns true when no error was reported.
bool compile_model(CompileSession& session, const std::string& path,
                   const CompileOptions& options, sema::CheckedModel& model);

}  // namespace nj::driver
