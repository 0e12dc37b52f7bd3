// A value with a dimension (an SI number, e.g. 0.02 second), its arithmetic and its display.
#pragma once

#include "compiler/units/dimension.h"

#include <string>

namespace nj::units {

/// A number of SI units of `dim`: 20 ms is {0.02, second}.
struct Quantity {
    /// Value in SI units.
    double value = 0.0;
    /// Dimension of the value.
    Dimension dim;
};

/// Product: values multiply, dimensions multiply.
Quantity operator*(const Quantity& a, const Quantity& b);
/// Quotient: values divide, dimensions divide.
Quantity operator/(const Quantity& a, const Quantity& b);
/// Sum. The caller has checked that the dimensions agree; the result has `a`'s.
Quantity operator+(const Quantity& a, const Quantity& b);
/// Difference. The caller has checked that the dimensions agree; the result has `a`'s.
Quantity operator-(const Quantity& a, const Quantity& b);
/// Negation.
Quantity operator-(const Quantity& a);
/// `q` raised to `power`: the value to that power, exponents multiplied.
Quantity pow(const Quantity& q, Rational power);

/// A number with up to 6 significant digits and no trailing zeros: "20", "0.1", "1.5e-07".
std::string format_number(double value);

/// The value in a readable unit. A named SI unit gets the prefix (f p n u m, none, k M G T)
/// that puts the number in [1, 1000): 0.02 second is "20 ms", 1e-9 siemens "1 nS", 5 hertz
/// "5 Hz", -0.065 volt "-65 mV", 2e-3 kilogram "2 g"; zero and values outside the prefixes'
/// range use the bare symbol ("0 V"). A dimensionless value is the bare number ("0.1"); any
/// other dimension follows the number in words ("3 volt/second").
std::string format_quantity(const Quantity& q);

}  // namespace nj::units
