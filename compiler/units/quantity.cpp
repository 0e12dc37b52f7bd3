// Quantity arithmetic and printing with SI prefixes.
#include "compiler/units/quantity.h"

#include "compiler/units/format_dimension.h"
#include "compiler/units/named_units.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace nj::units {
namespace {

struct DisplayPrefix {
    std::string_view text;
    int exp10;
};

constexpr DisplayPrefix display_prefixes[] = {{"f", -15}, {"p", -12}, {"n", -9}, {"u", -6},
                                              {"m", -3},  {"", 0},    {"k", 3},  {"M", 6},
                                              {"G", 9},   {"T", 12}};

// A value rounded to 6 significant digits, as mantissa text "d.ddddd" and decimal exponent,
// so that 0.00099999999 counts as 1e-3 and picks "m", not "u".
struct Decimal {
    std::string mantissa;
    int exp10 = 0;
};

Decimal to_decimal(double finite_value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.5e", finite_value);
    std::string s(text);
    std::size_t e = s.find('e');
    return {s.substr(0, e), std::atoi(s.c_str() + e + 1)};
}

// Dividing by 10**by in decimal text keeps 0.02 / 1e-3 exactly 20.
double divided_by_power_of_ten(const Decimal& d, int by) {
    std::string text = d.mantissa + "e" + std::to_string(d.exp10 - by);
    return std::strtod(text.c_str(), nullptr);
}

std::string with_symbol(double value, const NamedUnit& unit) {
    double in_symbol = value / unit.symbol_scale;
    std::string symbol(unit.symbol);
    if (in_symbol == 0.0 || !std::isfinite(in_symbol)) {
        return format_number(in_symbol) + " " + symbol;
    }
    Decimal d = to_decimal(in_symbol);
    for (const DisplayPrefix& p : display_prefixes) {
        if (d.exp10 >= p.exp10 && d.exp10 < p.exp10 + 3) {
            return format_number(divided_by_power_of_ten(d, p.exp10)) + " " + std::string(p.text) +
                   symbol;
        }
    }
    return format_number(in_symbol) + " " + symbol;
}

}  // namespace

Quantity operator*(const Quantity& a, const Quantity& b) {
    return {a.value * b.value, a.dim * b.dim};
}

Quantity operator/(const Quantity& a, const Quantity& b) {
    return {a.value / b.value, a.dim / b.dim};
}

Quantity operator+(const Quantity& a, const Quantity& b) { return {a.value + b.value, a.dim}; }

Quantity operator-(const Quantity& a, const Quantity& b) { return {a.value - b.value, a.dim}; }

Quantity operator-(const Quantity& a) { return {-a.value, a.dim}; }

Quantity pow(const Quantity& q, Rational power) {
    return {std::pow(q.value, power.to_double()), q.dim.pow(power)};
}

std::string format_number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", value);
    std::string out(text);
    return out == "-0" ? "0" : out;
}

std::string format_quantity(const Quantity& q) {
    if (q.dim.is_dimensionless()) {
        return format_number(q.value);
    }
    if (const NamedUnit* unit = find_named_unit(q.dim)) {
        return with_symbol(q.value, *unit);
    }
    return format_number(q.value) + " " + format_dimension(q.dim);
}

}  // namespace nj::units
