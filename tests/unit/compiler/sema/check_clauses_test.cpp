// Tests check_clauses.cpp: known, repeated and named clauses, and the form and unit of each
// clause's value (conditions, statements, times, methods, words).
#include "check_helpers.h"

#include "compiler/sema/check_clauses.h"

#include <doctest/doctest.h>

#include <algorithm>

using nj::sema::known_methods;
using nj::sema::testing::check;
using nj::sema::testing::Checked;

namespace {

// A neuron type N with state v and the clause lines `clauses` from line 6 on; a group G of it.
Checked check_neuron(const std::string& clauses) {
    return check("neuron N {\n"
                 "  equations {\n"
                 "    dv/dt = -v / (10 ms) : volt\n"
                 "  }\n"
                 "  threshold: v > 10 mV\n" +
                 clauses +
                 "}\n"
                 "group G = N(10)\n");
}

}  // namespace

TEST_CASE("check_clauses: a neuron type takes Brian2's clauses") {
    Checked c = check_neuron(
        "  reset: v = 0 mV\n"
        "  refractory: 2 ms\n"
        "  method: exact\n"
        "  event burst: v > 20 mV\n"
        "  on_event burst: v = 0 mV\n"
        "  dt: 0.05 ms\n"
        "  v = 1 mV\n");
    CHECK(c.codes() == "");
}

TEST_CASE("check_clauses: a misspelt clause is clause.unknown with a suggestion") {
    auto d = check_neuron("  rest: v = 0 mV\n").only();
    CHECK(d.code_at() == "clause.unknown 6:3");
    CHECK(d.message == "neuron type 'N' has no clause 'rest'");
    CHECK(d.help() == "did you mean 'reset'?");
}

TEST_CASE("check_clauses: an unknown clause with no close match lists the clauses") {
    auto d = check_neuron("  foo: 3\n").only();
    CHECK(d.code_at() == "clause.unknown 6:3");
    CHECK(d.help() == "its clauses are: threshold, reset, refractory, method, event, on_event, "
                      "dt, init, trainable");
}

TEST_CASE("check_clauses: a clause given twice is clause.duplicate") {
    auto d = check_neuron("  threshold: v > 20 mV\n").only();
    CHECK(d.code_at() == "clause.duplicate 6:3");
    CHECK(d.message == "'threshold' is given twice in neuron type 'N'");
}

TEST_CASE("check_clauses: named clauses need a name and may repeat with different names") {
    CHECK(check_neuron("  event a: v > 1 mV\n  event b: v > 2 mV\n").codes() == "");
    auto d = check_neuron("  event: v > 1 mV\n").only();
    CHECK(d.code_at() == "clause.invalid 6:3");
    CHECK(d.message == "'event' needs a name, as in 'event NAME: ...'");
    CHECK(check_neuron("  event a: v > 1 mV\n  event a: v > 2 mV\n").only().code_at() ==
          "clause.duplicate 7:3");
}

TEST_CASE("check_clauses: an unnamed clause refuses a name") {
    auto d = check_neuron("  reset fast: v = 0 mV\n").only();
    CHECK(d.code_at() == "clause.invalid 6:9");
    CHECK(d.message == "'reset' does not take a name");
}

TEST_CASE("check_clauses: a threshold must be a condition") {
    auto d = check("neuron N {\n  equations {\n    dv/dt = -v / (10 ms) : volt\n  }\n"
                   "  threshold: v\n}\ngroup G = N(10)\n")
                 .only();
    CHECK(d.code_at() == "type.mismatch 5:14");
    CHECK(d.message == "the threshold must be a condition (true or false), but this is volt");
}

TEST_CASE("check_clauses: a condition clause takes exactly one expression") {
    auto d = check_neuron("  event x: v > 1 mV; v > 2 mV\n").only();
    CHECK(d.code_at() == "clause.invalid 6:3");
    CHECK(d.message == "'event:' takes one expression");
}

TEST_CASE("check_clauses: refractory is a time or a condition") {
    CHECK(check_neuron("  refractory: v > 5 mV\n").codes() == "");
    auto d = check_neuron("  refractory: 2 mV\n").only();
    CHECK(d.code_at() == "units.mismatch 6:15");
    CHECK(d.message == "the refractory must be a time or a condition, but it is volt");
}

TEST_CASE("check_clauses: a time clause must be in second") {
    auto d = check_neuron("  dt: 1 mV\n").only();
    CHECK(d.code_at() == "units.mismatch 6:7");
    CHECK(d.message == "the dt must be in second, but this is volt");
}

TEST_CASE("check_clauses: an unknown method is method.unknown with a suggestion") {
    auto d = check_neuron("  method: eulr\n").only();
    CHECK(d.code_at() == "method.unknown 6:11");
    CHECK(d.message == "unknown method 'eulr'");
    CHECK(d.help() == "did you mean 'euler'?");
    CHECK(check_neuron("  method: \"rk4\"\n").codes() == "");
}

TEST_CASE("check_clauses: a method with no close match lists the methods") {
    auto d = check_neuron("  method: gauss\n").only();
    CHECK(d.help().rfind("choose one of: exact, linear, euler, rk2, rk4", 0) == 0);
}

TEST_CASE("check_clauses: a method must be a name") {
    auto d = check_neuron("  method: 3\n").only();
    CHECK(d.code_at() == "clause.invalid 6:11");
    CHECK(d.message == "'method:' takes a name, e.g. 'exact'");
}

TEST_CASE("check_clauses: a word clause suggests one of its words") {
    Checked c = check(
        "neuron N {\n  equations {\n    dv/dt = -v / (10 ms) : volt\n  }\n}\n"
        "group G = N(3)\n"
        "synapses S(G -> G) {\n  storage: dens\n  order: next_step\n}\n");
    auto d = c.only();
    CHECK(d.code_at() == "clause.invalid 8:12");
    CHECK(d.message == "unknown storage 'dens'");
    CHECK(d.help() == "did you mean 'dense'?");
}

TEST_CASE("check_clauses: a bare expression in a body is not a clause") {
    auto d = check_neuron("  v\n").only();
    CHECK(d.code_at() == "clause.invalid 6:3");
    CHECK(d.message == "expected a clause such as 'key: value' or an assignment 'name = value' "
                       "in neuron type 'N'");
}

TEST_CASE("check_clauses: a default value must have the variable's unit") {
    auto d = check_neuron("  v = 3 ms\n").only();
    CHECK(d.code_at() == "units.mismatch 6:7");
}

TEST_CASE("check_clauses: the known methods include Brian2's and the exact alias linear") {
    const auto& methods = known_methods();
    for (const char* m : {"exact", "linear", "euler", "rk2", "rk4", "exponential_euler", "heun",
                          "milstein", "euler_maruyama", "rk2_midpoint"}) {
        CHECK(std::find(methods.begin(), methods.end(), m) != methods.end());
    }
    CHECK(methods.size() == 10);
}
