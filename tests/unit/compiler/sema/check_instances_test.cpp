// Tests check_instances.cpp: monitors, inputs, tables, learning operators and losses — their
// kinds, constructors, arguments and names.
#include "check_helpers.h"

#include <doctest/doctest.h>

using nj::sema::InstanceInfo;
using nj::sema::testing::check;
using nj::sema::testing::Checked;
using nj::sema::testing::src;

namespace {

// Lines 1-10: a spiking type LIF with v, a group E, synapses EE with w; `rest` from line 11.
Checked check_net(const std::string& rest) {
    return check(src(R"(
        neuron LIF {
          equations {
            dv/dt = -v / (10 ms) : volt
          }
          threshold: v > 10 mV
        }
        group E = LIF(10)
        synapses EE(E -> E) {
          equations { w : 1 }
        }
    )") + rest);
}

const InstanceInfo* instance(const Checked& c, const std::string& name) {
    for (const auto& i : c.model->instances) {
        if (i.name == name) return &i;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("check_instances: monitors of each kind are registered under their names") {
    Checked c = check_net(src(R"(
        monitor spikes(E)
        monitor v_trace = state(E, v, record = 0:10, every = 1 ms)
        monitor pop = rate(E)
        monitor w_snap = weights(EE, variable = w)
    )"));
    CHECK(c.codes() == "");
    const InstanceInfo* spikes = instance(c, "spikes_E");
    REQUIRE(spikes);
    CHECK(spikes->kind == "monitor");
    CHECK(spikes->constructor == "spikes");
    REQUIRE(instance(c, "v_trace"));
    CHECK(instance(c, "v_trace")->constructor == "state");
    CHECK(instance(c, "w_snap"));
}

TEST_CASE("check_instances: a state monitor's variables belong to its source") {
    auto d = check_net("monitor m = state(E, v, vv)\n").only();
    CHECK(d.code_at() == "names.unknown 11:25");
    CHECK(d.message == "group 'E' has no variable 'vv'");
    CHECK(d.help() == "did you mean 'v'?");
    auto w = check_net("monitor ws = weights(EE, variable = ww)\n").only();
    CHECK(w.code_at() == "names.unknown 11:37");
    CHECK(w.message == "synapses 'EE' has no variable 'ww'");
}

TEST_CASE("check_instances: an unknown constructor suggests one of its kind") {
    auto d = check_net("monitor x = spiks(E)\n").only();
    CHECK(d.code_at() == "names.unknown 11:13");
    CHECK(d.message == "unknown monitor kind 'spiks'");
    CHECK(d.help() == "did you mean 'spikes'?");
    CHECK(check_net("monitor x = voltmeter(E)\n").only().help() ==
          "a monitor is one of: spikes, state, rate, weights");
}

TEST_CASE("check_instances: an unknown declaration keyword suggests a known one") {
    auto d = check_net("monitr y = spikes(E)\n").only();
    CHECK(d.code_at() == "names.unknown 11:1");
    CHECK(d.message == "unknown declaration 'monitr'");
    CHECK(d.help() == "did you mean 'monitor'?");
}

TEST_CASE("check_instances: arguments follow the constructor's signature") {
    auto unknown = check_net("monitor s = spikes(E, colour = 1)\n").only();
    CHECK(unknown.code_at() == "call.unknown_argument 11:32");
    CHECK(unknown.message == "'spikes' has no argument named 'colour'");
    auto twice = check_net("monitor r = rate(E, bin = 1 ms, bin = 2 ms)\n").only();
    CHECK(twice.code_at() == "call.duplicate_argument 11:39");
    CHECK(twice.message == "the argument 'bin' is given twice");
    auto extra = check_net("monitor r = rate(E, E)\n").only();
    CHECK(extra.code_at() == "call.arity 11:21");
    CHECK(extra.message ==
          "'rate' takes 1 positional argument(s); name the others, e.g. 'x = ...'");
}

TEST_CASE("check_instances: a missing required argument is call.missing_argument") {
    auto d =
        check_net("input Drive = poisson_input(n = 10, rate = 1 Hz, weight = 0.1 mV)\n").only();
    CHECK(d.code_at() == "call.missing_argument 11:15");
    CHECK(d.message == "'poisson_input' needs its 'target' argument");
    CHECK(check_net("input Drive = poisson_input(E.v, n = 1000, rate = 1 Hz, weight = 0.1 mV)\n")
              .codes() == "");
}

TEST_CASE("check_instances: a declaration of a constructed kind takes no body") {
    auto d = check_net("monitor z = state(E, v) {\n  every: 1 ms\n}\n").only();
    CHECK(d.code_at() == "clause.invalid 11:1");
    CHECK(d.message == "a monitor declaration takes no body");
}

TEST_CASE("check_instances: a kind with constructors needs a constructor call") {
    auto d = check_net("monitor m = 3\n").only();
    CHECK(d.code_at() == "type.mismatch 11:13");
    CHECK(d.message == "expected a monitor constructor such as 'spikes(...)'");
}

TEST_CASE("check_instances: an instance name defined twice is names.duplicate") {
    auto d = check_net("monitor pop = rate(E)\nmonitor pop = spikes(E)\n").only();
    CHECK(d.code_at() == "names.duplicate 12:9");
    CHECK(d.labels[0] == "11:9 first defined here");
}

TEST_CASE("check_instances: a timed table has the unit of its values when called") {
    Checked c = check_net(src(R"(
        table stim = timed(values = [0 mV, 1 mV], dt = 100 ms)
        table raw = csv("data.csv", header = true)
        print stim(0 s) / mV + raw[0, 1]
        print stim(0 s) + 1
    )"));
    auto d = c.only();
    CHECK(d.code_at() == "units.mismatch 14:17");
    CHECK(d.message == "cannot add volt and dimensionless");
}

TEST_CASE("check_instances: a loss is any expression, used by train") {
    Checked c = check_net("param tau = 1 ms\nloss total = 3 * tau / ms\ntrain total(epochs = 2)\n");
    CHECK(c.codes() == "");
}
