// Shared helper of the command-line tests: parses arguments as `neurojit ARGS...` would.
#pragma once

#include "cli/command_line.h"

#include <vector>

namespace nj::cli::testing {

inline ParseResult parse(std::vector<const char*> args) {
    args.insert(args.begin(), "neurojit");
    return parse_command_line(static_cast<int>(args.size()), args.data());
}

}  // namespace nj::cli::testing
