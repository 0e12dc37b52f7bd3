// `neurojit plot RUN_DIR` and `neurojit run --plot`: figures of a run directory, as PNG and SVG.
#include "cli/commands.h"

#include "plot/plot_run.h"

#include <iostream>

namespace nj::cli {

namespace {

/// Plots `run_dir` and prints what happened; returns the exit code (0, 1 bad input, 2 failure).
int plot_and_report(const Command& command, const std::filesystem::path& run_dir) {
    plot::PlotReport report;
    std::string error;
    plot::PlotStatus status =
        plot::plot_run_directory(run_dir, plot::FigureLimits{}, report, &error);
    for (const auto& note : report.notes) {
        if (!command.quiet) std::cerr << "neurojit plot: note: " << note << "\n";
    }
    switch (status) {
        case plot::PlotStatus::Ok:
            if (!command.quiet && !report.written.empty()) {
                std::cerr << "wrote " << report.written.size() / 2 << " figures (PNG and SVG) to "
                          << report.figures_dir.string() << "\n";
            }
            return 0;
        case plot::PlotStatus::Unavailable:
            std::cerr << "neurojit: error[plot.unavailable]: " << error << "\n";
            return 1;
        case plot::PlotStatus::BadInput:
            std::cerr << "neurojit: error[plot.input]: " << error << "\n";
            return 1;
        case plot::PlotStatus::WriteFailed:
            break;
    }
    std::cerr << "neurojit: error[plot.output]: " << error << "\n";
    return 2;
}

}  // namespace

int run_plot(const Command& command) {
    return plot_and_report(command, command.file);
}

int plot_after_run(const Command& command, const std::filesystem::path& run_dir, int run_code) {
    int code = plot_and_report(command, run_dir);
    // A failed run keeps its own exit code; plotting what it recorded is a bonus.
    return run_code != 0 ? run_code : (code == 0 ? 0 : 2);
}

}  // namespace nj::cli
