// Uniform random numbers emitted as LLVM IR (Philox4x32-10, as runtime/rng/counter_rng.h).
#include "compiler/codegen/emit_philox.h"

#include <array>

namespace nj::codegen {

namespace {

using Words = std::array<llvm::Value*, 4>;

// Philox4x32's multipliers and Weyl key increments (Salmon et al., SC'11).
constexpr uint32_t multiplier_0 = 0xD2511F53u, multiplier_1 = 0xCD9E8D57u;
constexpr uint32_t key_step_0 = 0x9E3779B9u, key_step_1 = 0xBB67AE85u;

/// High and low 32 bits of the 64-bit product of two 32-bit words.
std::pair<llvm::Value*, llvm::Value*> wide_product(llvm::IRBuilder<>& b, uint32_t m, llvm::Value* x) {
    llvm::Value* product = b.CreateMul(b.getInt64(m), b.CreateZExt(x, b.getInt64Ty()));
    return {b.CreateTrunc(b.CreateLShr(product, 32), b.getInt32Ty()), b.CreateTrunc(product, b.getInt32Ty())};
}

Words philox_round(llvm::IRBuilder<>& b, const Words& ctr, llvm::Value* key0, llvm::Value* key1) {
    auto [hi0, lo0] = wide_product(b, multiplier_0, ctr[0]);
    auto [hi1, lo1] = wide_product(b, multiplier_1, ctr[2]);
    return {b.CreateXor(b.CreateXor(hi1, ctr[1]), key0), lo1, b.CreateXor(b.CreateXor(hi0, ctr[3]), key1), lo0};
}

}  // namespace

llvm::Value* emit_philox_uniform(llvm::IRBuilder<>& b, llvm::Value* seed, llvm::Value* stream,
                                 llvm::Value* step, llvm::Value* index, llvm::Value* draw) {
    llvm::Type* i32 = b.getInt32Ty();
    // the counter: {index, stream, step bits 0-31, step bits 32-39 | draw << 8 | block 0 << 24}
    llvm::Value* step_high = b.CreateAnd(b.CreateTrunc(b.CreateLShr(step, 32), i32), b.getInt32(0xFFu));
    llvm::Value* word3 = b.CreateOr(step_high, b.CreateShl(b.CreateAnd(draw, b.getInt32(0xFFFFu)), 8));
    Words ctr = {index, stream, b.CreateTrunc(step, i32), word3};
    llvm::Value* key0 = b.CreateTrunc(seed, i32);
    llvm::Value* key1 = b.CreateTrunc(b.CreateLShr(seed, 32), i32);
    for (int round = 0; round < 10; ++round) {
        if (round > 0) {
            key0 = b.CreateAdd(key0, b.getInt32(key_step_0));
            key1 = b.CreateAdd(key1, b.getInt32(key_step_1));
        }
        ctr = philox_round(b, ctr, key0, key1);
    }
    // 64 bits from words 0 (high) and 1 (low); the top 53 become a double in [0, 1)
    llvm::Type* i64 = b.getInt64Ty();
    llvm::Value* bits = b.CreateOr(b.CreateShl(b.CreateZExt(ctr[0], i64), 32), b.CreateZExt(ctr[1], i64));
    llvm::Value* top = b.CreateLShr(bits, 11);
    return b.CreateFMul(b.CreateUIToFP(top, b.getDoubleTy()), llvm::ConstantFP::get(b.getDoubleTy(), 0x1p-53));
}

}  // namespace nj::codegen
