// Physical dimensions as exponents of the seven SI base units, with their algebra.
#pragma once

#include "compiler/units/rational.h"

#include <array>
#include <string_view>

namespace nj::units {

/// Number of SI base units.
inline constexpr int base_unit_count = 7;

/// Index of metre in `Dimension::exponents` (Brian2's order: m, kg, s, A, K, mol, cd).
inline constexpr int metre_index = 0;
/// Index of kilogram.
inline constexpr int kilogram_index = 1;
/// Index of second.
inline constexpr int second_index = 2;
/// Index of amp.
inline constexpr int amp_index = 3;
/// Index of kelvin.
inline constexpr int kelvin_index = 4;
/// Index of mole.
inline constexpr int mole_index = 5;
/// Index of candela.
inline constexpr int candela_index = 6;

/// The name of base unit `index` ("metre", "kilogram", "second", "amp", "kelvin", "mole",
/// "candela"); "" for an index out of range.
std::string_view base_unit_name(int index);

/// A physical dimension: the exponent of each SI base unit (metre, kilogram, second, amp,
/// kelvin, mole, candela). Volt is metre**2 * kilogram * second**-3 * amp**-1. Exponents are
/// exact fractions because square roots (noise terms) occur.
struct Dimension {
    /// Exponents indexed by `metre_index` ... `candela_index`.
    std::array<Rational, base_unit_count> exponents{};

    /// The dimension of a pure number.
    static Dimension dimensionless() { return Dimension{}; }
    /// Base unit `index` to the first power; dimensionless for an index out of range.
    static Dimension base(int index);
    /// metre**a * kilogram**b * second**c * amp**d * kelvin**e * mole**f * candela**g.
    static Dimension from_ints(int m, int kg, int s, int a, int k = 0, int mol = 0, int cd = 0);

    /// metre.
    static Dimension metre() { return base(metre_index); }
    /// kilogram.
    static Dimension kilogram() { return base(kilogram_index); }
    /// second.
    static Dimension second() { return base(second_index); }
    /// amp.
    static Dimension amp() { return base(amp_index); }
    /// kelvin.
    static Dimension kelvin() { return base(kelvin_index); }
    /// mole.
    static Dimension mole() { return base(mole_index); }
    /// candela.
    static Dimension candela() { return base(candela_index); }
    /// hertz = 1/second.
    static Dimension hertz() { return from_ints(0, 0, -1, 0); }
    /// volt = kg m^2 s^-3 A^-1.
    static Dimension volt() { return from_ints(2, 1, -3, -1); }
    /// siemens = 1/ohm.
    static Dimension siemens() { return from_ints(-2, -1, 3, 2); }
    /// farad = coulomb/volt.
    static Dimension farad() { return from_ints(-2, -1, 4, 2); }
    /// ohm = volt/amp.
    static Dimension ohm() { return from_ints(2, 1, -3, -2); }
    /// coulomb = amp*second.
    static Dimension coulomb() { return from_ints(0, 0, 1, 1); }
    /// joule = newton*metre.
    static Dimension joule() { return from_ints(2, 1, -2, 0); }
    /// watt = joule/second.
    static Dimension watt() { return from_ints(2, 1, -3, 0); }
    /// newton = kg m s^-2.
    static Dimension newton() { return from_ints(1, 1, -2, 0); }
    /// pascal = newton/metre**2.
    static Dimension pascal() { return from_ints(-1, 1, -2, 0); }
    /// weber = volt*second.
    static Dimension weber() { return from_ints(2, 1, -2, -1); }
    /// tesla = weber/metre**2.
    static Dimension tesla() { return from_ints(0, 1, -2, -1); }
    /// henry = weber/amp.
    static Dimension henry() { return from_ints(2, 1, -2, -2); }

    /// The exponent of base unit `index` (0 for an index out of range).
    Rational exponent(int index) const;
    /// Every exponent multiplied by `power` (volt.pow(2) is volt**2).
    Dimension pow(Rational power) const;
    /// Every exponent halved (sqrt of hertz is second**(-1/2)).
    Dimension sqrt() const { return pow(Rational(1, 2)); }
    /// True when every exponent is zero.
    bool is_dimensionless() const;
    /// Number of base units with a non-zero exponent.
    int factor_count() const;
};

/// Product of dimensions: exponents add.
Dimension operator*(const Dimension& a, const Dimension& b);
/// Quotient of dimensions: exponents subtract.
Dimension operator/(const Dimension& a, const Dimension& b);
/// Same exponents.
bool operator==(const Dimension& a, const Dimension& b);
/// Some exponent differs.
inline bool operator!=(const Dimension& a, const Dimension& b) { return !(a == b); }

}  // namespace nj::units
