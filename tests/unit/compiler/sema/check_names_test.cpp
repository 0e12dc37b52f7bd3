// Tests check_names.cpp: what a name refers to (parameters, variables, Brian2's special names,
// units, noise, pre/post-synaptic variables), members, indices and did-you-mean suggestions.
#include "check_helpers.h"

#include <doctest/doctest.h>

using nj::sema::testing::check;
using nj::sema::testing::Checked;
using nj::sema::testing::ExprOptions;
using nj::sema::testing::src;
using nj::sema::testing::type_of;
using nj::sema::testing::Typed;
using nj::support::DiagCode;

namespace {

// Two spiking groups E and I and a rate group R, for synapse code; `code` is the body of the
// synapses S(PRE -> POST) on line 23, column 3.
std::string synapse_model(const std::string& pre_post, const std::string& code) {
    return src(R"(
        param tau = 10 ms
        neuron LIF {
          equations {
            dv/dt = (ge - v) / tau : volt
            ge : volt
            w : 1
          }
          threshold: v > 10 mV
          reset: v = 0 mV
        }
        neuron Rate {
          equations {
            dr/dt = -r / tau : 1
          }
        }
        group E = LIF(10)
        group I = LIF(5)
        group R = Rate(5)
        synapses S()") + pre_post + ") {\n  equations {\n    w : volt\n  }\n  " + code + "\n}\n";
}

}  // namespace

TEST_CASE("check_names: a parameter has its value's unit and constant") {
    Typed t = type_of("tau");
    CHECK(t.unit() == "second");
    CHECK(t.value() == doctest::Approx(0.01));
    CHECK(type_of("rates").unit() == "list of hertz");
    CHECK(type_of("label").unit() == "string");
}

TEST_CASE("check_names: a variable has its declared unit and is never constant") {
    Typed t = type_of("v");
    CHECK(t.unit() == "volt");
    CHECK_FALSE(t.constant());
    CHECK(type_of("g").unit() == "siemens");
    CHECK(type_of("active").unit() == "boolean");
    CHECK(type_of("k").type.integer);
}

TEST_CASE("check_names: t, dt, i, N, lastspike and not_refractory are Brian2's special names") {
    CHECK(type_of("t").unit() == "second");
    CHECK(type_of("dt").unit() == "second");
    CHECK(type_of("i").unit() == "dimensionless");
    CHECK(type_of("i").type.integer);
    CHECK(type_of("N").type.integer);
    CHECK(type_of("lastspike").unit() == "second");
    CHECK(type_of("not_refractory").unit() == "boolean");
    CHECK(type_of("(t - lastspike) / tau + i / N").diags.empty());
}

TEST_CASE("check_names: j is not a name in neuron code") {
    auto d = type_of("j").only();
    CHECK(d.code_at() == "names.unknown 1:1");
    CHECK(d.message == "unknown name 'j'");
}

