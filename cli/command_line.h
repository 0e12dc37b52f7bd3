// Parses neurojit's command line (Boost.Program_options) into a Command, or a usage error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nj::cli {

/// Everything the user asked for, for every command (unused fields stay empty).
struct Command {
    std::string name;  ///< check, run, info, list, ir, diagnostics, plot; "" with --help / --version
    std::string file;
    std::string mode;
    std::vector<std::pair<std::string, std::string>> overrides;
    std::vector<std::pair<std::string, std::string>> warning_policies;  ///< -W code=ignore|error
    bool warnings_as_errors = false;
    bool json = false;
    bool dump_ast = false;
    bool llvm = false;  ///< ir: print LLVM IR instead of kernel IR
    bool adjoint = false;  ///< ir: print the adjoint kernels (compiler/ir/passes/adjoint.h)
    bool markdown = false;
    bool quiet = false;
    bool plot = false;  ///< run: draw figures into <out>/figures afterwards
    bool profile = false;  ///< run: time every compiled kernel (summary.json "profile")
    std::string color = "auto";
    std::optional<unsigned long long> seed;
    std::vector<std::uint64_t> seeds;  ///< run: --seeds, one child run per seed (empty: one run)
    int jobs = 1;                      ///< run: how many seeds of --seeds run at once
    std::string out_dir;
    int threads = 1;
    std::string precision;  ///< "double", "single", or empty: the model's `precision:` setting
    std::string format = "npy";  ///< run: npy, hdf5 (RUN_DIR/run.h5 instead of .npy) or both
    bool show_help = false;
    bool show_version = false;
    std::string help_text;  ///< the help of the command (or the general help)
};

/// Result of parsing: a command, or a message for a usage error (exit code 1).
struct ParseResult {
    std::optional<Command> command;
    std::string error;
};

/// Parses `argv`. Never throws.
ParseResult parse_command_line(int argc, const char* const* argv);

/// Parses the value of `--seeds`: comma-separated items, each a seed `S` or an inclusive range
/// `A..B` with A <= B, e.g. "1..10" or "1,5,9" or "1..3,7". Seeds must be distinct; at most
/// `max_seed_count` of them. On failure returns nullopt and a usage message in `*error`.
std::optional<std::vector<std::uint64_t>> parse_seed_list(std::string_view text,
                                                          std::string* error);

/// The most seeds one `--seeds` may ask for.
inline constexpr std::size_t max_seed_count = 10000;

/// The general help text (`neurojit --help`).
std::string general_help();

}  // namespace nj::cli
