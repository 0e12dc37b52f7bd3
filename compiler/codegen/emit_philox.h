// Uniform random numbers emitted as LLVM IR: the runtime's nj_rt_rand (Philox4x32-10 of the
// counter packed as runtime/rng/counter_rng.h documents, words 0-1 of the block, top 53 bits)
// written inline, so a kernel loop that draws `rand()` per element is plain integer arithmetic
// the loop vectorizer can widen, instead of one opaque call per element.
//
// Requires: seed and step are i64, stream, index and draw i32 (as emit_random passes them).
// Ensures:  the value equals nj_rt_rand(seed, stream, step, index, draw) bit for bit (tested
//           against it), so models draw the same numbers as before.
// Example:  rand() in a Poisson group's threshold → ~60 integer instructions, vectorized 8-wide
//           on AVX-512 where the call was scalar.
#pragma once

#include <llvm/IR/IRBuilder.h>

namespace nj::codegen {

/// nj_rt_rand(seed, stream, step, index, draw) as IR at the builder's position.
llvm::Value* emit_philox_uniform(llvm::IRBuilder<>& b, llvm::Value* seed, llvm::Value* stream,
                                 llvm::Value* step, llvm::Value* index, llvm::Value* draw);

}  // namespace nj::codegen
