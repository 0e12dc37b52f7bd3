// Checks the structural rules of ir.h on a kernel: slots in range, conditions boolean.
//
// Requires: nothing.   Ensures: returns the list of violations (empty when the kernel is valid).
// Used after every pass in debug builds and in every pass test.
#pragma once

#include "compiler/ir/ir.h"

#include <string>
#include <vector>

namespace nj::ir {

/// The rule violations of `kernel`, one sentence each; empty when it is valid.
std::vector<std::string> verify_kernel(const Kernel& kernel);

}  // namespace nj::ir
