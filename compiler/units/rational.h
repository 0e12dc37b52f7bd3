// Exact fractions for unit exponents, so sqrt(hertz) is second**(-1/2) and not 0.49999.
#pragma once

#include <optional>
#include <string>

namespace nj::units {

/// A fraction kept normalised: `den > 0` and `gcd(|num|, den) == 1`, so equal values have
/// equal fields and `==` is a field comparison. Zero is 0/1.
///
/// Arithmetic is exact while results fit in `int`; unit exponents in real models are tiny, so
/// the checker need only refuse absurd powers (a result outside `int` wraps, it is not UB).
struct Rational {
    /// Numerator; carries the sign.
    int num = 0;
    /// Denominator; always positive.
    int den = 1;

    /// Zero.
    constexpr Rational() = default;
    /// The integer `n` (implicit, so `dim.pow(2)` reads naturally).
    constexpr Rational(int n) : num(n) {}  // NOLINT(google-explicit-constructor)
    /// The fraction `n/d`, normalised. A zero denominator is a caller bug; it gives 0.
    Rational(int n, int d);

    /// True when the value is a whole number (`den == 1`).
    bool is_integer() const { return den == 1; }
    /// True when the value is 0.
    bool is_zero() const { return num == 0; }
    /// The value as a double, for scales and cost estimates.
    double to_double() const { return static_cast<double>(num) / den; }
    /// "2", "-1", "1/2", "-3/2".
    std::string to_string() const;
};

/// Exact sum.
Rational operator+(Rational a, Rational b);
/// Exact difference.
Rational operator-(Rational a, Rational b);
/// Negation.
Rational operator-(Rational a);
/// Exact product.
Rational operator*(Rational a, Rational b);
/// Exact quotient. Dividing by zero is a caller bug; it gives 0.
Rational operator/(Rational a, Rational b);
/// Value equality (fields are normalised).
inline bool operator==(Rational a, Rational b) { return a.num == b.num && a.den == b.den; }
/// Value inequality.
inline bool operator!=(Rational a, Rational b) { return !(a == b); }
/// Ordering by value.
bool operator<(Rational a, Rational b);

/// The fraction equal to `value` with denominator at most `max_den` (to within 1e-9), or
/// nullopt when there is none. Turns an exponent literal such as `0.5` or `-1.5` into 1/2, -3/2.
std::optional<Rational> rational_from_double(double value, int max_den = 64);

}  // namespace nj::units
