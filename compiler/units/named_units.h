// The SI units that have a name of their own, as used when printing dimensions and values.
#pragma once

#include "compiler/units/dimension.h"

#include <span>
#include <string_view>

namespace nj::units {

/// Where a named unit may appear when a dimension is spelled out (format_dimension).
enum class CompoundUse {
    /// Only on its own: weber, tesla and henry would turn siemens/second into 1/henry.
    ExactOnly,
    /// With base units: "watt/metre**2", "joule/kelvin".
    WithBaseUnits,
    /// Also beside another such unit: "siemens/volt", "volt*ohm".
    WithNamedUnits,
};

/// One named SI unit as shown to the user: "volt", symbol "V".
struct NamedUnit {
    /// Full name used in dimension text ("volt", "hertz").
    std::string_view name;
    /// Symbol that takes SI prefixes when printing a value ("V", "Hz"; "g" for kilogram).
    std::string_view symbol;
    /// Size of one `symbol` in SI units (1, except 1e-3 for the gram of kilogram).
    double symbol_scale = 1.0;
    /// The dimension.
    Dimension dim;
    /// True for the seven SI base units.
    bool is_base = false;
    /// Where the name may appear inside a compound such as "volt/second".
    CompoundUse compound_use = CompoundUse::WithBaseUnits;
};

/// The named units in order of preference for display: volt, amp, second, metre, kilogram,
/// siemens, farad, ohm, hertz, coulomb, joule, watt, newton, pascal, mole, kelvin, candela,
/// weber, tesla, henry. No two share a dimension (hertz stands for 1/second, not becquerel;
/// gray, sievert, lumen, lux and katal are left out because they would shadow clearer names).
std::span<const NamedUnit> named_units();

/// The named unit whose dimension is exactly `dim`, or nullptr.
const NamedUnit* find_named_unit(const Dimension& dim);

}  // namespace nj::units
