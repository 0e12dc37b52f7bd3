// Drawing a Figure to PNG and SVG files (Cairo; a build without Cairo reports that it cannot).
#pragma once

#include "plot/figure.h"

#include <filesystem>
#include <string>
#include <vector>

namespace nj::plot {

/// True when this build can draw figures (Cairo was found when it was configured).
bool plotting_available();

/// What a build without plotting says when asked to draw.
inline constexpr const char* no_plotting_message =
    "this neurojit was built without plotting (Cairo was not found when it was configured); "
    "install libcairo2-dev (e.g. 'make deps') and rebuild";

/// Draws `figure` and writes `<dir>/<figure.name>.png` (1920 × 1200 pixels) and `.svg`
/// (960 × 600 points), each through a temporary file renamed into place, so a failure never
/// leaves half a figure. Appends the paths written to `written`. On failure (or in a build
/// without Cairo) returns false with a sentence in `*error`.
bool write_figure(const Figure& figure, const std::filesystem::path& dir,
                  std::vector<std::filesystem::path>& written, std::string* error);

}  // namespace nj::plot
