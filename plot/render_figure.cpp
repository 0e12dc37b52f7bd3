// write_figure: opens the plotting module on first use, so runs without figures never load Cairo.
#include "plot/render_figure.h"

#include "plot/plot_module.h"
#include "runtime/io/io_error.h"

namespace nj::plot {

bool plotting_available() {
#ifdef NJ_HAVE_CAIRO
    return true;
#else
    return false;
#endif
}

bool write_figure(const Figure& figure, const std::filesystem::path& dir,
                  std::vector<std::filesystem::path>& written, std::string* error) {
    if (!plotting_available()) return rt::store_error(error, no_plotting_message);
    std::string why;
    const auto* module = rt::load_module_table<PlotModule>("plot", kPlotModuleInterface, &why);
    if (!module) return rt::store_error(error, "cannot draw '" + figure.name + "': " + why);
    return module->write(figure, dir, written, error);
}

}  // namespace nj::plot
