// Dimension algebra: exponent-wise products, quotients and powers.
#include "compiler/units/dimension.h"

namespace nj::units {
namespace {

bool valid_index(int index) { return index >= 0 && index < base_unit_count; }

}  // namespace

std::string_view base_unit_name(int index) {
    static constexpr std::array<std::string_view, base_unit_count> names = {
        "metre", "kilogram", "second", "amp", "kelvin", "mole", "candela"};
    return valid_index(index) ? names[static_cast<std::size_t>(index)] : std::string_view{};
}

Dimension Dimension::base(int index) {
    Dimension d;
    if (valid_index(index)) {
        d.exponents[static_cast<std::size_t>(index)] = Rational(1);
    }
    return d;
}

Dimension Dimension::from_ints(int m, int kg, int s, int a, int k, int mol, int cd) {
    Dimension d;
    d.exponents = {Rational(m), Rational(kg),  Rational(s), Rational(a),
                   Rational(k), Rational(mol), Rational(cd)};
    return d;
}

Rational Dimension::exponent(int index) const {
    return valid_index(index) ? exponents[static_cast<std::size_t>(index)] : Rational{};
}

Dimension Dimension::pow(Rational power) const {
    Dimension d;
    for (std::size_t i = 0; i < exponents.size(); ++i) {
        d.exponents[i] = exponents[i] * power;
    }
    return d;
}

bool Dimension::is_dimensionless() const { return factor_count() == 0; }

int Dimension::factor_count() const {
    int count = 0;
    for (const Rational& e : exponents) {
        count += e.is_zero() ? 0 : 1;
    }
    return count;
}

Dimension operator*(const Dimension& a, const Dimension& b) {
    Dimension d;
    for (std::size_t i = 0; i < d.exponents.size(); ++i) {
        d.exponents[i] = a.exponents[i] + b.exponents[i];
    }
    return d;
}

Dimension operator/(const Dimension& a, const Dimension& b) {
    Dimension d;
    for (std::size_t i = 0; i < d.exponents.size(); ++i) {
        d.exponents[i] = a.exponents[i] - b.exponents[i];
    }
    return d;
}

bool operator==(const Dimension& a, const Dimension& b) { return a.exponents == b.exponents; }

}  // namespace nj::units
