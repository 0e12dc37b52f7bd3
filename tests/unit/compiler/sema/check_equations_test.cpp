// Tests check_equations.cpp: declaring the variables of equation blocks, their units and flags,
// the unit of each right-hand side (dx/dt has unit(x)/second) and subexpression cycles.
#include "check_helpers.h"

#include <doctest/doctest.h>

using nj::sema::Variable;
using nj::sema::testing::check;
using nj::sema::testing::Checked;
using nj::sema::testing::src;
using nj::units::Dimension;

namespace {

// A neuron type N with `equations` (lines 4 on, indented by 4) and a group G of it; tau = 10 ms.
Checked check_equations(const std::string& equations, const std::string& clauses = "") {
    return check("param tau = 10 ms\nneuron N {\n  equations {\n" + equations + "  }\n" + clauses +
                 "}\ngroup G = N(10)\nprint tau\n");
}

}  // namespace

TEST_CASE("check_equations: dx/dt has the unit of x per second") {
    Checked c = check_equations(
        "    dv/dt = (I * 1 ohm - v) / tau : volt\n"
        "    I : amp\n"
        "    dx/dt = -x / tau : 1\n"
        "    dq/dt = -q / tau : metre**-1\n");
    CHECK(c.codes() == "");
    const auto* g = c.group("G");
    REQUIRE(g);
    REQUIRE(g->variables.find("q"));
    CHECK(g->variables.find("q")->type.dim == Dimension::metre().pow(-1));
}

TEST_CASE("check_equations: a right side without the 1/second is units.equation") {
    Checked c = check_equations("    dv/dt = -v : volt\n");
    auto d = c.only();
    CHECK(d.code_at() == "units.equation 4:13");
    CHECK(d.message == "the right side of 'dv/dt' must be in volt/second (the unit of 'v' per "
                       "second), but it is volt");
    REQUIRE(d.labels.size() == 2);
    CHECK(d.labels[0] == "4:13 volt");
    CHECK(d.labels[1] == "4:18 volt");
}

TEST_CASE("check_equations: a dimensionless variable's derivative is in hertz") {
    auto d = check_equations("    dx/dt = -x : 1\n").only();
    CHECK(d.code_at() == "units.equation 4:13");
    CHECK(d.message.find("must be in hertz (the unit of 'x' per second), but it is dimensionless") !=
          std::string::npos);
}

TEST_CASE("check_equations: units written as 1/metre or metre**-1 are the same") {
    Checked c = check_equations(
        "    da/dt = 1 / (metre * second) : 1/metre\n"
        "    db/dt = a / second : metre**-1\n"
        "    dc/dt = a / second : metre\n");
    auto d = c.only();
    CHECK(d.code_at() == "units.equation 6:13");
    CHECK(d.message.find("must be in metre/second") != std::string::npos);
    CHECK(d.message.find("but it is 1/(metre*second)") != std::string::npos);
}

TEST_CASE("check_equations: a plain zero is a right side of any unit") {
    CHECK(check_equations("    dv/dt = 0 : volt\n    x = 0 : amp\n").codes() == "");
}

TEST_CASE("check_equations: a subexpression must have its declared unit") {
    Checked c = check_equations(
        "    dv/dt = -v / tau : volt\n"
        "    z = v / tau : volt\n");
    auto d = c.only();
    CHECK(d.code_at() == "units.equation 5:9");
    CHECK(d.message == "'z' is declared in volt, but it is volt/second");
}

TEST_CASE("check_equations: a boolean subexpression needs a condition") {
    Checked c = check_equations(
        "    dv/dt = -v / tau : volt\n"
        "    up = v > 1 mV : boolean\n"
        "    down = v : boolean\n");
    auto d = c.only();
    CHECK(d.code_at() == "units.equation 6:12");
    CHECK(d.message == "'down' is declared boolean, but its expression is volt");
}

TEST_CASE("check_equations: a differential equation cannot be boolean") {
    auto d = check_equations("    db/dt = 0 : boolean\n").only();
    CHECK(d.code_at() == "type.mismatch 4:17");
    CHECK(d.message == "a differential equation cannot have the unit 'boolean'");
}

