// Builds the table of unit names once, from base spellings times SI prefixes and powers.
#include "compiler/units/unit_table.h"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace nj::units {
namespace {

// Which derived spellings a base spelling gets.
constexpr unsigned short_prefixes = 1;  // mvolt, mV, cmetre, kHz
constexpr unsigned long_prefixes = 2;   // millivolt, kilohertz
constexpr unsigned powers = 4;          // metre2, cmetre3, cm2 (plain and short-prefixed)
constexpr unsigned micro_signs = 8;     // µV, μs besides uV, us
constexpr unsigned full_name = short_prefixes | long_prefixes | powers;
constexpr unsigned symbol = short_prefixes | micro_signs;

struct Spelling {
    std::string_view text;
    int exp10;  // the spelling means 10**exp10 SI units of `dim`
    Dimension dim;
    unsigned forms;
};

struct Prefix {
    std::string_view text;
    int exp10;
};

// clang-format off
constexpr Prefix short_prefix_list[] = {
    {"y", -24}, {"z", -21}, {"a", -18}, {"f", -15}, {"p", -12}, {"n", -9}, {"u", -6},
    {"m", -3},  {"c", -2},  {"d", -1},  {"da", 1},  {"h", 2},   {"k", 3},  {"M", 6},
    {"G", 9},   {"T", 12},  {"P", 15},  {"E", 18},  {"Z", 21},  {"Y", 24}};

constexpr Prefix long_prefix_list[] = {
    {"yocto", -24}, {"zepto", -21}, {"atto", -18}, {"femto", -15}, {"pico", -12},
    {"nano", -9},   {"micro", -6},  {"milli", -3}, {"centi", -2},  {"deci", -1},
    {"deca", 1},    {"hecto", 2},   {"kilo", 3},   {"mega", 6},    {"giga", 9},
    {"tera", 12},   {"peta", 15},   {"exa", 18},   {"zetta", 21},  {"yotta", 24}};

// U+00B5 MICRO SIGN and U+03BC GREEK SMALL LETTER MU, both typed for "micro".
constexpr Prefix micro_sign_list[] = {{"\u00B5", -6}, {"\u03BC", -6}};
// clang-format on

// SI base units and their spellings (Brian2 names, symbols, and British/American forms).
void add_base_spellings(std::vector<Spelling>& out) {
    using D = Dimension;
    const D length = D::metre();
    const D mass = D::kilogram();
    // clang-format off
    out.insert(out.end(), {
        {"metre", 0, length, full_name}, {"meter", 0, length, full_name},
        {"m", 0, length, symbol | powers},
        // kilogram is the SI base but takes no prefix; prefixes go on the gram.
        {"kilogram", 0, mass, powers}, {"kilogramme", 0, mass, powers}, {"kg", 0, mass, 0},
        {"gram", -3, mass, full_name}, {"gramme", -3, mass, full_name},
        {"g", -3, mass, symbol},
        {"second", 0, D::second(), full_name}, {"s", 0, D::second(), symbol},
        {"amp", 0, D::amp(), full_name}, {"ampere", 0, D::amp(), full_name},
        {"A", 0, D::amp(), symbol},
        {"kelvin", 0, D::kelvin(), full_name}, {"K", 0, D::kelvin(), symbol},
        {"mole", 0, D::mole(), full_name},
        {"mol", 0, D::mole(), short_prefixes | micro_signs | powers},
        {"candle", 0, D::candela(), full_name}, {"candela", 0, D::candela(), full_name},
        {"cd", 0, D::candela(), symbol},
    });
    // clang-format on
}

// Derived SI units, litre and molar.
void add_derived_spellings(std::vector<Spelling>& out) {
    using D = Dimension;
    const D none = D::dimensionless();
    const D volume = D::metre().pow(3);
    const D concentration = D::mole() / volume;
    const D dose = D::from_ints(2, 0, -2, 0);
    // clang-format off
    out.insert(out.end(), {
        {"radian", 0, none, full_name}, {"rad", 0, none, symbol},
        {"steradian", 0, none, full_name}, {"sr", 0, none, symbol},
        {"hertz", 0, D::hertz(), full_name}, {"Hz", 0, D::hertz(), symbol},
        {"newton", 0, D::newton(), full_name}, {"N", 0, D::newton(), symbol},
        {"pascal", 0, D::pascal(), full_name}, {"Pa", 0, D::pascal(), symbol},
        {"joule", 0, D::joule(), full_name}, {"J", 0, D::joule(), symbol},
        {"watt", 0, D::watt(), full_name}, {"W", 0, D::watt(), symbol},
        {"coulomb", 0, D::coulomb(), full_name}, {"C", 0, D::coulomb(), symbol},
        {"volt", 0, D::volt(), full_name}, {"V", 0, D::volt(), symbol},
        {"farad", 0, D::farad(), full_name}, {"F", 0, D::farad(), symbol},
        {"ohm", 0, D::ohm(), full_name | micro_signs},
        {"\u03A9", 0, D::ohm(), symbol}, {"\u2126", 0, D::ohm(), symbol},
        {"siemens", 0, D::siemens(), full_name}, {"S", 0, D::siemens(), symbol},
        {"weber", 0, D::weber(), full_name}, {"Wb", 0, D::weber(), symbol},
        {"tesla", 0, D::tesla(), full_name}, {"T", 0, D::tesla(), symbol},
        {"henry", 0, D::henry(), full_name}, {"H", 0, D::henry(), symbol},
        {"lumen", 0, D::candela(), full_name}, {"lm", 0, D::candela(), symbol},
        {"lux", 0, D::candela() / D::metre().pow(2), full_name},
        {"lx", 0, D::candela() / D::metre().pow(2), symbol},
        {"becquerel", 0, D::hertz(), full_name}, {"Bq", 0, D::hertz(), symbol},
        {"gray", 0, dose, full_name}, {"Gy", 0, dose, symbol},
        {"sievert", 0, dose, full_name}, {"Sv", 0, dose, symbol},
        {"katal", 0, D::mole() / D::second(), full_name},
        {"kat", 0, D::mole() / D::second(), symbol},
        {"litre", -3, volume, full_name}, {"liter", -3, volume, full_name},
        {"l", -3, volume, symbol}, {"L", -3, volume, symbol},
        {"molar", 3, concentration, full_name}, {"M", 3, concentration, symbol},
        {"1", 0, none, 0},
    });
    // clang-format on
}

struct TransparentHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

using UnitMap = std::unordered_map<std::string, UnitInfo, TransparentHash, std::equal_to<>>;

// Parsing "1eN" is correctly rounded, unlike repeated multiplication by 10.
double power_of_ten(int exp10) {
    std::string text = "1e" + std::to_string(exp10);
    return std::strtod(text.c_str(), nullptr);
}

// The first spelling of a name wins. Only equal meanings collide (kilo+gram is kilogram,
// m+mol is mmol either way); look-alikes such as Pa, cd, kat, damp and dam are distinct names,
// checked in unit_table_test.
void add(UnitMap& map, std::string name, int exp10, const Dimension& dim) {
    map.try_emplace(std::move(name), UnitInfo{power_of_ten(exp10), dim});
}

void add_with_powers(UnitMap& map, const std::string& name, int exp10, const Spelling& s) {
    add(map, name, exp10, s.dim);
    if ((s.forms & powers) != 0) {
        add(map, name + "2", 2 * exp10, s.dim.pow(2));
        add(map, name + "3", 3 * exp10, s.dim.pow(3));
    }
}

void add_spelling(UnitMap& map, const Spelling& s) {
    const std::string text(s.text);
    add_with_powers(map, text, s.exp10, s);
    if ((s.forms & short_prefixes) != 0) {
        for (const Prefix& p : short_prefix_list) {
            add_with_powers(map, std::string(p.text) + text, p.exp10 + s.exp10, s);
        }
    }
    if ((s.forms & micro_signs) != 0) {
        for (const Prefix& p : micro_sign_list) {
            add_with_powers(map, std::string(p.text) + text, p.exp10 + s.exp10, s);
        }
    }
    if ((s.forms & long_prefixes) != 0) {
        for (const Prefix& p : long_prefix_list) {
            add(map, std::string(p.text) + text, p.exp10 + s.exp10, s.dim);
        }
    }
}

UnitMap build_unit_map() {
    std::vector<Spelling> spellings;
    add_base_spellings(spellings);
    add_derived_spellings(spellings);
    UnitMap map;
    map.reserve(4096);
    // Plain spellings first so that, e.g., "kilogram" keeps its own entry.
    for (const Spelling& s : spellings) {
        add(map, std::string(s.text), s.exp10, s.dim);
    }
    for (const Spelling& s : spellings) {
        add_spelling(map, s);
    }
    return map;
}

const UnitMap& unit_map() {
    static const UnitMap map = build_unit_map();
    return map;
}

}  // namespace

std::optional<UnitInfo> lookup_unit(std::string_view name) {
    const UnitMap& map = unit_map();
    auto it = map.find(name);
    if (it == map.end()) {
        return std::nullopt;
    }
    return it->second;
}

std::vector<std::string> all_unit_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        out.reserve(unit_map().size());
        for (const auto& entry : unit_map()) {
            out.push_back(entry.first);
        }
        std::sort(out.begin(), out.end());
        return out;
    }();
    return names;
}

}  // namespace nj::units
