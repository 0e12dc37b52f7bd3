// Runs LLVM's optimisation pipeline on a kernel module for the host machine.
//
// Requires: the module's data layout and triple are the target machine's.
// Ensures:  loop invariants (parameter loads, exp(-dt/tau)) leave the element loop and the
//           loop is vectorised where the host allows; the module still verifies.
#pragma once

#include <llvm/IR/Module.h>
#include <llvm/Target/TargetMachine.h>

namespace nj::codegen {

/// Optimises `module` at -O`level` (0..3) for `machine`.
void optimize_module(llvm::Module& module, llvm::TargetMachine& machine, int level);

}  // namespace nj::codegen
