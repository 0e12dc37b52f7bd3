// Chooses and prints the simplest spelling of a dimension for diagnostics.
#include "compiler/units/format_dimension.h"

#include "compiler/units/named_units.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <string_view>
#include <tuple>
#include <vector>

namespace nj::units {
namespace {

struct Factor {
    std::string_view name;
    Rational exponent;
};

// One way of writing a dimension, with what makes it simpler than another.
struct Spelling {
    std::vector<Factor> factors;
    double exponent_sum = 0.0;
    int named_count = 0;
    int worst_rank = -1;  // latest named unit used; -1 (only base units) wins ties
};

// Fewest factors, then smallest powers, then fewest and most familiar named units.
auto cost(const Spelling& s) {
    return std::make_tuple(s.factors.size(), s.exponent_sum, s.named_count, s.worst_rank);
}

void add_base_factors(const Dimension& dim, Spelling& spelling) {
    for (int i = 0; i < base_unit_count; ++i) {
        Rational e = dim.exponent(i);
        if (!e.is_zero()) {
            spelling.factors.push_back({base_unit_name(i), e});
            spelling.exponent_sum += std::fabs(e.to_double());
        }
    }
}

Spelling base_spelling(const Dimension& dim) {
    Spelling s;
    add_base_factors(dim, s);
    return s;
}

struct NamedPower {
    int rank;
    int power;
};

// Writes `dim` as the given named powers times at most `3 - named.size()` base units, and
// keeps it if it is simpler than `best`.
void consider(const Dimension& dim, std::initializer_list<NamedPower> named, Spelling& best) {
    auto units = named_units();
    Dimension rest = dim;
    Spelling s;
    for (const NamedPower& n : named) {
        const NamedUnit& unit = units[static_cast<std::size_t>(n.rank)];
        rest = rest / unit.dim.pow(n.power);
        s.factors.push_back({unit.name, Rational(n.power)});
        s.exponent_sum += std::abs(n.power);
        s.worst_rank = std::max(s.worst_rank, n.rank);
        ++s.named_count;
    }
    if (rest.factor_count() > 3 - static_cast<int>(named.size())) {
        return;
    }
    add_base_factors(rest, s);
    if (cost(s) < cost(best)) {
        best = std::move(s);
    }
}

// Named units that may appear in a compound, by rank; base units are left to the base
// spelling.
std::vector<int> compound_ranks() {
    std::vector<int> ranks;
    auto units = named_units();
    for (std::size_t i = 0; i < units.size(); ++i) {
        if (!units[i].is_base && units[i].compound_use != CompoundUse::ExactOnly) {
            ranks.push_back(static_cast<int>(i));
        }
    }
    return ranks;
}

bool pairs_with_named(int rank) {
    return named_units()[static_cast<std::size_t>(rank)].compound_use ==
           CompoundUse::WithNamedUnits;
}

// A negative power of a unit whose inverse has its own name is never the simplest spelling:
// ohm*metre, not metre/siemens.
bool power_allowed(int rank, int power) {
    if (power > 0) {
        return true;
    }
    const NamedUnit& unit = named_units()[static_cast<std::size_t>(rank)];
    return find_named_unit(unit.dim.pow(-1)) == nullptr;
}

// Tries "first**p * second**±1 * base" for every later unit that pairs with `first`.
void try_pairs(const Dimension& dim, const std::vector<int>& ranks, std::size_t first, int p,
               Spelling& best) {
    for (std::size_t j = first + 1; j < ranks.size(); ++j) {
        for (int q : {1, -1}) {
            if (pairs_with_named(ranks[j]) && power_allowed(ranks[j], q)) {
                consider(dim, {{ranks[first], p}, {ranks[j], q}}, best);
            }
        }
    }
}

// Tries "named**p * bases" and "named1**±1 * named2**±1 * base" spellings.
void try_named_spellings(const Dimension& dim, Spelling& best) {
    static constexpr int powers[] = {1, -1, 2, -2, 3, -3};
    static const std::vector<int> ranks = compound_ranks();
    for (std::size_t i = 0; i < ranks.size(); ++i) {
        for (int p : powers) {
            if (!power_allowed(ranks[i], p)) {
                continue;
            }
            consider(dim, {{ranks[i], p}}, best);
            if (std::abs(p) == 1 && pairs_with_named(ranks[i])) {
                try_pairs(dim, ranks, i, p, best);
            }
        }
    }
}

std::string power_text(const Factor& f, Rational exponent) {
    std::string text(f.name);
    if (exponent != Rational(1)) {
        text += "**" + format_exponent(exponent);
    }
    return text;
}

// Brian2's style: "metre**2 * kilogram * second**-3 * amp**-1".
std::string inline_text(const std::vector<Factor>& factors) {
    std::string text;
    for (const Factor& f : factors) {
        if (!text.empty()) {
            text += " * ";
        }
        text += power_text(f, f.exponent);
    }
    return text;
}

std::string join_product(const std::vector<std::string>& parts) {
    std::string text;
    for (const std::string& part : parts) {
        text += text.empty() ? part : "*" + part;
    }
    return text;
}

// Fraction style for a few integer powers: "amp/metre**2", "1/volt", "joule/(kelvin*mole)".
std::string fraction_text(const std::vector<Factor>& factors) {
    std::vector<std::string> numerator;
    std::vector<std::string> denominator;
    for (const Factor& f : factors) {
        if (Rational(0) < f.exponent) {
            numerator.push_back(power_text(f, f.exponent));
        } else {
            denominator.push_back(power_text(f, -f.exponent));
        }
    }
    std::string text = numerator.empty() ? "1" : join_product(numerator);
    if (denominator.size() == 1) {
        text += "/" + denominator.front();
    } else if (denominator.size() > 1) {
        text += "/(" + join_product(denominator) + ")";
    }
    return text;
}

bool all_integer(const std::vector<Factor>& factors) {
    return std::ranges::all_of(factors, [](const Factor& f) { return f.exponent.is_integer(); });
}

}  // namespace

std::string format_exponent(Rational exponent) {
    if (exponent.is_integer()) {
        return exponent.to_string();
    }
    return "(" + exponent.to_string() + ")";
}

std::string format_dimension(const Dimension& dim) {
    if (dim.is_dimensionless()) {
        return "1";
    }
    if (const NamedUnit* named = find_named_unit(dim)) {
        return std::string(named->name);
    }
    Spelling best = base_spelling(dim);
    try_named_spellings(dim, best);
    if (best.factors.size() > 3 || !all_integer(best.factors)) {
        return inline_text(best.factors);
    }
    return fraction_text(best.factors);
}

}  // namespace nj::units
