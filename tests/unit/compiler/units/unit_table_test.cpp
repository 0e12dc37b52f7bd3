// Tests for the table of unit names (lookup_unit, all_unit_names).
#include "compiler/units/unit_table.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using nj::units::all_unit_names;
using nj::units::Dimension;
using nj::units::lookup_unit;

namespace {

// True when `name` means `scale` SI units of `dim`.
bool means(const char* name, double scale, const Dimension& dim) {
    auto info = lookup_unit(name);
    if (!info) {
        MESSAGE("unknown unit ", name);
        return false;
    }
    return info->scale == doctest::Approx(scale).epsilon(1e-12) && info->dim == dim;
}

}  // namespace

TEST_CASE("lookup_unit: mV is 1e-3 volt") {
    auto mv = lookup_unit("mV");
    REQUIRE(mv.has_value());
    CHECK(mv->scale == doctest::Approx(1e-3));
    CHECK(mv->dim == Dimension::volt());
}

TEST_CASE("lookup_unit: base and derived names with scale 1") {
    using D = Dimension;
    CHECK(means("volt", 1, D::volt()));
    CHECK(means("amp", 1, D::amp()));
    CHECK(means("ampere", 1, D::amp()));
    CHECK(means("second", 1, D::second()));
    CHECK(means("kilogram", 1, D::kilogram()));
    CHECK(means("kilogramme", 1, D::kilogram()));
    CHECK(means("kelvin", 1, D::kelvin()));
    CHECK(means("mole", 1, D::mole()));
    CHECK(means("mol", 1, D::mole()));
    CHECK(means("candela", 1, D::candela()));
    CHECK(means("candle", 1, D::candela()));
    CHECK(means("siemens", 1, D::siemens()));
    CHECK(means("farad", 1, D::farad()));
    CHECK(means("ohm", 1, D::ohm()));
    CHECK(means("hertz", 1, D::hertz()));
    CHECK(means("coulomb", 1, D::coulomb()));
    CHECK(means("joule", 1, D::joule()));
    CHECK(means("watt", 1, D::watt()));
    CHECK(means("newton", 1, D::newton()));
    CHECK(means("pascal", 1, D::pascal()));
    CHECK(means("weber", 1, D::weber()));
    CHECK(means("tesla", 1, D::tesla()));
    CHECK(means("henry", 1, D::henry()));
    CHECK(means("becquerel", 1, D::hertz()));
    CHECK(means("katal", 1, D::mole() / D::second()));
    CHECK(means("gray", 1, D::metre().pow(2) / D::second().pow(2)));
}

TEST_CASE("lookup_unit: British and American spellings agree") {
    CHECK(means("metre", 1, Dimension::metre()));
    CHECK(means("meter", 1, Dimension::metre()));
    CHECK(means("litre", 1e-3, Dimension::metre().pow(3)));
    CHECK(means("liter", 1e-3, Dimension::metre().pow(3)));
    CHECK(means("gram", 1e-3, Dimension::kilogram()));
    CHECK(means("gramme", 1e-3, Dimension::kilogram()));
    CHECK(means("cmetre", 1e-2, Dimension::metre()));
    CHECK(means("cmeter", 1e-2, Dimension::metre()));
    CHECK(means("mliter", 1e-6, Dimension::metre().pow(3)));
}

TEST_CASE("lookup_unit: Brian2's one-letter prefixes on full names") {
    using D = Dimension;
    CHECK(means("mvolt", 1e-3, D::volt()));
    CHECK(means("usecond", 1e-6, D::second()));
    CHECK(means("msecond", 1e-3, D::second()));
    CHECK(means("khertz", 1e3, D::hertz()));
    CHECK(means("nsiemens", 1e-9, D::siemens()));
    CHECK(means("msiemens", 1e-3, D::siemens()));
    CHECK(means("pfarad", 1e-12, D::farad()));
    CHECK(means("Mohm", 1e6, D::ohm()));
    CHECK(means("kohm", 1e3, D::ohm()));
    CHECK(means("namp", 1e-9, D::amp()));
    CHECK(means("damp", 1e-1, D::amp()));  // deci, as in Brian2
    CHECK(means("daamp", 1e1, D::amp()));
    CHECK(means("mmolar", 1.0, D::mole() / D::metre().pow(3)));
    CHECK(means("umolar", 1e-3, D::mole() / D::metre().pow(3)));
    CHECK(means("ymetre", 1e-24, D::metre()));
    CHECK(means("Yvolt", 1e24, D::volt()));
    CHECK(means("mgram", 1e-6, D::kilogram()));
    CHECK(means("kgram", 1.0, D::kilogram()));
}

