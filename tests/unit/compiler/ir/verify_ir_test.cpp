// Tests of the IR verifier.
#include "compiler/ir/verify_ir.h"

#include <doctest/doctest.h>

using namespace nj::ir;

TEST_CASE("verify_kernel: a valid kernel has no violations") {
    Kernel k;
    k.arrays = {"v"};
    k.params = {"tau"};
    k.body.push_back(store(0, binary("/", load(0), param(0))));
    CHECK(verify_kernel(k).empty());
}

TEST_CASE("verify_kernel: slots out of range are reported") {
    Kernel k;
    k.arrays = {"v"};
    k.body.push_back(store(1, param(2)));
    k.body.push_back(set_local(0, constant(1)));
    auto errors = verify_kernel(k);
    REQUIRE(errors.size() == 3);
    CHECK(errors[0] == "parameter slot 2 is out of range");
    CHECK(errors[1] == "array slot 1 is out of range");
    CHECK(errors[2] == "local slot 0 is out of range");
}

TEST_CASE("verify_kernel: two random nodes with one draw number are reported") {
    Kernel k;
    k.arrays = {"x"};
    ExprRef shared = random("rand", 0);
    k.body.push_back(store(0, binary("+", shared, shared)));  // one node twice: one value
    CHECK(verify_kernel(k).empty());
    k.body.push_back(store(0, random("rand", 0)));
    CHECK(verify_kernel(k) == std::vector<std::string>{"random draw 0 is used by two nodes"});
}
