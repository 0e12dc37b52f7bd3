// Tests for kernel fingerprints (fingerprint_ir.h): every field the code generator reads
// changes the fingerprint, so the object cache never confuses two kernels.
#include "compiler/ir/fingerprint_ir.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace nj::ir;

namespace {

// v[i] = v[i] * exp(-dt / tau) + c * rand()
Kernel decay(double c) {
    Kernel k;
    k.name = "G_update";
    k.role = "state_update";
    k.arrays = {"v"};
    k.params = {"tau"};
    auto decayed = binary("*", load(0), call("exp", {binary("/", unary("-", dt()), param(0))}));
    k.body = {store(0, binary("+", decayed, binary("*", constant(c), random("rand", 0))))};
    return k;
}

}  // namespace

TEST_CASE("fingerprint_kernel: equal kernels agree; each field the code generator reads tells them apart") {
    const Kernel base = decay(0.5);
    CHECK(fingerprint_kernel(base) == fingerprint_kernel(decay(0.5)));

    // a constant one bit away: print_kernel's 17 digits would show it, the fingerprint is exact
    CHECK(fingerprint_kernel(decay(std::nextafter(0.5, 1.0))) != fingerprint_kernel(base));

    Kernel other = base;
    other.stream = 3;  // another random stream: other numbers, and print_kernel does not show it
    CHECK(fingerprint_kernel(other) != fingerprint_kernel(base));
    other = base;
    other.locals = 2;
    CHECK(fingerprint_kernel(other) != fingerprint_kernel(base));
    other = base;
    other.indexed = true;
    CHECK(fingerprint_kernel(other) != fingerprint_kernel(base));
    other = base;
    other.serial = true;
    CHECK(fingerprint_kernel(other) != fingerprint_kernel(base));
    other = base;
    other.arrays = {"w"};
    CHECK(fingerprint_kernel(other) != fingerprint_kernel(base));
    other = base;
    other.body = {store(0, load(0))};
    CHECK(fingerprint_kernel(other) != fingerprint_kernel(base));
    other = base;
    other.single_arrays = {true};  // v stored as float: other loads and stores
    CHECK(fingerprint_kernel(other) != fingerprint_kernel(base));
}

TEST_CASE("fingerprint_kernel: names cannot run into each other") {
    Kernel a = decay(1), b = decay(1);
    a.arrays = {"ab", "c"};
    b.arrays = {"a", "bc"};
    CHECK(fingerprint_kernel(a) != fingerprint_kernel(b));
}
