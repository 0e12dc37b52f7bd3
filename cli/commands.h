// The neurojit commands; each returns the process exit code (0 ok, 1 model/usage error, 2 failure).
#pragma once

#include "cli/command_line.h"

namespace nj::cli {

int run_check(const Command& command);
int run_info(const Command& command);
int run_list(const Command& command);
int run_diagnostics(const Command& command);
int run_builtins(const Command& command);
int run_simulation(const Command& command);
int run_ir(const Command& command);

}  // namespace nj::cli