TEST_CASE("check_names: lastspike and not_refractory exist only in groups with a threshold") {
    Checked c = check(src(R"(
        neuron Rate {
          equations {
            dr/dt = (-r + int(not_refractory)) / (10 ms) : 1
          }
          reset: r = lastspike / second
        }
        group R = Rate(5)
    )"));
    CHECK(c.codes() == "names.unknown 3:23, names.unknown 5:14");
    CHECK(c.diags[0].message == "unknown name 'not_refractory'");
    CHECK(c.diags[1].message == "unknown name 'lastspike'");
}

TEST_CASE("check_names: unit names are values, so Brian2's 20*ms style works") {
    Typed t = type_of("20*ms");
    CHECK(t.unit() == "second");
    CHECK(t.value() == doctest::Approx(0.02));
    Typed scaled = type_of("(v - El) / mV");
    CHECK(scaled.unit() == "dimensionless");
    CHECK(type_of("El / mV").value() == doctest::Approx(-65));
    CHECK(type_of("ohm * metre").unit() == "ohm*metre");
}

TEST_CASE("check_names: an unknown name suggests a declared name first") {
    auto d = type_of("tauu").only();
    CHECK(d.code_at() == "names.unknown 1:1");
    CHECK(d.message == "unknown name 'tauu'");
    CHECK(d.help() == "did you mean 'tau'?");
    CHECK(type_of("2 * El_").only().help() == "did you mean 'El'?");
}

TEST_CASE("check_names: an unknown name that no declaration resembles may be a misspelt unit") {
    auto d = type_of("3 * mVV").only();
    CHECK(d.code_at() == "names.unknown 1:5");
    CHECK(d.help() == "did you mean 'mV'?");
}

TEST_CASE("check_names: an unknown unit after a number is units.unknown with a suggestion") {
    auto d = type_of("3 mss").only();
    CHECK(d.code_at() == "units.unknown 1:1");
    CHECK(d.message == "unknown unit 'mss'");
    CHECK(d.help() == "did you mean 'ms'?");
}

TEST_CASE("check_names: a built-in function named without a call must be called") {
    auto d = type_of("exp + 1").only();
    CHECK(d.code_at() == "names.wrong_kind 1:1");
    CHECK(d.message == "built-in function 'exp' must be called, e.g. 'exp(x)'");
}

TEST_CASE("check_names: a user function named without a call must be called") {
    Checked c = check(src(R"(
        function sq(x) = x * x
        let e = sq
        print e
    )"));
    auto d = c.only();
    CHECK(d.code_at() == "names.wrong_kind 2:9");
    CHECK(d.message == "function 'sq' must be called, e.g. 'sq(x)'");
}

TEST_CASE("check_names: xi is white noise in second**-1/2, allowed only where noise is") {
    ExprOptions noise;
    noise.noise = true;
    CHECK(type_of("xi", noise).unit() == "second**(-1/2)");
    CHECK(type_of("xi_2", noise).unit() == "second**(-1/2)");
    CHECK(type_of("xi * sqrt(tau)", noise).unit() == "dimensionless");
    auto d = type_of("2 * xi").only();
    CHECK(d.code_at() == "type.mismatch 1:5");
    CHECK(d.message == "the noise term 'xi' may only appear in a differential equation");
}

TEST_CASE("check_names: x_pre and x_post name the pre- and post-synaptic variables") {
    Checked c = check(synapse_model("E -> R", "on_pre: r_post += ge_pre / mV; v_pre = 0 mV"));
    CHECK(c.codes() == "");
}

TEST_CASE("check_names: an unsuffixed name in synapse code is a synaptic, else post-synaptic "
          "variable") {
    // r exists only in the post group R; w is both a synaptic (volt) and a post variable of
    // LIF (dimensionless), and the synaptic one wins
    CHECK(check(synapse_model("E -> R", "on_pre: r += 1")).codes() == "");
    CHECK(check(synapse_model("E -> E", "on_pre: ge += w")).codes() == "");
    Checked c = check(synapse_model("E -> E", "on_pre: ge += w_post"));
    CHECK(c.codes() == "units.mismatch 23:17");
    CHECK(c.diags[0].message == "cannot assign a dimensionless value to 'ge', which is in volt");
}

TEST_CASE("check_names: an unsuffixed name of the pre-synaptic group is not visible") {
    Checked c = check(synapse_model("E -> R", "on_pre: r += v / mV"));
    auto d = c.only();
    CHECK(d.code_at() == "names.unknown 23:16");
    CHECK(d.help() == "did you mean 'V'?");
}

TEST_CASE("check_names: an unknown _pre variable suggests the pre group's variables") {
    Checked c = check(synapse_model("E -> E", "on_pre: ge_post += vv_pre"));
    auto d = c.only();
    CHECK(d.code_at() == "names.unknown 23:22");
    CHECK(d.message == "unknown name 'vv_pre'");
    CHECK(d.help() == "did you mean 'v_pre'?");
}

TEST_CASE("check_names: lastspike_pre and not_refractory_post of spiking groups are known") {
    Checked c = check(synapse_model(
        "E -> I", "on_pre: ge_post += (t - lastspike_pre) * mV / ms * int(not_refractory_post)"));
    CHECK(c.codes() == "");
    Checked rate = check(synapse_model("E -> R", "on_pre: r += lastspike_post / second"));
    CHECK(rate.codes() == "names.unknown 23:16");
}

TEST_CASE("check_names: synapse code knows i, j, N_pre, N_post, N_incoming, N_outgoing, "
          "lastupdate") {
    Checked c = check(synapse_model(
        "E -> E",
        "on_pre: ge += (i + j + N_pre + N_post + N_incoming + N_outgoing + N) * mV + "
        "(t - lastupdate) * mV / ms"));
    CHECK(c.codes() == "");
}

TEST_CASE("check_names: a synapse type used by no synapses does not report post-synaptic names") {
    Checked c = check(src(R"(
        synapse Unused {
          equations {
            w : 1
          }
          on_pre: v += w * mV; ge_post += w; q = v_pre
        }
    )"));
    CHECK(c.codes() == "names.unused 1:9");
}

TEST_CASE("check_names: a group's members are its variables and N") {
    Checked c = check(synapse_model("E -> E", "on_pre: ge += w") +
                      "print E.v, E.N, S.w, E.vv\n");
    auto d = c.only();
    CHECK(d.code_at() == "names.unknown 25:22");
    CHECK(d.message == "group 'E' has no variable 'vv'");
    CHECK(d.help() == "did you mean 'v'?");
}

TEST_CASE("check_names: a quantity has no members") {
    auto d = type_of("v.x").only();
    CHECK(d.code_at() == "type.mismatch 1:1");
    CHECK(d.message == "a volt has no member 'x'");
}

TEST_CASE("check_names: indexing a constant list gives its element, also from the end") {
    Typed first = type_of("rates[0]");
    CHECK(first.unit() == "hertz");
    CHECK(first.value() == 1);
    CHECK(type_of("rates[-1]").value() == 2);
    CHECK(type_of("rates[k]").unit() == "hertz");
    CHECK_FALSE(type_of("rates[k]").constant());
}

TEST_CASE("check_names: a constant index outside the list is value.range") {
    auto d = type_of("rates[2]").only();
    CHECK(d.code_at() == "value.range 1:7");
    CHECK(d.message == "index 2 is outside the list of 2 elements");
    CHECK(type_of("rates[-3]").only().code_at() == "value.range 1:7");
}

TEST_CASE("check_names: an index must be dimensionless") {
    auto d = type_of("rates[1 ms]").only();
    CHECK(d.code_at() == "units.not_dimensionless 1:7");
    CHECK(d.message == "an index must be a dimensionless number, not second");
}

TEST_CASE("check_names: a condition cannot be indexed") {
    auto d = type_of("active[0]").only();
    CHECK(d.code_at() == "type.mismatch 1:1");
    CHECK(d.message == "a boolean cannot be indexed");
}
