// Whether a kernel does costly work per element: draws from a distribution by a runtime sampler
// (poisson, binomial, gamma, beta), calls a keyed random function, or computes at least
// `costly_element_work` operations that depend on the element (a math call such as exp or pow
// counts ten; e.g. an exact propagator built per neuron from per-neuron time constants). Such a
// kernel pays for splitting over threads at far fewer elements than an arithmetic update does.
//
// Requires: nothing.   Ensures: the kernel is not changed.
//   costly_per_element(`I[i] += w * poisson(c * rate * dt)`) → true;
//   costly_per_element(`v[i] = v[i] * a + b`) → false (randn() alone is not costly either)
//   costly_per_element(`v[i] = v[i] * exp(-dt / tau)`) → false: exp(-dt / tau) is the same for
//   every element, so the compiled loop computes it once; so is exp(-t / onsets[0]) when the
//   kernel does not write `onsets`
#pragma once

#include "compiler/ir/ir.h"

namespace nj::ir {

/// Element-dependent operations from which a kernel counts as costly (about 50 ns a neuron).
inline constexpr int costly_element_work = 100;

bool costly_per_element(const Kernel& kernel);

/// What a kernel computes per element: distinct operations that depend on the element (math
/// calls apart), math calls among them, and random draws. Values computed once per call
/// (parameters, constants, time, list entries read at a fixed index, locals set from those) are
/// left out. Used to judge threads (above) and compile time (compiler/jit/partition_kernels.h).
struct ElementWorkCounts {
    int operations = 0;
    int calls = 0;
    int draws = 0;
};
ElementWorkCounts element_work(const Kernel& kernel);

}  // namespace nj::ir
