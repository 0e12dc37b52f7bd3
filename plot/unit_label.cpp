// SI unit symbols and prefix choice for axis labels.
#include "plot/unit_label.h"

#include <cmath>
#include <utility>

namespace nj::plot {

namespace {

const std::pair<const char*, const char*> unit_symbols[] = {
    {"second", "s"},  {"volt", "V"},     {"hertz", "Hz"}, {"amp", "A"},     {"ampere", "A"},
    {"siemens", "S"}, {"metre", "m"},    {"meter", "m"},  {"ohm", "Ω"},     {"farad", "F"},
    {"coulomb", "C"}, {"joule", "J"},    {"watt", "W"},   {"kelvin", "K"},  {"molar", "M"},
    {"mole", "mol"},  {"radian", "rad"}, {"newton", "N"}, {"pascal", "Pa"},
};

/// The symbol of a base unit name or symbol, or "" when it is not a plain SI unit.
std::string base_symbol(const std::string& unit) {
    for (const auto& [name, symbol] : unit_symbols) {
        if (unit == name || unit == symbol) return symbol;
    }
    return "";
}

}  // namespace

DisplayUnit display_unit(const std::string& unit, double max_abs) {
    if (unit.empty() || unit == "1" || unit == "dimensionless") return {};
    std::string symbol = base_symbol(unit);
    if (symbol.empty()) return {1, unit};
    if (symbol == "rad" || !std::isfinite(max_abs) || max_abs <= 0) return {1, symbol};
    static const std::pair<double, const char*> prefixes[] = {
        {1e6, "M"}, {1e3, "k"}, {1, ""}, {1e-3, "m"}, {1e-6, "µ"}, {1e-9, "n"}, {1e-12, "p"}};
    for (const auto& [scale, prefix] : prefixes) {
        // Seconds stay seconds up to hours rather than becoming ks.
        if (scale > 1 && symbol == "s") continue;
        if (max_abs >= scale * 0.999) return {1 / scale, prefix + symbol};
    }
    return {1e12, "p" + symbol};
}

std::string axis_label(const std::string& quantity, const DisplayUnit& unit) {
    return unit.symbol.empty() ? quantity : quantity + " (" + unit.symbol + ")";
}

}  // namespace nj::plot
