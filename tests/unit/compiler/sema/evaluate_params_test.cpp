// Tests evaluate_params.cpp: parameters and derived values folded to constants in file order,
// declared units, --set overrides with units, the time step dt, pi, and duplicate or unused
// parameters.
#include "check_helpers.h"

#include <doctest/doctest.h>

#include <cmath>

using nj::sema::ParamInfo;
using nj::sema::Value;
using nj::sema::testing::check;
using nj::sema::testing::Checked;
using nj::sema::testing::check_with;
using nj::sema::testing::src;
using nj::units::Dimension;

namespace {

double value_of(const Checked& c, const std::string& name) {
    const ParamInfo* p = c.param(name);
    REQUIRE_MESSAGE(p, "no parameter " << name);
    return p->value.number;
}

// tau = 20 ms (line 1), n = 10 (line 2), rate = 5 Hz (line 3), data = "x.csv" (line 4),
// let twice = 2 * n (line 5); every name is printed.
const char* const overridable = R"(
    param tau = 20 ms
    param n = 10
    param rate = 5 Hz
    param data = "x.csv"
    let twice = 2 * n
    print tau, n, rate, data, twice
)";

}  // namespace

TEST_CASE("evaluate_params: values are folded to SI constants in file order") {
    Checked c = check(src(R"(
        param tau_m = 20 ms
        param n_exc = 3200
        let n_total = n_exc + n_exc / 4
        let tau_2 = tau_m * 2
        print n_total, tau_2
    )"));
    CHECK(c.codes() == "");
    CHECK(value_of(c, "tau_m") == doctest::Approx(0.02));
    CHECK(c.param("tau_m")->value.dim == Dimension::second());
    CHECK(value_of(c, "n_total") == 4000);
    CHECK(value_of(c, "tau_2") == doctest::Approx(0.04));
    CHECK(c.param("n_total")->is_let);
    CHECK_FALSE(c.param("n_exc")->is_let);
    CHECK(c.param("n_exc")->origin == "default");
}

TEST_CASE("evaluate_params: lists, len, sum and indexing fold") {
    Checked c = check(src(R"(
        param js = [1.0, 2.5, 3.0]
        param delays = [1 ms, 2 ms]
        let total = sum(js)
        let count = len(js)
        let second_delay = delays[1]
        let last = js[-1] * 2
        print total, count, second_delay, last
    )"));
    CHECK(c.codes() == "");
    const ParamInfo* js = c.param("js");
    REQUIRE(js);
    CHECK(js->value.kind == Value::Kind::List);
    CHECK(js->value.items.size() == 3);
    CHECK(c.param("delays")->value.dim == Dimension::second());
    CHECK(value_of(c, "total") == doctest::Approx(6.5));
    CHECK(value_of(c, "count") == 3);
    CHECK(value_of(c, "second_delay") == doctest::Approx(0.002));
    CHECK(value_of(c, "last") == 6);
}

TEST_CASE("evaluate_params: where, comparisons and built-ins fold") {
    Checked c = check(src(R"(
        param n = 3200
        let pick = where(n > 100, 1 ms, 2 ms)
        let big = n > 1000 and not (n > 5000)
        let amp = sqrt(4 Hz) * clip(-2, 0, 1) + exp(0) * 1 second**-0.5
        print pick, big, amp
    )"));
    CHECK(c.codes() == "");
    CHECK(value_of(c, "pick") == doctest::Approx(0.001));
    CHECK(c.param("big")->value.kind == Value::Kind::Boolean);
    CHECK(value_of(c, "big") == 1);
    CHECK(value_of(c, "amp") == doctest::Approx(1));
    CHECK(c.param("amp")->value.dim == Dimension::second().pow(nj::units::Rational(-1, 2)));
}

TEST_CASE("evaluate_params: user functions fold on constant arguments") {
    Checked c = check(src(R"(
        function sq(x) = x * x
        function dipole(x : metre, d : metre) : metre/second = 2 * x / d * metre / second
        let a = sq(3)
        let b = dipole(3 metre, 1.5 metre)
        let zero = dipole(0, 1 metre)
        print a, b, zero
    )"));
    CHECK(c.codes() == "");
    CHECK(value_of(c, "a") == 9);
    CHECK(value_of(c, "b") == doctest::Approx(4));
    CHECK(c.param("b")->value.dim == Dimension::metre() / Dimension::second());
    CHECK(c.param("zero")->value.dim == Dimension::metre() / Dimension::second());
}

TEST_CASE("evaluate_params: a value must agree with its declared unit") {
    Checked c = check("param El : volt = -60 mV\nparam Eb : volt = 5 ms\nprint El, Eb\n");
    auto d = c.only();
    CHECK(d.code_at() == "units.mismatch 2:19");
    CHECK(d.message == "'Eb' is declared in volt, but its value is in second");
    REQUIRE(d.labels.size() == 1);
    CHECK(d.labels[0] == "2:12 volt");
    CHECK(value_of(c, "El") == doctest::Approx(-0.06));
}

TEST_CASE("evaluate_params: a parameter may use only the parameters before it") {
    Checked c = check("param x = y + 1\nparam y = 2\nprint x, y\n");
    auto d = c.only();
    CHECK(d.code_at() == "names.unknown 1:11");
    CHECK(d.message == "unknown name 'y'");
}

TEST_CASE("evaluate_params: a parameter value cannot be random") {
    auto d = check("param r = rand()\nprint r\n").only();
    CHECK(d.code_at() == "type.mismatch 1:11");
    CHECK(d.message == "random numbers ('rand') are not allowed in a parameter value");
}

TEST_CASE("evaluate_params: a parameter value must be constant") {
    auto d = check("function sq(x) = x * x\nparam g = sq'(2)\nprint g\n").only();
    CHECK(d.code_at() == "value.invalid 2:11");
    CHECK(d.message == "the value of 'g' must be a constant, computed from numbers, units and "
                       "earlier parameters");
}

TEST_CASE("evaluate_params: a parameter defined twice is names.duplicate, the first counts") {
    Checked c = check("param tau = 10 ms\nparam tau = 5 ms\nprint tau\n");
    auto d = c.only();
    CHECK(d.code_at() == "names.duplicate 2:7");
    CHECK(d.message == "'tau' is already defined");
    REQUIRE(d.labels.size() == 1);
    CHECK(d.labels[0] == "1:7 first defined here");
    CHECK(value_of(c, "tau") == doctest::Approx(0.01));
}

TEST_CASE("evaluate_params: a parameter and a function of one name are names.duplicate") {
    auto d = check("param f = 1\nfunction f(x) = x\nprint f\n").only();
    CHECK(d.code_at() == "names.duplicate 2:10");
}

TEST_CASE("evaluate_params: an unused parameter or derived value is only a warning") {
    Checked c = check("param tau = 10 ms\nparam tau_unused = 20 ms\nlet spare = 2\nprint tau\n");
    CHECK(c.codes() == "names.unused 3:5, names.unused 2:7");
    CHECK(c.diags[0].message == "derived value 'spare' is never used");
    CHECK(c.diags[1].message == "parameter 'tau_unused' is never used");
    CHECK(c.diags[1].severity == nj::support::Severity::Warning);
    CHECK_FALSE(c.has_errors());
}

TEST_CASE("evaluate_params: the time step dt defaults to 0.1 ms") {
    Checked c = check("print 1\n");
    CHECK(c.codes() == "");
    const ParamInfo* dt = c.param("dt");
    REQUIRE(dt);
    CHECK(dt->value.number == doctest::Approx(1e-4));
    CHECK(dt->value.dim == Dimension::second());
    CHECK(dt->origin == "default");
}

TEST_CASE("evaluate_params: a declared dt is used by the simulator, so it is never unused") {
    Checked c = check("param dt = 0.05 ms\n");
    CHECK(c.codes() == "");
    CHECK(value_of(c, "dt") == doctest::Approx(5e-5));
}

TEST_CASE("evaluate_params: pi is known and a model may declare its own") {
    Checked c = check("let two_pi = 2 * pi\nprint two_pi\n");
    CHECK(c.codes() == "");
    CHECK(value_of(c, "two_pi") == doctest::Approx(2 * M_PI));
    Checked own = check("param pi = 3\nprint pi\n");
    CHECK(own.codes() == "");
    CHECK(value_of(own, "pi") == 3);
}

TEST_CASE("evaluate_params: --set replaces a default with a value of the same unit") {
    Checked c = check_with(src(overridable), "",
                           {{"tau", "10ms"}, {"n", "7"}, {"data", "\"y.csv\""}});
    CHECK(c.codes() == "");
    CHECK(value_of(c, "tau") == doctest::Approx(0.01));
    CHECK(c.param("tau")->origin == "--set");
    CHECK(value_of(c, "n") == 7);
    CHECK(c.param("data")->value.text == "y.csv");
    CHECK(c.param("rate")->origin == "default");
    // derived values follow the overridden parameters
    CHECK(value_of(c, "twice") == 14);
}

TEST_CASE("evaluate_params: a --set value in another unit is override.value") {
    Checked c = check_with(src(overridable), "", {{"rate", "5 mV"}});
    auto d = c.only();
    CHECK(d.code_at() == "override.value 1:1");
    CHECK(d.file == "<--set rate=5 mV>");
    CHECK(d.message == "--set gives 'rate' a value in volt, but the parameter is in hertz");
    REQUIRE(d.labels.size() == 1);
    CHECK(d.labels[0] == "3:7 declared here as hertz");
    CHECK(value_of(c, "rate") == 5);
    CHECK(check_with(src(overridable), "", {{"tau", "10"}}).only().message ==
          "--set gives 'tau' a dimensionless value, but the parameter is in second");
}

TEST_CASE("evaluate_params: a --set of an unknown name suggests a parameter") {
    auto d = check_with(src(overridable), "", {{"tua", "3ms"}}).only();
    CHECK(d.code == nj::support::DiagCode::OverrideUnknown);
    CHECK(d.message == "--set sets 'tua', which is not a parameter of this model");
    CHECK(d.help() == "did you mean 'tau'?");
}

TEST_CASE("evaluate_params: a derived value cannot be set") {
    auto d = check_with(src(overridable), "", {{"twice", "3"}}).only();
    CHECK(d.code == nj::support::DiagCode::OverrideUnknown);
    CHECK(d.message == "'twice' is a derived value ('let'); only parameters can be changed by a "
                       "mode or --set");
}

TEST_CASE("evaluate_params: a --set value may use the parameters declared before") {
    Checked c = check_with("param base = 2 ms\nparam tau = 10 ms\nprint base, tau\n", "",
                           {{"tau", "3 * base"}});
    CHECK(c.codes() == "");
    CHECK(value_of(c, "tau") == doctest::Approx(0.006));
}

TEST_CASE("evaluate_params: --set dt overrides the default time step and must be a time") {
    Checked c = check_with("print 1\n", "", {{"dt", "0.05ms"}});
    CHECK(c.codes() == "");
    CHECK(value_of(c, "dt") == doctest::Approx(5e-5));
    CHECK(c.param("dt")->origin == "--set");
    auto d = check_with("print 1\n", "", {{"dt", "5"}}).only();
    CHECK(d.code_at() == "override.value 1:1");
    CHECK(d.message == "the time step 'dt' must be a time, e.g. 'dt=0.05ms'");
}

TEST_CASE("evaluate_params: a --set value that does not parse is a syntax error in its text") {
    auto d = check_with(src(overridable), "", {{"tau", "(3 ms"}}).only();
    CHECK(d.code_at() == "syntax.expected 1:6");
    CHECK(d.file == "<--set tau=(3 ms>");
}

TEST_CASE("evaluate_params: a trainable parameter's settings are checked") {
    Checked c = check(
        "param tau = 20 ms { trainable: log; bounds: 5 ms .. 50 ms; lr: 0.01 }\nprint tau\n");
    CHECK(c.codes() == "");
    CHECK(c.param("tau")->trainable);
    CHECK_FALSE(check("param n = 2\nprint n\n").param("n")->trainable);
    Checked bad = check("param tau = 20 ms { bounds: 5 mV .. 50 mV }\nprint tau\n");
    CHECK(bad.codes() == "units.mismatch 1:29");
}
