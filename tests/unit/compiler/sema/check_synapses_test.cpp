// Tests check_synapses.cpp: synapses objects and types, their endpoints, pathways, summed
// variables, delays and clauses.
#include "check_helpers.h"

#include <doctest/doctest.h>

using nj::sema::SynapsesInfo;
using nj::sema::testing::check;
using nj::sema::testing::Checked;
using nj::sema::testing::src;

namespace {

// Lines 1-11: a spiking type LIF (v, ge, I_syn parameters, I_leak subexpression), group E of
// 10 and group I of 5; `rest` follows from line 12.
Checked check_net(const std::string& rest) {
    return check(src(R"(
        neuron LIF {
          equations {
            dv/dt = (ge - v) / (10 ms) + I_syn / (1 pF) : volt
            ge : volt
            I_syn : amp
            I_leak = v / (1 ohm) : amp
          }
          threshold: v > 10 mV
        }
        group E = LIF(10)
        group I = LIF(5)
    )") + rest);
}

}  // namespace

TEST_CASE("check_synapses: synapses of a type connect two groups and record their pathways") {
    Checked c = check_net(src(R"(
        synapse STDP {
          equations {
            w : 1
            dapre/dt = -apre / (20 ms) : 1 (event-driven)
          }
          on_pre: ge_post += w * mV; apre += 0.01
          on_post: w = clip(w + apre, 0, 1)
        }
        synapses EI = STDP(E -> I) {
          connect: p = 0.1
          delay: 1.5 ms
          on_pre slow: w -= 0.01
        }
    )"));
    CHECK(c.codes() == "");
    const SynapsesInfo* s = c.synapses("EI");
    REQUIRE(s);
    CHECK(s->type_name == "STDP");
    CHECK(s->pre == c.group("E"));
    CHECK(s->post == c.group("I"));
    CHECK(s->variables.find("w"));
    CHECK(s->variables.find("apre"));
    CHECK(s->pathways == std::vector<std::string>{"on_pre", "on_post", "on_pre slow"});
}

TEST_CASE("check_synapses: synapses may be written inline and connect subgroups") {
    Checked c = check_net("group E_first = E[0:5]\n"
                          "synapses Gap(E_first -> I) {\n"
                          "  equations {\n"
                          "    g_gap : siemens\n"
                          "  }\n"
                          "  on_pre: ge += g_gap * (v_pre - v_post) / (1 nS)\n"
                          "}\n");
    CHECK(c.codes() == "");
    CHECK(c.synapses("Gap")->pre == c.group("E_first"));
}

TEST_CASE("check_synapses: a summed variable adds into a post-synaptic parameter of its unit") {
    Checked c = check_net(
        "synapses S(E -> I) {\n"
        "  equations {\n"
        "    w : 1\n"
        "    I_syn_post = w * (v_pre - v_post) / (1 ohm) : amp (summed)\n"
        "  }\n"
        "}\n");
    CHECK(c.codes() == "");
}

TEST_CASE("check_synapses: a summed variable must name its target with _post or _pre") {
    auto d = check_net("synapses S(E -> I) {\n  equations {\n    I_syn = 1 * amp : amp (summed)\n"
                       "  }\n}\n")
                 .only();
    CHECK(d.code_at() == "equations.flag_invalid 14:5");
    CHECK(d.message ==
          "a summed variable must name its target with '_post' or '_pre', e.g. 'I_syn_post'");
}

TEST_CASE("check_synapses: a summed variable's target must exist") {
    auto d = check_net("synapses S(E -> I) {\n  equations {\n    I_none_post = 1 * amp : amp "
                       "(summed)\n  }\n}\n")
                 .only();
    CHECK(d.code_at() == "names.unknown 14:5");
    CHECK(d.message == "group 'I' has no variable 'I_none' to sum into");
}

TEST_CASE("check_synapses: a summed variable's target must be a parameter, not an equation") {
    auto d = check_net("synapses S(E -> I) {\n  equations {\n    I_leak_post = 1 * amp : amp "
                       "(summed)\n  }\n}\n")
                 .only();
    CHECK(d.code_at() == "equations.flag_invalid 14:5");
    CHECK(d.message.find("must be a parameter of 'I'") != std::string::npos);
    REQUIRE(d.labels.size() == 1);
    CHECK(d.labels[0] == "6:5 declared here");
}

TEST_CASE("check_synapses: a summed variable's unit must match its target") {
    auto d = check_net("synapses S(E -> I) {\n  equations {\n    ge_pre = 1 * amp : amp "
                       "(summed)\n  }\n}\n")
                 .only();
    CHECK(d.code_at() == "units.mismatch 14:5");
    CHECK(d.message == "'ge_pre' is in amp, but its target 'ge' is in volt");
}

TEST_CASE("check_synapses: a delay must be a time") {
    auto d = check_net("synapses S(E -> I) {\n  delay: 2 mV\n}\n").only();
    CHECK(d.code_at() == "units.mismatch 13:10");
    CHECK(d.message == "a delay must be in second, but this is volt");
}

TEST_CASE("check_synapses: an unknown clause lists the clauses of synapses") {
    auto d = check_net("synapses S(E -> I) {\n  on_spike: ge += 1 mV\n}\n").only();
    CHECK(d.code_at() == "clause.unknown 13:3");
    CHECK(d.message == "synapses 'S' has no clause 'on_spike'");
    CHECK(d.help() == "its clauses are: on_pre, on_post, on_event, delay, connect, init, method, "
                      "storage, order, dt, trainable");
}

TEST_CASE("check_synapses: an endpoint that is not a group is reported without follow-on errors") {
    auto d = check_net("param tau = 1 ms\nsynapses S(E -> tau) {\n  on_pre: ge += 1 mV\n}\n")
                 .only();
    CHECK(d.code_at() == "type.mismatch 13:17");
    CHECK(d.message == "synapses connect groups, but this is second");
}

TEST_CASE("check_synapses: an unknown endpoint suggests a declared name") {
    auto d = check_net("synapses S(E -> II) {\n  on_pre: ge += 1 mV\n}\n").only();
    CHECK(d.code_at() == "names.unknown 12:17");
    CHECK(d.help() == "did you mean 'I'?");
}

TEST_CASE("check_synapses: an unknown synapse type suggests a declared one") {
    Checked c = check_net("synapse Static {\n  on_pre: ge += 1 mV\n}\n"
                          "synapses S = Statc(E -> I)\n");
    CHECK(c.codes() == "names.unknown 15:14");
    CHECK(c.diags[0].message == "unknown synapse type 'Statc'");
    CHECK(c.diags[0].help() == "did you mean 'Static'?");
}

TEST_CASE("check_synapses: synapses need one pathway argument") {
    auto d = check_net("synapses S(E) {\n  on_pre: ge += 1 mV\n}\n").only();
    CHECK(d.code_at() == "call.arity 12:1");
    CHECK(d.message == "synapses take one pathway argument, e.g. '(E -> I)'");
}

TEST_CASE("check_synapses: a synapses name defined twice is names.duplicate") {
    auto d = check_net("synapses S(E -> I)\nsynapses S(I -> E)\n").only();
    CHECK(d.code_at() == "names.duplicate 13:10");
    CHECK(d.labels[0] == "12:10 first defined here");
}

TEST_CASE("check_synapses: a type's code is checked against each synapses object's groups") {
    // v exists in E's type, r only in the rate group R: the second object's code is wrong
    Checked c = check_net(src(R"(
        group R(3) {
          equations {
            dr/dt = -r / (10 ms) : 1
          }
        }
        synapse Kick {
          on_pre: v_post += 1 mV
        }
        synapses A = Kick(E -> I)
        synapses B = Kick(E -> R)
    )"));
    auto d = c.only();
    CHECK(d.code_at() == "names.unknown 18:11");
    CHECK(d.message == "unknown name 'v_post'");
}
