// `neurojit plot`'s work: every figure of a run directory, written into RUN_DIR/figures.
#pragma once

#include "plot/run_figures.h"

#include <filesystem>
#include <string>
#include <vector>

namespace nj::plot {

/// What plotting a run directory did.
struct PlotReport {
    std::filesystem::path figures_dir;           ///< RUN_DIR/figures
    std::vector<std::filesystem::path> written;  ///< every PNG and SVG file written
    std::vector<std::string> notes;              ///< files not plotted and why, hints
};

/// How plotting ended; the CLI maps these to exit codes.
enum class PlotStatus {
    Ok,
    BadInput,     ///< missing or unreadable run directory, malformed summary.json or .npy
    WriteFailed,  ///< a figure could not be drawn or written
    Unavailable,  ///< this build has no plotting
};

/// Reads the run directory `run_dir` (all headers are checked before anything is drawn),
/// builds its figures (run_figures.h) and writes each as PNG and SVG into `run_dir/figures/`.
/// On failure returns the status and a sentence in `*error`; figures already written stay.
PlotStatus plot_run_directory(const std::filesystem::path& run_dir, const FigureLimits& limits,
                              PlotReport& report, std::string* error);

}  // namespace nj::plot