TEST_CASE("lookup_unit: long SI prefixes on full names") {
    using D = Dimension;
    CHECK(means("millivolt", 1e-3, D::volt()));
    CHECK(means("microsecond", 1e-6, D::second()));
    CHECK(means("kilohertz", 1e3, D::hertz()));
    CHECK(means("nanosiemens", 1e-9, D::siemens()));
    CHECK(means("picofarad", 1e-12, D::farad()));
    CHECK(means("megaohm", 1e6, D::ohm()));
    CHECK(means("micrometre", 1e-6, D::metre()));
    CHECK(means("millimolar", 1.0, D::mole() / D::metre().pow(3)));
    CHECK(means("milligram", 1e-6, D::kilogram()));
    CHECK(means("decametre", 10.0, D::metre()));
}

TEST_CASE("lookup_unit: symbols with prefixes") {
    using D = Dimension;
    CHECK(means("V", 1, D::volt()));
    CHECK(means("A", 1, D::amp()));
    CHECK(means("S", 1, D::siemens()));
    CHECK(means("F", 1, D::farad()));
    CHECK(means("Hz", 1, D::hertz()));
    CHECK(means("s", 1, D::second()));
    CHECK(means("m", 1, D::metre()));
    CHECK(means("g", 1e-3, D::kilogram()));
    CHECK(means("kg", 1, D::kilogram()));
    CHECK(means("K", 1, D::kelvin()));
    CHECK(means("cd", 1, D::candela()));
    CHECK(means("C", 1, D::coulomb()));
    CHECK(means("J", 1, D::joule()));
    CHECK(means("W", 1, D::watt()));
    CHECK(means("N", 1, D::newton()));
    CHECK(means("Pa", 1, D::pascal()));
    CHECK(means("H", 1, D::henry()));
    CHECK(means("T", 1, D::tesla()));
    CHECK(means("Wb", 1, D::weber()));
    CHECK(means("uS", 1e-6, D::siemens()));
    CHECK(means("ms", 1e-3, D::second()));
    CHECK(means("us", 1e-6, D::second()));
    CHECK(means("kHz", 1e3, D::hertz()));
    CHECK(means("MHz", 1e6, D::hertz()));
    CHECK(means("nS", 1e-9, D::siemens()));
    CHECK(means("pF", 1e-12, D::farad()));
    CHECK(means("nA", 1e-9, D::amp()));
    CHECK(means("pA", 1e-12, D::amp()));
    CHECK(means("um", 1e-6, D::metre()));
    CHECK(means("cm", 1e-2, D::metre()));
    CHECK(means("mm", 1e-3, D::metre()));
    CHECK(means("nm", 1e-9, D::metre()));
    CHECK(means("mg", 1e-6, D::kilogram()));
    CHECK(means("mmol", 1e-3, D::mole()));
    CHECK(means("kPa", 1e3, D::pascal()));
    CHECK(means("daPa", 1e1, D::pascal()));
}

TEST_CASE("lookup_unit: molar is mole per litre") {
    Dimension concentration = Dimension::mole() / Dimension::metre().pow(3);
    CHECK(means("molar", 1e3, concentration));
    CHECK(means("M", 1e3, concentration));
    CHECK(means("mM", 1.0, concentration));
    CHECK(means("uM", 1e-3, concentration));
    CHECK(means("nM", 1e-6, concentration));
    // Case matters: nm is a length, Mm a megametre.
    CHECK(means("Mm", 1e6, Dimension::metre()));
}

TEST_CASE("lookup_unit: litre symbols l and L") {
    Dimension volume = Dimension::metre().pow(3);
    CHECK(means("l", 1e-3, volume));
    CHECK(means("L", 1e-3, volume));
    CHECK(means("ml", 1e-6, volume));
    CHECK(means("uL", 1e-9, volume));
}

TEST_CASE("lookup_unit: ohm and omega spellings") {
    CHECK(means("\u03A9", 1, Dimension::ohm()));
    CHECK(means("\u2126", 1, Dimension::ohm()));
    CHECK(means("k\u03A9", 1e3, Dimension::ohm()));
    CHECK(means("M\u03A9", 1e6, Dimension::ohm()));
}

