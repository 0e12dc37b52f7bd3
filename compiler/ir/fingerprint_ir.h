// A complete text of a kernel for cache keys: every field the code generator reads.
#pragma once

#include "compiler/ir/ir.h"

#include <string>

namespace nj::ir {

/// Every field of `kernel` (names, flags, stream, locals, each node's kind, type, slot, op and
/// exact value) in an unambiguous text: two kernels have the same fingerprint exactly when the
/// code generator sees the same input. Unlike print_kernel, not meant to be read.
std::string fingerprint_kernel(const Kernel& kernel);

}  // namespace nj::ir
