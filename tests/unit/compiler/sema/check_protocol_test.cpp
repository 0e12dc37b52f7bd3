// Tests check_protocol.cpp: run, repeat, for, if, set, freeze, store/restore, analyse, apply,
// train, print, and the top-level settings.
#include "check_helpers.h"

#include <doctest/doctest.h>

using nj::sema::testing::check;
using nj::sema::testing::Checked;
using nj::sema::testing::src;

namespace {

// tau = 10 ms, learn = true, a spiking group E (v), synapses EE (w), a spike
// monitor and a learning operator `force` (lines 1-14); the protocol `rest` follows from
// line 15.
Checked check_protocol(const std::string& rest) {
    return check(src(R"(
        param tau = 10 ms
        param learn = true
        neuron LIF {
          equations {
            dv/dt = -v / tau : volt
          }
          threshold: v > 10 mV
        }
        group E = LIF(10)
        synapses EE(E -> E) {
          equations { w : 1 }
        }
        monitor spikes(E)
        learning force = rls(EE, target = 1, alpha = 1)
    )") + rest + "print learn\n");
}

}  // namespace

TEST_CASE("check_protocol: a protocol of runs, loops, branches and sets checks cleanly") {
    Checked c = check_protocol(src(R"(
        run 1 s
        repeat 3 as trial {
          set tau = 5 ms + trial * 1 ms
          run 50 ms
        }
        for d in [1 ms, 2 ms] { run d }
        if learn { run tau } else { run 2 * tau }
        store before
        restore before
        print "done", tau
    )"));
    CHECK(c.codes() == "");
}

TEST_CASE("check_protocol: the duration of a run must be a time") {
    auto d = check_protocol("run 50 mV\n").only();
    CHECK(d.code_at() == "units.mismatch 15:5");
    CHECK(d.message == "the duration of a run must be in second, but this is volt");
}

TEST_CASE("check_protocol: the count of repeat must be dimensionless") {
    auto d = check_protocol("repeat 2 ms { run 1 ms }\n").only();
    CHECK(d.code_at() == "units.not_dimensionless 15:8");
    CHECK(d.message == "the count of 'repeat' must be a dimensionless number, but it is second");
}

TEST_CASE("check_protocol: a loop variable is visible only inside its loop") {
    Checked c = check_protocol("repeat 3 as trial { print trial }\nprint trial\n");
    auto d = c.only();
    CHECK(d.code_at() == "names.unknown 16:7");
    CHECK(d.message == "unknown name 'trial'");
}

TEST_CASE("check_protocol: a for loop's variable has the unit of the list's elements") {
    auto d = check_protocol("for x in [1 ms, 2 ms] { run x * 1 mV / ms }\n").only();
    CHECK(d.code_at() == "units.mismatch 15:29");
    CHECK(d.message == "the duration of a run must be in second, but this is volt");
}

TEST_CASE("check_protocol: for loops over a list or a range only") {
    auto d = check_protocol("for x in 3 { print x }\n").only();
    CHECK(d.code_at() == "type.mismatch 15:10");
    CHECK(d.message == "'for' loops over a list or a range such as '0 .. 10', not a dimensionless");
    CHECK(check_protocol("for k in 0 .. 3 { run k * 1 ms }\n").codes() == "");
}

TEST_CASE("check_protocol: the condition of if must be a condition, and both branches are "
          "checked") {
    auto d = check_protocol("if tau { run 1 s }\n").only();
    CHECK(d.code_at() == "type.mismatch 15:4");
    CHECK(d.message.find("the condition of 'if' must be a condition") == 0);
    CHECK(check_protocol("if learn { run 1 s } else { run 1 mV }\n").only().code_at() ==
          "units.mismatch 15:33");
}

TEST_CASE("check_protocol: set assigns parameters in their unit") {
    auto d = check_protocol("set tau = 5 mV\n").only();
    CHECK(d.code_at() == "units.mismatch 15:11");
    CHECK(d.message == "cannot assign a value in volt to 'tau', which is in second");
}

TEST_CASE("check_protocol: set of a group variable is per neuron, with i and the group's names") {
    CHECK(check_protocol("set E.v = -60 mV + rand() * mV * i / N + v * 0\n").codes() == "");
    auto d = check_protocol("set E.v = 3 ms\n").only();
    CHECK(d.code_at() == "units.mismatch 15:11");
    CHECK(d.message == "cannot assign a value in second to 'E.v', which is in volt");
    CHECK(check_protocol("set EE.w = w * 2 + j * 0\n").codes() == "");
}

TEST_CASE("check_protocol: set cannot assign a monitor") {
    auto d = check_protocol("set spikes_E = 1\n").only();
    CHECK(d.code_at() == "names.wrong_kind 15:5");
    CHECK(d.message == "cannot assign to monitor 'spikes_E' in the protocol");
}

TEST_CASE("check_protocol: only synapses and learning operators can be frozen") {
    CHECK(check_protocol("freeze EE\nunfreeze EE\nfreeze force\n").codes() == "");
    auto d = check_protocol("freeze E\n").only();
    CHECK(d.code_at() == "type.mismatch 15:8");
    CHECK(d.message == "only synapses and learning operators can be frozen, not group 'E'");
}

TEST_CASE("check_protocol: restore needs an earlier store of the same name") {
    Checked c = check_protocol("restore after\nstore after\nrestore\n");
    CHECK(c.codes() == "protocol.invalid 15:1, protocol.invalid 17:1");
    CHECK(c.diags[0].message == "cannot restore 'after': no earlier 'store' saved it");
    CHECK(c.diags[1].message == "cannot restore the default state: no earlier 'store' saved it");
    CHECK(check_protocol("store\nrestore\n").codes() == "");
}

TEST_CASE("check_protocol: analyse and apply call registered analyses") {
    CHECK(check_protocol("analyse m = mean_rate(E, start = 0 s)\n"
                         "apply scale_incoming(EE, target = 1, rate = 0.5)\n")
              .codes() == "");
    auto d = check_protocol("analyse m = mean_rat(E)\n").only();
    CHECK(d.code_at() == "names.unknown 15:13");
    CHECK(d.message == "unknown analysis 'mean_rat'");
    CHECK(d.help() == "did you mean 'mean_rate'?");
}

TEST_CASE("check_protocol: an analysis's keywords are checked with suggestions") {
    auto d = check_protocol("apply scale_incoming(EE, target = 1, rat = 2)\n").only();
    CHECK(d.code_at() == "call.unknown_argument 15:44");
    CHECK(d.message == "'scale_incoming' has no argument named 'rat'");
    CHECK(d.help() == "did you mean 'rate'?");
}

TEST_CASE("check_protocol: apply needs a call") {
    auto d = check_protocol("apply 3\n").only();
    CHECK(d.code_at() == "protocol.invalid 15:7");
}

TEST_CASE("check_protocol: train needs a loss and known settings") {
    CHECK(check_protocol("loss total = tau / ms\ntrain total(epochs = 3, lr = 1e-3)\n").codes() ==
          "");
    auto not_loss = check_protocol("train tau\n").only();
    CHECK(not_loss.code_at() == "type.mismatch 15:7");
    CHECK(not_loss.message ==
          "'train' needs a loss declared with 'loss NAME = ...', not second");
    auto keyword = check_protocol("loss total = tau / ms\ntrain total(epochss = 3)\n").only();
    CHECK(keyword.code_at() == "call.unknown_argument 16:23");
    CHECK(keyword.help() == "did you mean 'epochs'?");
}

TEST_CASE("check_protocol: settings name known steps, methods and precisions") {
    Checked c = check(src(R"(
        group G(3) {
          equations { dx/dt = -x / (1 ms) : 1 }
        }
        schedule: inputs, update, G, thresholds, updat
        method: eulr
        seed: 3 ms
        precision: quad
        sched: inputs
    )"));
    CHECK(c.codes() == "clause.invalid 4:42, method.unknown 5:9, units.mismatch 6:7, "
                       "clause.invalid 7:12, clause.unknown 8:1");
    CHECK(c.diags[0].message == "unknown step 'updat'");
    CHECK(c.diags[0].help() == "did you mean 'update'?");
    CHECK(c.diags[1].help() == "did you mean 'euler'?");
    CHECK(c.diags[2].message == "the seed must be dimensionless, but this is second");
    CHECK(c.diags[4].message == "unknown setting 'sched'");
    CHECK(c.diags[4].help() == "the settings are: schedule, method, seed, precision");
}
