// Tests check_statements.cpp: which names an assignment may write and the unit of the value.
#include "check_helpers.h"

#include <doctest/doctest.h>

using nj::sema::testing::check;
using nj::sema::testing::Checked;

namespace {

// A spiking neuron type with state v (volt), subexpression x (volt) and parameter p (1); `reset`
// is the text after 'reset: ' on line 8, column 10.
Checked check_reset(const std::string& reset) {
    return check("param tau = 10 ms\n"
                 "neuron N {\n"
                 "  equations {\n"
                 "    dv/dt = -v / tau : volt\n"
                 "    x = v : volt\n"
                 "    p : 1\n"
                 "  }\n"
                 "  reset: " + reset + "\n"
                 "  threshold: v > 1 mV\n"
                 "}\n"
                 "group G = N(10)\n");
}

}  // namespace

TEST_CASE("check_statements: state variables and parameters take values of their unit") {
    CHECK(check_reset("v = -60 mV; v += 2 mV; v -= tau * 1 mV / ms; p = 3; p = i").codes() == "");
}

TEST_CASE("check_statements: a plain zero or a boolean fits a number") {
    CHECK(check_reset("v = 0; p = true; p = not_refractory").codes() == "");
}

TEST_CASE("check_statements: an assigned value of another unit is units.mismatch") {
    auto d = check_reset("v = 5 ms").only();
    CHECK(d.code_at() == "units.mismatch 8:14");
    CHECK(d.message == "cannot assign a value in second to 'v', which is in volt");
    REQUIRE(d.labels.size() == 2);
    CHECK(d.labels[0] == "8:10 volt");
    CHECK(d.labels[1] == "8:14 second");
    CHECK(check_reset("v += 1").only().message ==
          "cannot assign a dimensionless value to 'v', which is in volt");
}

TEST_CASE("check_statements: '*=' and '/=' need a dimensionless factor") {
    CHECK(check_reset("v *= 0.5; v /= p").codes() == "");
    auto d = check_reset("p *= 2 mV").only();
    CHECK(d.code_at() == "units.mismatch 8:15");
    CHECK(d.message == "the factor after '*=' must be dimensionless, but it is volt");
}

TEST_CASE("check_statements: a subexpression cannot be assigned") {
    auto d = check_reset("x = 1 mV").only();
    CHECK(d.code_at() == "names.wrong_kind 8:10");
    CHECK(d.message == "cannot assign to 'x': it is a subexpression, computed from its equation");
}

TEST_CASE("check_statements: a global parameter cannot be assigned in model code") {
    auto d = check_reset("tau = 1 ms").only();
    CHECK(d.code_at() == "names.wrong_kind 8:10");
    CHECK(d.message == "cannot assign to parameter 'tau' in a neuron model");
    CHECK(d.help() == "change parameters in the protocol with 'set tau = ...'");
}

TEST_CASE("check_statements: built-in names cannot be assigned") {
    Checked c = check_reset("t = 1 ms; lastspike = t");
    CHECK(c.codes() == "names.wrong_kind 8:10, names.wrong_kind 8:20");
    CHECK(c.diags[0].message == "cannot assign to built-in name 't' in a neuron model");
}

TEST_CASE("check_statements: a call or a number is not an assignment target") {
    auto d = check_reset("exp(p) = 1").only();
    CHECK(d.code_at() == "type.mismatch 8:10");
    CHECK(d.message == "cannot assign to a call");
}

TEST_CASE("check_statements: an unknown target is reported with a suggestion") {
    auto d = check_reset("vv = 0 mV").only();
    CHECK(d.code_at() == "names.unknown 8:10");
    CHECK(d.help() == "did you mean 'v'?");
}

TEST_CASE("check_statements: a call is a statement of its own") {
    CHECK(check_reset("v = 0 mV; exp(p)").codes() == "");
    CHECK(check_reset("exp(v)").only().code_at() == "units.not_dimensionless 8:14");
}

TEST_CASE("check_statements: the protocol's set may assign parameters of their unit") {
    Checked c = check(
        "param tau = 10 ms\n"
        "param learn = true\n"
        "set tau = 5 ms, learn = false\n"
        "set tau = 5 mV\n");
    auto d = c.only();
    CHECK(d.code_at() == "units.mismatch 4:11");
    CHECK(d.message == "cannot assign a value in volt to 'tau', which is in second");
}
