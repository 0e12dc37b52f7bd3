// write_figure for builds configured without Cairo: says so instead of drawing.
#include "plot/render_figure.h"

#include "runtime/io/io_error.h"

namespace nj::plot {

bool plotting_available() {
    return false;
}

bool write_figure(const Figure&, const std::filesystem::path&, std::vector<std::filesystem::path>&,
                  std::string* error) {
    return rt::store_error(error, no_plotting_message);
}

}  // namespace nj::plot
