// Plotting a run directory: recognise its arrays, build the figures, write them one by one.
#include "plot/plot_run.h"

#include "plot/declared_figures.h"
#include "plot/metric_curves.h"
#include "plot/render_figure.h"
#include "runtime/io/io_error.h"

#include <system_error>

namespace nj::plot {

namespace fs = std::filesystem;

namespace {

bool has_seed_folders(const fs::path& dir) {
    std::error_code ec;
    for (const auto& item : fs::directory_iterator(dir, ec)) {
        if (item.is_directory(ec) && item.path().filename().string().starts_with("seed-"))
            return true;
    }
    return false;
}

/// Writes `figures`, then empties it (a monitor's data is dropped once drawn).
bool write_all(std::vector<Figure>& figures, PlotReport& report, std::string* error) {
    for (const Figure& f : figures) {
        if (!write_figure(f, report.figures_dir, report.written, error)) return false;
    }
    figures.clear();
    return true;
}

}  // namespace

PlotStatus plot_run_directory(const fs::path& run_dir, const FigureLimits& limits,
                              PlotReport& report, std::string* error) {
    if (!plotting_available()) {
        rt::store_error(error, no_plotting_message);
        return PlotStatus::Unavailable;
    }
    RunContents contents;
    if (!read_run_contents(run_dir, contents, error)) return PlotStatus::BadInput;
    for (const auto& s : contents.skipped) report.notes.push_back("not plotted: " + s);
    std::vector<Figure> metrics = metric_figures(contents);
    for (auto& curve : metric_curves(contents)) metrics.push_back(std::move(curve));
    for (auto& declared : declared_figures(contents, report.notes)) metrics.push_back(std::move(declared));
    if (contents.entries.empty() && metrics.empty()) {
        std::string hint =
            has_seed_folders(run_dir)
                ? "; for a multi-seed run plot one seed's folder, e.g. 'neurojit plot " +
                      (run_dir / "seed-1").string() + "'"
                : "";
        report.notes.push_back("nothing to plot: no monitor arrays or histograms in '" +
                               run_dir.string() + "'" + hint);
        return PlotStatus::Ok;
    }
    report.figures_dir = run_dir / "figures";
    std::error_code ec;
    fs::create_directories(report.figures_dir, ec);
    if (ec) {
        rt::store_error(
            error, rt::io_failure("create", report.figures_dir, rt::describe_errno(ec.value())));
        return PlotStatus::WriteFailed;
    }
    for (const RunEntry& entry : contents.entries) {
        std::vector<Figure> figures;
        if (!figures_for_entry(contents, entry, limits, figures, error))
            return PlotStatus::BadInput;
        if (!write_all(figures, report, error)) return PlotStatus::WriteFailed;
    }
    return write_all(metrics, report, error) ? PlotStatus::Ok : PlotStatus::WriteFailed;
}

}  // namespace nj::plot