TEST_CASE("lookup_unit: micro signs on symbols") {
    CHECK(means("\u00B5s", 1e-6, Dimension::second()));
    CHECK(means("\u03BCm", 1e-6, Dimension::metre()));
    CHECK(means("\u00B5M", 1e-3, Dimension::mole() / Dimension::metre().pow(3)));
    CHECK_FALSE(lookup_unit("\u00B5volt").has_value());
}

TEST_CASE("lookup_unit: cm2 is 1e-4 metre**2 and other powers") {
    using D = Dimension;
    CHECK(means("cm2", 1e-4, D::metre().pow(2)));
    CHECK(means("um2", 1e-12, D::metre().pow(2)));
    CHECK(means("mm2", 1e-6, D::metre().pow(2)));
    CHECK(means("cm3", 1e-6, D::metre().pow(3)));
    CHECK(means("mm3", 1e-9, D::metre().pow(3)));
    CHECK(means("um3", 1e-18, D::metre().pow(3)));
    CHECK(means("metre2", 1, D::metre().pow(2)));
    CHECK(means("meter3", 1, D::metre().pow(3)));
    CHECK(means("cmetre2", 1e-4, D::metre().pow(2)));
    CHECK(means("umeter3", 1e-18, D::metre().pow(3)));
    CHECK(means("msecond2", 1e-6, D::second().pow(2)));
    CHECK(means("kilogram2", 1, D::kilogram().pow(2)));
    CHECK(means("mol3", 1, D::mole().pow(3)));
    CHECK(means("m2", 1, D::metre().pow(2)));
}

TEST_CASE("lookup_unit: look-alike names keep their own meaning") {
    using D = Dimension;
    CHECK(means("Pa", 1, D::pascal()));
    CHECK(means("PA", 1e15, D::amp()));
    CHECK(means("cd", 1, D::candela()));
    CHECK(means("kat", 1, D::mole() / D::second()));
    CHECK(means("lm", 1, D::candela()));
    CHECK(means("dam", 10, D::metre()));
    CHECK(means("dm", 0.1, D::metre()));
    CHECK(means("mT", 1e-3, D::tesla()));
    CHECK(means("Ts", 1e12, D::second()));
    CHECK(means("mS", 1e-3, D::siemens()));
    CHECK(means("Ms", 1e6, D::second()));
    CHECK(means("mohm", 1e-3, D::ohm()));
    CHECK(means("flux", 1e-15, D::candela() / D::metre().pow(2)));  // femto-lux, as in Brian2
}

TEST_CASE("lookup_unit: dimensionless names") {
    CHECK(means("1", 1, Dimension::dimensionless()));
    CHECK(means("radian", 1, Dimension::dimensionless()));
    CHECK(means("rad", 1, Dimension::dimensionless()));
    CHECK(means("mrad", 1e-3, Dimension::dimensionless()));
    CHECK(means("steradian", 1, Dimension::dimensionless()));
}

TEST_CASE("lookup_unit: unknown names return nullopt") {
    for (const char* name :
         {"mVolt",   "foo",     "kkg",     "kkilogram", "mkilogram", "milli",  "",
          "boolean", "integer", "celsius", "minute",    "hour",      "MV2",    "ms2",
          "volts",   "Volt",    "mm4",     "kg2",       "milliV",    "degree", "0"}) {
        CHECK_MESSAGE(!lookup_unit(name).has_value(), name);
    }
}

TEST_CASE("lookup_unit: scales are powers of ten rounded once") {
    // Parsing "1e-12" rounds once; repeated multiplication could be 1 ulp off.
    auto pf = lookup_unit("pF");
    REQUIRE(pf.has_value());
    CHECK(pf->scale == 1e-12);
    auto um3 = lookup_unit("um3");
    REQUIRE(um3.has_value());
    CHECK(um3->scale == 1e-18);
}

TEST_CASE("all_unit_names: sorted, unique and consistent with lookup_unit") {
    std::vector<std::string> names = all_unit_names();
    CHECK(names.size() > 3000);
    CHECK(std::is_sorted(names.begin(), names.end()));
    CHECK(std::adjacent_find(names.begin(), names.end()) == names.end());
    for (const std::string& name : names) {
        if (!lookup_unit(name).has_value()) {
            FAIL_CHECK("listed but unknown: ", name);
        }
    }
    CHECK(std::binary_search(names.begin(), names.end(), std::string("mV")));
    CHECK(std::binary_search(names.begin(), names.end(), std::string("umetre3")));
    CHECK_FALSE(std::binary_search(names.begin(), names.end(), std::string("kkg")));
}
