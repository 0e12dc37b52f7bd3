// Exact fraction arithmetic for unit exponents.
#include "compiler/units/rational.h"

#include <cmath>
#include <numeric>

namespace nj::units {
namespace {

// Intermediates are computed in 64 bits so that products of two ints never overflow; the
// final narrowing to int is well defined (modular) in C++20.
Rational make_normalised(long long n, long long d) {
    if (d == 0) {
        return Rational{};
    }
    if (d < 0) {
        n = -n;
        d = -d;
    }
    long long g = std::gcd(n < 0 ? -n : n, d);
    if (g > 1) {
        n /= g;
        d /= g;
    }
    Rational r;
    r.num = static_cast<int>(n);
    r.den = static_cast<int>(d);
    return r;
}

}  // namespace

Rational::Rational(int n, int d) { *this = make_normalised(n, d); }

std::string Rational::to_string() const {
    if (den == 1) {
        return std::to_string(num);
    }
    return std::to_string(num) + "/" + std::to_string(den);
}

Rational operator+(Rational a, Rational b) {
    return make_normalised(
        static_cast<long long>(a.num) * b.den + static_cast<long long>(b.num) * a.den,
        static_cast<long long>(a.den) * b.den);
}

Rational operator-(Rational a, Rational b) { return a + (-b); }

Rational operator-(Rational a) { return make_normalised(-static_cast<long long>(a.num), a.den); }

Rational operator*(Rational a, Rational b) {
    return make_normalised(static_cast<long long>(a.num) * b.num,
                           static_cast<long long>(a.den) * b.den);
}

Rational operator/(Rational a, Rational b) {
    return make_normalised(static_cast<long long>(a.num) * b.den,
                           static_cast<long long>(a.den) * b.num);
}

bool operator<(Rational a, Rational b) {
    // Denominators are positive, so cross-multiplying keeps the order.
    return static_cast<long long>(a.num) * b.den < static_cast<long long>(b.num) * a.den;
}

std::optional<Rational> rational_from_double(double value, int max_den) {
    if (!std::isfinite(value) || std::fabs(value) > 1e6 || max_den < 1) {
        return std::nullopt;
    }
    for (int d = 1; d <= max_den; ++d) {
        double scaled = value * d;
        double rounded = std::round(scaled);
        if (std::fabs(scaled - rounded) <= 1e-9 * d) {
            return Rational(static_cast<int>(rounded), d);
        }
    }
    return std::nullopt;
}

}  // namespace nj::units
