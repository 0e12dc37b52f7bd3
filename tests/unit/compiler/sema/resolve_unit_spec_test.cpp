// Tests resolve_unit_spec.cpp: written units (after ':' in equations, parameters and functions)
// to dimensions, booleans and integers; prefixes refused in equations; unknown units.
#include "check_helpers.h"

#include "compiler/sema/resolve_unit_spec.h"

#include <doctest/doctest.h>

using nj::sema::ExprType;
using nj::sema::resolve_unit_spec;
using nj::sema::testing::collect;
using nj::sema::testing::Diag;
using nj::units::Dimension;
using nj::units::Rational;

namespace {

struct Resolved {
    ExprType type;
    std::vector<Diag> diags;
};

// Resolves the unit written in `param x : SPEC = 0`; SPEC starts at column 11.
Resolved resolve(const std::string& spec, bool base_units_only = false) {
    nj::support::SourceManager sources;
    nj::support::DiagnosticEngine engine(sources);
    auto file = sources.add_buffer("unit.nj", "param x : " + spec + " = 0\n");
    auto parsed = nj::parse::parse_file(file, sources, engine);
    REQUIRE(parsed);
    const auto& param = std::get<nj::ast::ParamDecl>(parsed->items.at(0));
    REQUIRE(param.unit);
    Resolved r;
    r.type = resolve_unit_spec(*param.unit, engine, base_units_only);
    r.diags = collect(engine);
    return r;
}

}  // namespace

TEST_CASE("resolve_unit_spec: base and derived unit names give their dimensions") {
    CHECK(resolve("volt").type.dim == Dimension::volt());
    CHECK(resolve("volt/second").type.dim == Dimension::volt() / Dimension::second());
    CHECK(resolve("siemens/metre**2").type.dim ==
          Dimension::siemens() / Dimension::metre().pow(2));
    CHECK(resolve("amp*second").type.dim == Dimension::coulomb());
    CHECK(resolve("(metre/second)**2").type.dim ==
          (Dimension::metre() / Dimension::second()).pow(2));
    CHECK(resolve("volt").diags.empty());
}

TEST_CASE("resolve_unit_spec: 1/metre and metre**-1 are the same inverse unit") {
    Resolved a = resolve("1/metre");
    Resolved b = resolve("metre**-1");
    CHECK(a.type.is_number());
    CHECK(a.type.dim == Dimension::metre().pow(-1));
    CHECK(b.type.dim == a.type.dim);
    CHECK(resolve("1/second**2").type.dim == Dimension::second().pow(-2));
}

TEST_CASE("resolve_unit_spec: 1 is dimensionless, boolean a condition, integer a whole number") {
    Resolved one = resolve("1");
    CHECK(one.type.is_number());
    CHECK(one.type.dim.is_dimensionless());
    CHECK_FALSE(one.type.integer);
    CHECK(resolve("boolean").type.is_boolean());
    CHECK(resolve("bool").type.is_boolean());
    Resolved integer = resolve("integer");
    CHECK(integer.type.is_number());
    CHECK(integer.type.integer);
}

TEST_CASE("resolve_unit_spec: prefixed units are allowed outside equations") {
    Resolved mv = resolve("mV");
    CHECK(mv.diags.empty());
    CHECK(mv.type.dim == Dimension::volt());
    CHECK(resolve("uS/cm**2").type.dim == Dimension::siemens() / Dimension::metre().pow(2));
}

TEST_CASE("resolve_unit_spec: equations refuse prefixed units") {
    Resolved r = resolve("mV/second", true);
    CHECK(r.type.is_poison());
    REQUIRE(r.diags.size() == 1);
    CHECK(r.diags[0].code_at() == "units.unknown 1:11");
    CHECK(r.diags[0].message == "equations must state units without a prefix: 'mV' is a scaled "
                                "unit");
    CHECK(resolve("volt/second", true).diags.empty());
    CHECK(resolve("metre**-1", true).diags.empty());
}

TEST_CASE("resolve_unit_spec: an unknown unit is reported with a suggestion") {
    Resolved r = resolve("volts/secnd");
    CHECK(r.type.is_poison());
    REQUIRE(r.diags.size() == 2);
    CHECK(r.diags[0].code_at() == "units.unknown 1:11");
    CHECK(r.diags[0].message == "unknown unit 'volts'");
    CHECK(r.diags[0].help() == "did you mean 'volt'?");
    CHECK(r.diags[1].code_at() == "units.unknown 1:17");
    CHECK(r.diags[1].help() == "did you mean 'second'?");
}

TEST_CASE("resolve_unit_spec: boolean and integer stand alone") {
    Resolved r = resolve("boolean/second");
    CHECK(r.type.is_poison());
    REQUIRE(r.diags.size() == 1);
    CHECK(r.diags[0].code_at() == "units.unknown 1:11");
    CHECK(r.diags[0].help() == "'boolean' must stand alone after ':'");
}

TEST_CASE("resolve_unit_spec: a fractional power of a unit is allowed") {
    Resolved r = resolve("second**-0.5");
    CHECK(r.diags.empty());
    CHECK(r.type.dim == Dimension::second().pow(Rational(-1, 2)));
}
