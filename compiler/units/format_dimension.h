// Turns a dimension into the unit text a scientist reads in an error message.
#pragma once

#include "compiler/units/dimension.h"

#include <string>

namespace nj::units {

/// The shortest readable spelling of `dim`:
/// - dimensionless: "1";
/// - exactly a named SI unit: its name ("volt", "hertz" for 1/second, "siemens", "weber");
/// - otherwise the spelling with the fewest factors, then the smallest powers, then the fewest
///   and most familiar named units, among
///   - plain base units: "metre/second", "mole/metre**3", "1/second**2";
///   - a named unit to a power 1..3 times at most two base units: "volt/second",
///     "amp/metre**2", "siemens/metre**2", "1/volt", "volt**2", "ohm*metre",
///     "joule/(kelvin*mole)" (never a negative power of a unit whose inverse is named, so
///     "ohm*metre" rather than "metre/siemens"; weber, tesla and henry only stand alone);
///   - two of volt, siemens, farad, ohm times at most one base unit: "siemens/volt";
/// - with more than three factors, or a fractional exponent, Brian2's inline base form:
///   "metre * kilogram * second * amp * kelvin", "second**(-1/2)", "volt * second**(-1/2)".
std::string format_dimension(const Dimension& dim);

/// The exponent as it follows "**": "2", "-3", "(1/2)", "(-3/2)".
std::string format_exponent(Rational exponent);

}  // namespace nj::units
