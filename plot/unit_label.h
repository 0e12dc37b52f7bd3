// Axis labels with units: SI unit names as symbols with a prefix chosen for the data's range.
#pragma once

#include <string>

namespace nj::plot {

/// A unit for display: multiply SI values by `factor` and label them with `symbol`.
struct DisplayUnit {
    double factor = 1;
    std::string symbol;  ///< e.g. "mV", "ms", "Hz"; empty for dimensionless or unknown units
};

/// The display unit for values in the SI unit `unit` ("volt", "second", "hertz", or a symbol
/// such as "V") whose largest magnitude is `max_abs`: a prefix (n, µ, m, k, M) keeps tick labels
/// between 1 and 1000. Compound units ("volt/second") are shown as written, unscaled; "" and
/// "1" mean dimensionless.
DisplayUnit display_unit(const std::string& unit, double max_abs);

/// "quantity (symbol)", or just "quantity" when the symbol is empty.
std::string axis_label(const std::string& quantity, const DisplayUnit& unit);

}  // namespace nj::plot
