// Backpropagation through time over a tape: the forward pass undone call by call, each call's
// adjoint run on the state its forward call saw.
//
// Requires: `network` holds the state at the end of the taped forward pass, and `adjoints.arrays`
//           dL/d(that state) (empty vectors are zeros).
// Ensures:  the network holds the state before the tape's first entry, `adjoints.arrays` dL/d(it),
//           and `adjoints.parameters[p]` dL/d(parameter p) summed over every call and element.
//           A call whose kernel has no adjoint throws std::runtime_error with the compiler's reason.
#pragma once

#include "runtime/network/network.h"
#include "runtime/training/call_tape.h"

#include <map>
#include <string>
#include <vector>

namespace nj::rt {

/// dL/d(values) of a backward pass.
struct Adjoints {
    std::vector<std::vector<double>> arrays;  ///< per array id; empty: all zero
    std::map<int, double> parameters;         ///< parameter slot → dL/dp
    /// The adjoint of array `id` with `size` elements, created as zeros.
    std::vector<double>& of(int id, size_t size);
};

/// See the file comment. `adjoint_plans`: forward kernel symbol → its adjoint.
void run_backward(Network& network, CallTape& tape, const std::map<std::string, AdjointPlan>& adjoint_plans,
                  Adjoints& adjoints);

/// Runs one adjoint kernel over [begin, end) (an indexed one over elements[begin, end)) with the
/// forward call's arrays `forward_arrays` bound as the forward kernel saw them, adding its
/// parameter gradients to `adjoints`.
void run_adjoint(Network& network, const AdjointPlan& plan, const std::vector<int>& forward_arrays,
                 size_t begin, size_t end, double t, double dt, uint64_t step, Adjoints& adjoints,
                 const std::vector<int64_t>* elements = nullptr);

}  // namespace nj::rt
