// Runs LLVM's optimisation pipeline on a kernel module for the host machine.
//
// Requires: the module's data layout and triple are the target machine's.
// Ensures:  loop invariants (parameter loads, exp(-dt/tau)) leave the element loop and the
//           loop is vectorised where the host allows; with `vector_math`, exp, log, pow, sin, ...
//           in vectorised loops call glibc's libmvec (e.g. _ZGVdN4v_exp, a few ulp from libm)
//           instead of one scalar libm call per element; the module still verifies.
#pragma once

#include <llvm/IR/Module.h>
#include <llvm/Target/TargetMachine.h>

namespace nj::codegen {

/// Optimises `module` at -O`level` (0..3) for `machine`; `vector_math`: libmvec is loaded in
/// this process (kernel_cache::load_vector_math_library()), so vectorised loops may call it.
void optimize_module(llvm::Module& module, llvm::TargetMachine& machine, int level, bool vector_math);

}  // namespace nj::codegen
