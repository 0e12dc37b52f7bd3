// Tests check_functions.cpp: user function bodies checked at their first call, declared result
// units, folding on constant arguments, recursion, and functions never called.
#include "check_helpers.h"

#include <doctest/doctest.h>

using nj::sema::testing::check;
using nj::sema::testing::Checked;
using nj::sema::testing::src;
using nj::units::Dimension;

TEST_CASE("check_functions: a body may use parameters declared after the function") {
    Checked c =
        check("function scaled(x) = x * gain\nparam gain = 3\nlet y = scaled(2)\nprint y\n");
    CHECK(c.codes() == "");
    REQUIRE(c.param("y"));
    CHECK(c.param("y")->value.number == 6);
}

TEST_CASE("check_functions: calls fold through other functions") {
    Checked c = check(src(R"(
        function sq(x) = x * x
        function quad(x) = sq(sq(x))
        function len2(x : metre, y : metre) : metre**2 = x * x + y * y
        let a = quad(2)
        let b = len2(3 metre, 4 metre)
        print a, b
    )"));
    CHECK(c.codes() == "");
    CHECK(c.param("a")->value.number == 16);
    CHECK(c.param("b")->value.number == 25);
    CHECK(c.param("b")->value.dim == Dimension::metre().pow(2));
}

TEST_CASE("check_functions: a body that disagrees with the declared result unit") {
    Checked c = check("function k(x : volt) : second = x\nlet y = k(1 mV)\nprint y\n");
    auto d = c.only();
    CHECK(d.code_at() == "units.mismatch 1:33");
    CHECK(d.message == "'k' is declared to return second, but its body is volt");
    REQUIRE(d.labels.size() == 1);
    CHECK(d.labels[0] == "1:24 second");
}

TEST_CASE("check_functions: a unitless zero argument keeps the declared units consistent") {
    Checked c = check("function lin(x : volt) : volt = 2 * x\nlet y = lin(0)\nprint y\n");
    CHECK(c.codes() == "");
    CHECK(c.param("y")->value.dim == Dimension::volt());
}

TEST_CASE("check_functions: a function that calls itself is reported at the call") {
    auto d = check("function f(x) = f(x) + 1\nlet y = f(1)\nprint y\n").only();
    CHECK(d.code_at() == "equations.cycle 1:17");
    CHECK(d.message == "'f' calls itself; functions cannot be recursive");
}

TEST_CASE("check_functions: functions that call each other are recursive") {
    Checked c = check("function g(x) = h(x)\nfunction h(x) = g(x) * 2\nlet y = g(1)\nprint y\n");
    auto d = c.only();
    CHECK(d.code_at() == "equations.cycle 2:17");
    CHECK(d.message == "'g' calls itself; functions cannot be recursive");
}

TEST_CASE("check_functions: a function never called is still checked") {
    Checked c = check("function bad_body(x) = x + 1 ms\n");
    CHECK(c.codes() == "units.mismatch 1:26");  // unused warnings are dropped after an error
}

TEST_CASE("check_functions: a function never called is reported unused") {
    Checked c = check("function fine(x) = x + 1\n");
    REQUIRE(c.codes() == "names.unused 1:10");
    CHECK(c.diags[0].message == "function 'fine' is never used");
}

TEST_CASE("check_functions: a body sees parameters and its arguments, not group variables") {
    Checked c = check(src(R"(
        function f(x) = x + v
        neuron N {
          equations {
            dv/dt = f(v / mV) * mV / (10 ms) : volt
          }
        }
        group G = N(2)
    )"));
    auto d = c.only();
    CHECK(d.code_at() == "names.unknown 1:21");
    CHECK(d.message == "unknown name 'v'");
}

TEST_CASE("check_functions: a call with variable arguments has the body's general unit") {
    Checked c = check(src(R"(
        function half(x : volt) = x / 2
        neuron N {
          equations {
            dv/dt = half(v) / (10 ms) : volt
            du/dt = half(v) : volt
          }
        }
        group G = N(2)
    )"));
    auto d = c.only();
    CHECK(d.code_at() == "units.equation 5:13");
    CHECK(d.message.find("but it is volt") != std::string::npos);
}

TEST_CASE("check_functions: random numbers in a body make a call non-constant") {
    auto d = check("function noisy(x) = x * rand()\nparam p = noisy(1)\nprint p\n").only();
    CHECK(d.code_at() == "value.invalid 2:11");
}

TEST_CASE("check_functions: an argument named twice is names.duplicate") {
    auto d = check("function dup(a, a) = a\nlet y = dup(1, 2)\nprint y\n").only();
    CHECK(d.code_at() == "names.duplicate 1:17");
    CHECK(d.message == "argument 'a' appears twice");
}
