// Whether a kernel does costly work per element: draws from a distribution by a runtime sampler
// (poisson, binomial, gamma, beta) or calls a keyed random function. Such a kernel pays for
// splitting over threads at far fewer elements than an arithmetic update does.
//
// Requires: nothing.   Ensures: the kernel is not changed.
//   costly_per_element(`I[i] += w * poisson(c * rate * dt)`) → true;
//   costly_per_element(`v[i] = v[i] * a + b`) → false (rand() and randn() are inline code)
#pragma once

#include "compiler/ir/ir.h"

namespace nj::ir {

bool costly_per_element(const Kernel& kernel);

}  // namespace nj::ir
