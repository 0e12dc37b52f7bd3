// Standard normal variates by the ziggurat method (Marsaglia & Tsang, J. Stat. Softw. 5(8), 2000).
//
// The density f(x) = exp(-x²/2) (x >= 0, unnormalised) is covered by 256 horizontal strips of
// equal area v: strip 0 is the base (width x[0] = v / f(r), holding the tail beyond r), strip i
// spans heights f(x[i]) .. f(x[i+1]) with width x[i]. A uniform point of a random strip that lies
// left of x[i+1] is under the curve for sure, which happens for about 99 % of draws: one 64-bit
// word, a multiply and a compare, no log or cosine (Box–Muller needs both for every variate).
// The rest take the wedge test against f, or (strip 0) Marsaglia's exact tail sampler.
//
// Requires: a source with next_u64() and next_uniform() / next_open_uniform() (counter_rng.h's
//           UniformSource), so the extra uniforms of rare draws stay deterministic.
// Ensures:  exactly N(0, 1) distributed (up to the 53-bit resolution of the uniform).
#pragma once

#include <array>
#include <cmath>
#include <cstdint>

namespace nj::rt {

/// The strip edges x[0..256] and the density at them, f[i] = exp(-x[i]²/2).
struct ZigguratTables {
    static constexpr int strips = 256;
    /// Right edge of the last strip below the tail, and the common strip area (the published
    /// values for 256 strips).
    static constexpr double r = 3.6541528853610088;
    static constexpr double v = 4.92867323399e-3;
    std::array<double, strips + 1> x{};
    std::array<double, strips + 1> f{};

    ZigguratTables() {
        auto density = [](double t) { return std::exp(-0.5 * t * t); };
        x[0] = v / density(r);
        x[1] = r;
        for (int i = 2; i < strips; ++i) x[i] = std::sqrt(-2.0 * std::log(v / x[i - 1] + density(x[i - 1])));
        x[strips] = 0.0;
        for (int i = 0; i <= strips; ++i) f[i] = density(x[i]);
    }
};

inline const ZigguratTables& ziggurat_tables() {
    static const ZigguratTables tables;
    return tables;
}

/// The rest of ziggurat_normal once `bits` fell outside its strip's core: the tail or the wedge,
/// then new bits until one is accepted. Kept out of line: it runs for about 1 % of the draws.
template <typename Source>
[[gnu::noinline]] double ziggurat_normal_rest(Source& source, uint64_t bits) {
    const ZigguratTables& z = ziggurat_tables();
    for (;; bits = source.next_u64()) {
        const int strip = static_cast<int>(bits & 0xFFu);    // bits 0-7: the strip
        const bool negative = (bits >> 8) & 1u;               // bit 8: the sign
        const double u = static_cast<double>(bits >> 11) * 0x1p-53;  // bits 11-63: position
        const double x = u * z.x[strip];
        if (x < z.x[strip + 1]) return negative ? -x : x;     // inside the strip's core
        if (strip == 0) {
            // the tail beyond r: x = r + e1 / r, accepted when 2 e2 > (e1 / r)², e exponential
            double t = 0.0, e = 0.0;
            do {
                t = -std::log(source.next_open_uniform()) / ZigguratTables::r;
                e = -std::log(source.next_open_uniform());
            } while (e + e < t * t);
            return negative ? -(ZigguratTables::r + t) : ZigguratTables::r + t;
        }
        // the wedge between the core and the curve
        const double height = z.f[strip] + source.next_uniform() * (z.f[strip + 1] - z.f[strip]);
        if (height < std::exp(-0.5 * x * x)) return negative ? -x : x;
    }
}

/// One standard normal from `source`: the common case (a point inside its strip's core) inline.
template <typename Source>
inline double ziggurat_normal(Source& source) {
    const ZigguratTables& z = ziggurat_tables();
    const uint64_t bits = source.next_u64();
    const int strip = static_cast<int>(bits & 0xFFu);
    const double x = static_cast<double>(bits >> 11) * 0x1p-53 * z.x[strip];
    if (x < z.x[strip + 1]) return (bits >> 8) & 1u ? -x : x;
    return ziggurat_normal_rest(source, bits);
}

}  // namespace nj::rt
