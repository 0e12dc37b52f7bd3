// Tests print_ast: the indented outline format used by --dump-ast and the parser tests.
#include "parse_helpers.h"

#include <doctest/doctest.h>

using nj::parse::testing::dump;
using nj::parse::testing::expr;

TEST_CASE("print_ast: a small model prints as an indented outline") {
    const char* model = R"(param tau_m = 20 ms
neuron LIF {
  equations {
    dv/dt = (El - v) / tau_m : volt (unless refractory)
    w : 1
  }
  threshold: v > Vt
  reset: v = Vr; w += 1
  on_spike { w = 0 }
}
group E = LIF(10)
if x { run 1 s } else { print "done" }
)";
    CHECK(dump(model) == R"(param tau_m = (20 ms)
neuron LIF
  equations
    dv/dt = ((El - v) / tau_m) : volt (unless refractory)
    w : 1
  clause threshold: (v > Vt)
  clause reset: v = Vr; w += 1
  clause on_spike (block)
    w = 0
group E = LIF(10)
if x
  run (1 s)
else
  print "done"
)");
}

TEST_CASE("print_ast: numbers print in their shortest exact form") {
    CHECK(expr("0.1") == "0.1");
    CHECK(expr("3_200") == "3200");
    CHECK(expr("1e-3") == "0.001");
    CHECK(expr("2.50") == "2.5");
}

TEST_CASE("print_ast: strings are printed with their escapes restored") {
    CHECK(expr(R"("tab\there")") == R"("tab\there")");
    CHECK(expr(R"("a\qb")") == R"("a\\qb")");
}

TEST_CASE("print_ast: the dump does not depend on positions") {
    CHECK(dump("param a = 1\n") == dump("\n\n   param a =    1   # moved\n"));
}
