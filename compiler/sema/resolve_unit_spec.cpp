// Resolution of written units to dimensions.
#include "compiler/sema/resolve_unit_spec.h"

#include "compiler/support/did_you_mean.h"
#include "compiler/units/unit_table.h"

#include <cmath>

namespace nj::sema {

using support::DiagCode;

ExprType resolve_unit_spec(const ast::UnitSpec& spec, support::DiagnosticEngine& diags,
                          bool base_units_only) {
    if (spec.factors.size() == 1) {
        const auto& only = spec.factors.front();
        if (only.name == "boolean" || only.name == "bool") return ExprType::boolean();
        if (only.name == "integer") return ExprType::number(units::Dimension::dimensionless(), true);
    }
    units::Dimension dim;
    bool ok = true;
    for (const auto& factor : spec.factors) {
        if (factor.name == "1") continue;
        auto unit = units::lookup_unit(factor.name);
        if (!unit) {
            auto b = diags.report(DiagCode::UnitsUnknown, factor.range,
                                  "unknown unit '" + factor.name + "'");
            std::string help = support::did_you_mean_help(factor.name, units::all_unit_names());
            if (help.empty() && (factor.name == "boolean" || factor.name == "integer")) {
                help = "'" + factor.name + "' must stand alone after ':'";
            }
            if (!help.empty()) b.help(help);
            ok = false;
            continue;
        }
        if (base_units_only && std::fabs(unit->scale - 1.0) > 1e-12) {
            // Brian2 requires base units in equations; so do we, since values are stored in SI.
            diags.report(DiagCode::UnitsUnknown, factor.range,
                         "equations must state units without a prefix: '" + factor.name +
                             "' is a scaled unit")
                .help("write the SI unit (e.g. 'volt' instead of 'mV'); values are stored in SI");
            ok = false;
            continue;
        }
        dim = dim * unit->dim.pow(factor.exponent);
    }
    return ok ? ExprType::number(dim) : ExprType::poison();
}

}  // namespace nj::sema
