// The table of the plotting module (libneurojit_plot.so), which alone links Cairo.
#pragma once

#include "plot/render_figure.h"
#include "runtime/support/load_module.h"

namespace nj::plot {

/// Bump when PlotModule's functions change.
inline constexpr int kPlotModuleInterface = 1;

/// What the plotting module hands the program.
struct PlotModule {
    rt::ModuleHeader header;
    /// write_figure as render_figure.h describes it.
    bool (*write)(const Figure& figure, const std::filesystem::path& dir,
                  std::vector<std::filesystem::path>& written, std::string* error);
};

}  // namespace nj::plot
