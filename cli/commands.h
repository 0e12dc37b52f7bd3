// The neurojit commands; each returns the process exit code (0 ok, 1 model/usage error, 2 failure).
#pragma once

#include "cli/command_line.h"

#include <cstdint>
#include <filesystem>

namespace nj::cli {

int run_check(const Command& command);
int run_info(const Command& command);
int run_list(const Command& command);
int run_diagnostics(const Command& command);
int run_builtins(const Command& command);
int run_simulation(const Command& command);
int run_ir(const Command& command);
/// `neurojit plot RUN_DIR`: figures of the run directory into RUN_DIR/figures.
int run_plot(const Command& command);
/// `neurojit synth-connectome DESCRIPTION.json --out DIR`: nodes.csv and edges.csv of a synthetic
/// connectome drawn from the description (docs/synthetic_connectome.md).
int run_synth_connectome(const Command& command);
/// The generator seed when `synth-connectome` is given no --seed.
inline constexpr std::uint64_t default_synth_seed = 1;
/// `run --plot`: plots `run_dir` after the run; returns `run_code` unless the run succeeded and
/// plotting failed (then 2).
int plot_after_run(const Command& command, const std::filesystem::path& run_dir, int run_code);

}  // namespace nj::cli
