// Translates kernel IR into an LLVM module (one function per kernel, the ABI of runtime/abi.h).
//
// Requires: every kernel passes verify_kernel.
// Ensures:  each kernel becomes `void NAME(const KernelArgs*)` with a loop over [begin, end);
//           math functions are LLVM intrinsics where they exist and libm calls otherwise;
//           rand() is inline Philox IR (emit_philox.h, the runtime's nj_rt_rand bit for bit);
//           other random numbers call the runtime's nj_rt_randn, nj_rt_poisson, ...
// Example:  `v[i] = v[i] * exp(-dt / tau)` → a loop loading v, calling llvm.exp.f64, storing v.
#pragma once

#include "compiler/ir/ir.h"

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>

#include <memory>
#include <vector>

namespace nj::codegen {

/// Emits all `kernels` into one new module of `context`.
std::unique_ptr<llvm::Module> emit_kernels(const std::vector<ir::Kernel>& kernels,
                                           llvm::LLVMContext& context,
                                           const std::string& module_name);

}  // namespace nj::codegen
