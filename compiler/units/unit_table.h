// Every unit name Brian2 knows (plus SI long prefixes and µ), mapped to scale and dimension.
#pragma once

#include "compiler/units/dimension.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nj::units {

/// What a unit name means: one of it is `scale` SI units of dimension `dim`
/// (mV is {1e-3, volt}; cm2 is {1e-4, metre**2}; mM is {1, mole/metre**3}).
struct UnitInfo {
    /// Size in SI units; always an exact power of ten rounded once to double.
    double scale = 1.0;
    /// Dimension.
    Dimension dim;
};

/// Looks up a unit name, case-sensitively. Known names:
/// - full names, British and American: metre/meter, litre/liter, gram/gramme,
///   kilogram/kilogramme, amp/ampere, mole/mol, candle/candela, second, kelvin, molar (mol/l),
///   radian, steradian, hertz, newton, pascal, joule, watt, coulomb, volt, farad, ohm,
///   siemens, weber, tesla, henry, lumen, lux, becquerel, gray, sievert, katal;
/// - each with a one-letter SI prefix as Brian2 writes them (mvolt, usecond, kohm, msiemens,
///   cmetre, mmolar) or a long one (millivolt, microsecond, kilohertz, megaohm);
/// - powers 2 and 3 of the full names without prefix or with a one-letter prefix, as Brian2
///   defines them (metre2, meter3, cmetre2, umetre3, msecond2);
/// - symbols with one-letter prefixes (micro is u, µ or μ): V mV, A nA pA, S nS uS, F pF uF,
///   Hz kHz, s ms us, m cm mm um nm, g mg ug, kg, K, mol mmol, cd, C, J, W, N, Pa, ohm kohm
///   Mohm, Ω kΩ MΩ, H, T, Wb, l L ml mL, M mM uM nM (molar), rad, sr, lm, lx, Bq, Gy, Sv, kat;
/// - powers 2 and 3 of length symbols: m2, cm2, mm2, um2, cm3, mm3, um3, ...;
/// - "1" (dimensionless).
/// kilogram and kg take no prefix ("kkg" is unknown); "boolean" and "integer" are not units.
std::optional<UnitInfo> lookup_unit(std::string_view name);

/// Every name `lookup_unit` knows, sorted, for did-you-mean suggestions.
std::vector<std::string> all_unit_names();

}  // namespace nj::units