TEST_CASE("check_equations: noise xi (second**-1/2) balances in a differential equation") {
    Checked c = check_equations(
        "    dv/dt = -v / tau + sigma * xi * sqrt(2 / tau) : volt\n"
        "    sigma : volt\n"
        "    dx/dt = -x / tau + xi_1 / sqrt(tau) + xi_2 * sqrt(1 / tau) : 1\n");
    CHECK(c.codes() == "");
}

TEST_CASE("check_equations: noise with the wrong scaling is a unit error of the equation") {
    auto d = check_equations("    dv/dt = -v / tau + sigma * xi / tau : volt\n    sigma : volt\n")
                 .only();
    CHECK(d.code_at() == "units.mismatch 4:22");
    CHECK(d.message == "cannot add volt/second and volt * second**(-3/2)");
}

TEST_CASE("check_equations: noise is refused in a subexpression") {
    auto d = check_equations("    dv/dt = -v / tau : volt\n    n = xi * 1 : 1\n").only();
    CHECK(d.code_at() == "type.mismatch 5:9");
    CHECK(d.message == "the noise term 'xi' may only appear in a differential equation");
}

TEST_CASE("check_equations: equation units must be SI units without a prefix") {
    auto d = check_equations("    dv/dt = -v / tau : mV\n").only();
    CHECK(d.code_at() == "units.unknown 4:24");
    CHECK(d.message == "equations must state units without a prefix: 'mV' is a scaled unit");
    CHECK(d.help() == "write the SI unit (e.g. 'volt' instead of 'mV'); values are stored in SI");
}

TEST_CASE("check_equations: an unknown unit in an equation suggests a known one") {
    auto d = check_equations("    u : volts\n").only();
    CHECK(d.code_at() == "units.unknown 4:9");
    CHECK(d.message == "unknown unit 'volts'");
    CHECK(d.help() == "did you mean 'volt'?");
}

TEST_CASE("check_equations: a variable defined twice is equations.duplicate_variable") {
    auto d = check_equations("    dv/dt = -v / tau : volt\n    v : volt\n").only();
    CHECK(d.code_at() == "equations.duplicate_variable 5:5");
    CHECK(d.message == "the variable 'v' is defined twice");
    REQUIRE(d.labels.size() == 1);
    CHECK(d.labels[0] == "4:6 first defined here");
}

TEST_CASE("check_equations: Brian2's special names cannot be variables") {
    Checked c = check_equations(
        "    t : second\n"
        "    i : 1\n"
        "    lastspike : second\n"
        "    xi_3 : 1\n"
        "    N_post : 1\n");
    CHECK(c.codes() == "names.reserved 4:5, names.reserved 5:5, names.reserved 6:5, "
                       "names.reserved 7:5, names.reserved 8:5");
    CHECK(c.diags[0].message == "'t' is a built-in name and cannot be a variable");
}

TEST_CASE("check_equations: an unknown flag suggests the closest known one") {
    auto d = check_equations("    u : volt (constnt)\n").only();
    CHECK(d.code_at() == "equations.flag_unknown 4:15");
    CHECK(d.message == "unknown flag 'constnt'");
    CHECK(d.help() == "did you mean 'constant'?");
}

TEST_CASE("check_equations: neuron flags are allowed only on their kind of equation") {
    Checked c = check_equations(
        "    dv/dt = -v / tau : volt (unless refractory)\n"
        "    dw/dt = -w / tau : 1 (event-driven)\n"
        "    x = v : volt (unless refractory)\n"
        "    y = v : volt (summed)\n"
        "    u : volt (constant, shared, linked)\n"
        "    dz/dt = -z / tau : 1 (constant)\n",
        "  threshold: v > 1 mV\n");
    CHECK(c.codes() == "equations.flag_invalid 5:27, equations.flag_invalid 6:19, "
                       "equations.flag_invalid 7:19, equations.flag_invalid 9:27");
    CHECK(c.diags[0].message ==
          "the flag 'event-driven' is not allowed on a differential equation of neurons");
    CHECK(c.diags[1].message ==
          "the flag 'unless refractory' is not allowed on a subexpression of neurons");
    CHECK(c.diags[2].message == "the flag 'summed' is not allowed on a subexpression of neurons");
}

