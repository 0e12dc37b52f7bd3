// A model's kernels as machine code: linked from the object cache without LLVM when every part
// is there, else compiled by the LLVM module, opened for that.
#pragma once

#include "compiler/ir/ir.h"
#include "compiler/jit/compiled_kernels.h"

#include <memory>
#include <string>
#include <vector>

namespace nj::cli {

/// `kernels` from the cache (kernel_cache::link_cached_kernels) or, failing that, compiled by
/// jit::compile_kernels in the LLVM module. Null with a sentence in `*error` when the module
/// cannot be opened (an installation problem) or LLVM fails (a bug: the sentence asks for a
/// report).
std::unique_ptr<jit::CompiledKernels> load_kernels(const std::vector<ir::Kernel>& kernels,
                                                   const std::vector<jit::RuntimeSymbol>& runtime,
                                                   const jit::JitOptions& options, std::string* error);

/// The LLVM version the LLVM module links, or why it cannot be opened.
std::string llvm_version_or_reason();

}  // namespace nj::cli
