// Tests check_model.cpp: the order of the checker's steps, type registration, the protocol of
// the root file, and the unused-name warnings.
#include "check_helpers.h"

#include <doctest/doctest.h>

using nj::sema::testing::check;
using nj::sema::testing::Checked;
using nj::sema::testing::src;

TEST_CASE("check_model: a complete small network checks cleanly and is described") {
    Checked c = check(src(R"(
        param n_exc = 80
        param tau_m = 20 ms
        let n_inh = n_exc / 4
        neuron LIF {
          equations {
            dv/dt = (-v + ge) / tau_m : volt (unless refractory)
            dge/dt = -ge / (5 ms) : volt
          }
          threshold: v > 20 mV
          reset: v = 0 mV
          refractory: 2 ms
        }
        synapse Static {
          equations { w : volt }
          on_pre: ge_post += w
        }
        group E = LIF(n_exc)
        group I = LIF(n_inh)
        synapses EI = Static(E -> I) { connect: p = 0.1 }
        monitor spikes(E)
        run 100 ms
        print n_inh
    )"));
    CHECK(c.codes() == "");
    CHECK(c.model->neuron_types == std::vector<std::string>{"LIF"});
    CHECK(c.model->synapse_types == std::vector<std::string>{"Static"});
    CHECK(c.model->groups.size() == 2);
    CHECK(*c.group("I")->size == 20);
    CHECK(c.model->synapses.size() == 1);
    CHECK(c.model->protocol_statements == 2);
    CHECK(c.model->path == "/nonexistent/test.nj");
}

TEST_CASE("check_model: declarations may come in any order") {
    Checked c = check(src(R"(
        synapses S(E -> E) { on_pre: v += 1 mV }
        group E = LIF(3)
        neuron LIF {
          equations { dv/dt = -v / (10 ms) : volt }
          threshold: v > 1 mV
        }
    )"));
    CHECK(c.codes() == "");
    CHECK(c.synapses("S")->pre == c.group("E"));
}

TEST_CASE("check_model: a type name defined twice is names.duplicate") {
    Checked c = check(src(R"(
        neuron A {
          equations { dv/dt = -v / (10 ms) : volt }
        }
        synapse A {
          on_pre: w = 1
        }
        group G = A(1)
    )"));
    auto d = c.only();
    CHECK(d.code_at() == "names.duplicate 4:9");
    CHECK(d.message == "'A' is already defined");
    CHECK(d.labels[0] == "1:8 first defined here");
}

TEST_CASE("check_model: a type and a parameter share one namespace") {
    auto d = check("param LIF = 1\nneuron LIF {\n}\nprint LIF\n").only();
    CHECK(d.code_at() == "names.duplicate 2:8");
}

TEST_CASE("check_model: unused parameters, derived values, functions and types are warnings") {
    Checked c = check(src(R"(
        param p = 1
        let q = 2
        function f(x) = x
        neuron N {
          equations { dv/dt = -v / (10 ms) : volt }
        }
        synapse S {
          on_pre: w = 1
        }
    )"));
    CHECK(c.codes() == "names.unused 4:8, names.unused 7:9, names.unused 3:10, "
                       "names.unused 1:7, names.unused 2:5");
    CHECK(c.diags[0].message == "neuron type 'N' is never used");
    CHECK(c.diags[1].message == "synapse type 'S' is never used");
    CHECK(c.diags[2].message == "function 'f' is never used");
    CHECK(c.diags[3].message == "parameter 'p' is never used");
    CHECK(c.diags[4].message == "derived value 'q' is never used");
    CHECK_FALSE(c.has_errors());
    CHECK(c.engine->warning_count() == 5);
}

TEST_CASE("check_model: names used anywhere count as used") {
    Checked c = check(src(R"(
        param a = 1
        param b = 2 ms
        param c = 3
        param d = 4
        function f(x) = x * c
        group G(a) {
          equations { dx/dt = -x / b : 1 }
        }
        mode fast { d = 5 }
        run f(2) * b
        print d
    )"));
    CHECK(c.codes() == "");
}