TEST_CASE("check_equations: synapse flags are allowed only on their kind of equation") {
    Checked c = check(src(R"(
        neuron N {
          equations {
            dv/dt = -v / (10 ms) : volt
            I : amp
          }
        }
        group G = N(2)
        synapses S(G -> G) {
          equations {
            dw/dt = -w / (10 ms) : 1 (event-driven)
            dy/dt = -y / (10 ms) : 1 (clock-driven)
            I_post = w * amp : amp (summed)
            x : 1 (unless refractory)
          }
        }
    )"));
    auto d = c.only();
    CHECK(d.code_at() == "equations.flag_invalid 13:12");
    CHECK(d.message == "the flag 'unless refractory' is not allowed on a parameter of synapses");
}

TEST_CASE("check_equations: a flag given twice is equations.flag_conflict") {
    auto d = check_equations("    p : 1 (constant, constant)\n").only();
    CHECK(d.code_at() == "equations.flag_conflict 4:22");
    CHECK(d.message == "the flag 'constant' is given twice");
}

TEST_CASE("check_equations: event-driven and clock-driven together conflict") {
    Checked c = check(src(R"(
        synapse S {
          equations {
            dw/dt = -w / (10 ms) : 1 (event-driven, clock-driven)
          }
          on_pre: w += 1
        }
    )"));
    CHECK(c.codes() == "equations.flag_conflict 3:5");  // no unused warnings after an error
    CHECK(c.diags[0].message == "an equation cannot be both event-driven and clock-driven");
}

TEST_CASE("check_equations: subexpressions that depend on each other are a cycle") {
    Checked c = check_equations(
        "    dv/dt = (a - v) / tau : volt\n"
        "    a = b + v : volt\n"
        "    b = c : volt\n"
        "    c = a : volt\n");
    auto d = c.only();
    CHECK(d.code_at() == "equations.cycle 5:5");
    CHECK(d.message == "subexpressions depend on each other: 'a' → 'b' → 'c' → 'a'");
}

TEST_CASE("check_equations: a subexpression that uses itself is a cycle") {
    auto d = check_equations("    d = d + 1 : 1\n").only();
    CHECK(d.code_at() == "equations.cycle 4:5");
    CHECK(d.message == "subexpressions depend on each other: 'd' → 'd'");
}

TEST_CASE("check_equations: a chain of subexpressions and a state that uses itself are fine") {
    Checked c = check_equations(
        "    dv/dt = (a - v) / tau : volt\n"
        "    a = b + c : volt\n"
        "    b = 2 * c : volt\n"
        "    c = v : volt\n");
    CHECK(c.codes() == "");
}

TEST_CASE("check_equations: each variable records its role, unit and flags") {
    Checked c = check_equations(
        "    dv/dt = -v / tau : volt (unless refractory)\n"
        "    I = v / (1 ohm) : amp\n"
        "    g : siemens (constant)\n"
        "    on : boolean\n"
        "    n : integer\n",
        "  threshold: v > 1 mV\n");
    CHECK(c.codes() == "");
    const auto* g = c.group("G");
    REQUIRE(g);
    const Variable* v = g->variables.find("v");
    REQUIRE(v);
    CHECK(v->role == Variable::Role::State);
    CHECK(v->has_flag("unless refractory"));
    CHECK(g->variables.find("I")->role == Variable::Role::Subexpression);
    CHECK(g->variables.find("I")->type.dim == Dimension::amp());
    CHECK(g->variables.find("g")->role == Variable::Role::Parameter);
    CHECK(g->variables.find("g")->has_flag("constant"));
    CHECK(g->variables.find("on")->type.is_boolean());
    CHECK(g->variables.find("n")->type.integer);
}
