// The display table of named SI units.
#include "compiler/units/named_units.h"

#include <vector>

namespace nj::units {
namespace {

std::vector<NamedUnit> build_named_units() {
    using D = Dimension;
    using enum CompoundUse;
    return {
        {"volt", "V", 1.0, D::volt(), false, WithNamedUnits},
        {"amp", "A", 1.0, D::amp(), true},
        {"second", "s", 1.0, D::second(), true},
        {"metre", "m", 1.0, D::metre(), true},
        {"kilogram", "g", 1e-3, D::kilogram(), true},
        {"siemens", "S", 1.0, D::siemens(), false, WithNamedUnits},
        {"farad", "F", 1.0, D::farad(), false, WithNamedUnits},
        {"ohm", "ohm", 1.0, D::ohm(), false, WithNamedUnits},
        {"hertz", "Hz", 1.0, D::hertz(), false},
        {"coulomb", "C", 1.0, D::coulomb(), false},
        {"joule", "J", 1.0, D::joule(), false},
        {"watt", "W", 1.0, D::watt(), false},
        {"newton", "N", 1.0, D::newton(), false},
        {"pascal", "Pa", 1.0, D::pascal(), false},
        {"mole", "mol", 1.0, D::mole(), true},
        {"kelvin", "K", 1.0, D::kelvin(), true},
        {"candela", "cd", 1.0, D::candela(), true},
        {"weber", "Wb", 1.0, D::weber(), false, ExactOnly},
        {"tesla", "T", 1.0, D::tesla(), false, ExactOnly},
        {"henry", "H", 1.0, D::henry(), false, ExactOnly},
    };
}

}  // namespace

std::span<const NamedUnit> named_units() {
    static const std::vector<NamedUnit> table = build_named_units();
    return table;
}

const NamedUnit* find_named_unit(const Dimension& dim) {
    for (const NamedUnit& unit : named_units()) {
        if (unit.dim == dim) {
            return &unit;
        }
    }
    return nullptr;
}

}  // namespace nj::units
