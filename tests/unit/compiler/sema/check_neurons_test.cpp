// Tests check_neurons.cpp: neuron types, groups built from them or written inline, subgroups,
// Poisson groups, and group sizes.
#include "check_helpers.h"

#include <doctest/doctest.h>

using nj::sema::GroupInfo;
using nj::sema::testing::check;
using nj::sema::testing::Checked;
using nj::sema::testing::src;

namespace {

// Lines 1-8: n = 10, a spiking neuron type LIF with v and tau_m; `rest` follows from line 9,
// then a line that prints n.
Checked check_lif(const std::string& rest) {
    return check(src(R"(
        param n = 10
        neuron LIF {
          equations {
            dv/dt = -v / tau_m : volt
            tau_m : second (constant)
          }
          threshold: v > 10 mV
        }
    )") + rest + "print n\n");
}

}  // namespace

TEST_CASE("check_neurons: a group of a neuron type has its size, variables and threshold") {
    Checked c = check_lif("group E = LIF(2 * n) {\n  init: v = rand() * mV\n  tau_m = 10 ms\n}\n");
    CHECK(c.codes() == "");
    const GroupInfo* e = c.group("E");
    REQUIRE(e);
    CHECK(e->kind == "group");
    CHECK(e->type_name == "LIF");
    REQUIRE(e->size);
    CHECK(*e->size == 20);
    CHECK(e->has_threshold);
    CHECK(e->variables.find("v"));
    CHECK(e->variables.find("tau_m"));
    CHECK(c.sources->line_col(e->decl.file, e->decl.begin).line == 9);
}

TEST_CASE("check_neurons: a group written inline has its own equations") {
    Checked c = check(src(R"(
        group Rate(100) {
          equations {
            dr/dt = (-r + tanh(I)) / (10 ms) : 1
            I : 1
          }
        }
    )"));
    CHECK(c.codes() == "");
    const GroupInfo* g = c.group("Rate");
    REQUIRE(g);
    CHECK(g->type_name == "");
    CHECK(*g->size == 100);
    CHECK_FALSE(g->has_threshold);
    CHECK(g->variables.find("r"));
}

TEST_CASE("check_neurons: a group body may add equations and a threshold to its type") {
    Checked c = check_lif(
        "group E = LIF(n) {\n  equations {\n    I_ext : amp\n  }\n  reset: v = 0 mV\n}\n");
    CHECK(c.codes() == "");
    CHECK(c.group("E")->variables.find("I_ext"));
}

TEST_CASE("check_neurons: per-neuron values may use i and random numbers") {
    CHECK(check_lif("group E = LIF(n) {\n  tau_m = 10 ms + 10 ms * rand() * i / N\n}\n").codes() ==
          "");
    auto d = check_lif("group E = LIF(n) {\n  tau_m = 10 mV\n}\n").only();
    CHECK(d.code_at() == "units.mismatch 10:11");
    CHECK(d.message == "cannot assign a value in volt to 'tau_m', which is in second");
}

TEST_CASE("check_neurons: a group size must be a whole number") {
    auto d = check_lif("group E = LIF(10.5)\n").only();
    CHECK(d.code_at() == "value.range 9:15");
    CHECK(d.message == "a group size must be a whole number >= 0, but it is 10.5");
    CHECK(check_lif("group E = LIF(n - 11)\n").only().message ==
          "a group size must be a whole number >= 0, but it is -1");
}

TEST_CASE("check_neurons: a group size must be dimensionless") {
    auto d = check_lif("group E = LIF(2 ms)\n").only();
    CHECK(d.code_at() == "units.not_dimensionless 9:15");
    CHECK(d.message == "a group size must be a dimensionless number, but this is second");
}

TEST_CASE("check_neurons: a group size cannot be random") {
    auto d = check_lif("group E = LIF(n * rand())\n").only();
    CHECK(d.code_at() == "type.mismatch 9:19");
    CHECK(d.message == "random numbers ('rand') are not allowed in a group size");
}

TEST_CASE("check_neurons: a group takes exactly one argument, its size") {
    auto d = check_lif("group E = LIF(10, 20)\n").only();
    CHECK(d.code_at() == "call.arity 9:1");
    CHECK(d.message == "a group takes one argument, its size: 'E = LIF(100)'");
}

TEST_CASE("check_neurons: an unknown neuron type suggests a declared one") {
    Checked c = check_lif("group E = LIFF(n)\n");
    CHECK(c.codes() == "names.unknown 9:11");
    const auto& d = c.diags[0];
    CHECK(d.message == "unknown neuron type 'LIFF'");
    CHECK(d.help() == "did you mean 'LIF'?");
}

TEST_CASE("check_neurons: a synapse type cannot build a group") {
    Checked c = check_lif("synapse Static {\n  on_pre: v += 1 mV\n}\ngroup E = Static(n)\n");
    CHECK(c.codes() == "names.wrong_kind 12:11");
    const auto& d = c.diags[0];
    CHECK(d.message == "'Static' is a synapse type, not a neuron type");
}

TEST_CASE("check_neurons: a group name defined twice is names.duplicate") {
    auto d = check_lif("group E = LIF(n)\ngroup E = LIF(3)\n").only();
    CHECK(d.code_at() == "names.duplicate 10:7");
    CHECK(d.message == "'E' is already defined");
    REQUIRE(d.labels.size() == 1);
    CHECK(d.labels[0] == "9:7 first defined here");
}

TEST_CASE("check_neurons: a subgroup is a slice of a group with the group's variables") {
    Checked c = check_lif("group E = LIF(n)\ngroup E_first = E[0:5]\n");
    CHECK(c.codes() == "");
    const GroupInfo* sub = c.group("E_first");
    REQUIRE(sub);
    CHECK(sub->parent == c.group("E"));
    CHECK(sub->type_name == "LIF");
    CHECK(sub->has_threshold);
    CHECK(sub->variables.find("v"));
}

TEST_CASE("check_neurons: a slice of something other than a group is not a subgroup") {
    Checked c = check_lif("param tau = 1 ms\ngroup Bad = tau[0:5]\n");
    CHECK(c.codes() == "type.mismatch 10:13");
    const auto& d = c.diags[0];
    CHECK(d.message == "a subgroup is a slice of a group, e.g. 'E[0:800]'; this is second");
}

TEST_CASE("check_neurons: a Poisson group spikes at a rate in hertz") {
    Checked c = check(src(R"(
        poisson Bg(100, rate = 5 Hz)
        poisson Drive(10, rate = 5 Hz * (1 + sin(t / second + i)))
    )"));
    CHECK(c.codes() == "");
    const GroupInfo* bg = c.group("Bg");
    REQUIRE(bg);
    CHECK(bg->kind == "poisson");
    CHECK(*bg->size == 100);
    CHECK(bg->has_threshold);
}

TEST_CASE("check_neurons: a Poisson rate in another unit is units.mismatch") {
    auto d = check("poisson P(100, rate = 5 mV)\n").only();
    CHECK(d.code_at() == "units.mismatch 1:23");
    CHECK(d.message == "the rate of 'P' must be in hertz, but this is volt");
}

TEST_CASE("check_neurons: a Poisson group needs a rate and takes nothing else") {
    auto missing = check("poisson Q(100)\n").only();
    CHECK(missing.code_at() == "call.missing_argument 1:9");
    CHECK(missing.message == "the Poisson group 'Q' needs a 'rate = ...'");
    auto extra = check("poisson Q(100, rate = 5 Hz, seed = 1)\n").only();
    CHECK(extra.code_at() == "call.unknown_argument 1:36");
    auto body = check("poisson Q(100, rate = 5 Hz) {\n  init: x = 1\n}\n").only();
    CHECK(body.code_at() == "clause.invalid 1:1");
    CHECK(body.message == "a Poisson group takes no body; give its rate as 'rate = ...'");
}

TEST_CASE("check_neurons: a neuron type no group uses is still checked") {
    Checked c = check(src(R"(
        neuron Lonely {
          equations {
            dv/dt = -v : volt
          }
        }
    )"));
    CHECK(c.codes() == "units.equation 3:13");  // no unused warning after an error
}

TEST_CASE("check_neurons: an error in a type used by two groups is reported once") {
    Checked c = check_lif("neuron Bad {\n  equations {\n    dv/dt = -v : volt\n  }\n}\n"
                          "group A = Bad(n)\ngroup B = Bad(n)\n");
    CHECK(c.codes() == "units.equation 11:13");
}

TEST_CASE("check_neurons: a trainable variable's optimiser settings are checked") {
    // lines 1-8 as check_lif; the group from line 9
    auto group = [](const std::string& clause) {
        return check_lif("group E = LIF(n) {\n  equations { g : siemens (trainable)\n h : 1 }\n" + clause + "\n}\n");
    };
    CHECK(group("  trainable g { bounds: 0 nS .. 20 nS; lr: 1e-4 }").codes() == "");
    CHECK(group("  trainable g { bounds: 0 mV .. 20 mV }").codes() == "units.mismatch 12:25");
    CHECK(group("  trainable g { lr: 1 ms }").codes() == "units.mismatch 12:21");
    CHECK(group("  trainable g { lr: h }").codes() == "value.invalid 12:21");
    CHECK(group("  trainable g { step: 1 }").codes() == "clause.unknown 12:17");
    CHECK(group("  trainable h { lr: 1e-4 }").codes() == "clause.invalid 12:13");     // not (trainable)
    CHECK(group("  trainable gg { lr: 1e-4 }").codes() == "names.unknown 12:13");
    CHECK(group("  trainable g: 1e-4").codes() == "clause.invalid 12:3");             // no braces
}
