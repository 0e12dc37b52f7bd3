// Tests of the IR text form.
#include "compiler/ir/print_ir.h"

#include <doctest/doctest.h>

using namespace nj::ir;

TEST_CASE("print_kernel: an exponential decay reads as its formula") {
    Kernel k;
    k.name = "E_update";
    k.role = "state_update";
    k.arrays = {"v"};
    k.params = {"tau"};
    k.body.push_back(store(0, binary("*", load(0), call("exp", {binary("/", unary("-", dt()), param(0))}))));
    CHECK(print_kernel(k) == R"(kernel E_update (state_update) arrays [v] params [tau]
  v[i] = (v[i] * exp(((-dt) / tau)))
)");
}

TEST_CASE("print_kernel: conditions, locals and random draws") {
    Kernel k;
    k.name = "G_threshold";
    k.role = "threshold";
    k.arrays = {"v", "spiked"};
    k.params = {"vt", "vr"};
    k.locals = 1;
    k.body.push_back(set_local(0, select(compare(">", load(0), param(0)), constant(1), constant(0))));
    k.body.push_back(store(1, local(0)));
    k.body.push_back(if_then(compare(">", local(0), constant(0.5)), {store(0, param(1))},
                             {store(0, binary("+", load(0), random("randn", 0)))}));
    CHECK(print_kernel(k) == R"(kernel G_threshold (threshold) arrays [v, spiked] params [vt, vr]
  %0 = select((v[i] > vt), 1, 0)
  spiked[i] = %0
  if (%0 > 0.5)
    v[i] = vr
  else
    v[i] = (v[i] + randn#0())
)");
}
