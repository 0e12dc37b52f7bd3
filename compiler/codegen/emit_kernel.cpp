// Kernel IR → LLVM IR: the element loop, statements and expressions of one kernel.
#include "compiler/codegen/emit_kernel.h"

#include "compiler/codegen/emit_philox.h"
#include "compiler/support/assert.h"

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/MDBuilder.h>

#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

namespace nj::codegen {

namespace {

/// Field indices of rt::KernelArgs (runtime/abi.h checks the layout).
enum ArgField { Arrays, Params, Time, Dt, Step, Seed, Begin, End, Elements, NonFinite };

/// Whether `e` is finite whatever the state and parameters: a finite constant, a 0/1 from a
/// condition, or a choice between such values (flags such as not_refractory and spiked).
bool always_finite(const ir::ExprRef& e) {
    switch (e->kind) {
    case ir::ExprKind::Const: return std::isfinite(e->value);
    case ir::ExprKind::Compare:
    case ir::ExprKind::Logical: return true;
    case ir::ExprKind::Select: return always_finite(e->args[1]) && always_finite(e->args[2]);
    default: return false;
    }
}

/// Whether `e` has one value for a whole kernel call: built from constants, parameters, t and dt
/// with pure functions only (no array, element index, local or random draw).
bool call_invariant(const ir::ExprRef& e) {
    switch (e->kind) {
    case ir::ExprKind::Const:
    case ir::ExprKind::Param:
    case ir::ExprKind::Time:
    case ir::ExprKind::Dt: return true;
    case ir::ExprKind::Unary:
    case ir::ExprKind::Binary:
    case ir::ExprKind::Compare:
    case ir::ExprKind::Logical:
    case ir::ExprKind::Select:
    case ir::ExprKind::Call:
        for (const ir::ExprRef& arg : e->args)
            if (!call_invariant(arg)) return false;
        return true;
    default: return false;
    }
}

class KernelEmitter {
public:
    KernelEmitter(const ir::Kernel& kernel, llvm::Module& module)
        : kernel_(kernel), module_(module), ctx_(module.getContext()), b_(ctx_) {}

    void emit() {
        auto* f64 = b_.getDoubleTy();
        auto* ptr = b_.getPtrTy();
        auto* i64 = b_.getInt64Ty();
        args_type_ = llvm::StructType::get(ctx_, {ptr, ptr, f64, f64, i64, i64, i64, i64, ptr, ptr});
        auto* fn_type = llvm::FunctionType::get(b_.getVoidTy(), {ptr}, false);
        fn_ = llvm::Function::Create(fn_type, llvm::Function::ExternalLinkage, kernel_.name, module_);
        fn_->addFnAttr(llvm::Attribute::NoUnwind);
        // 512-bit vectors where the target has them and the arrays sit in cache (see
        // prefer_256_bit_vectors in kernel_jit.cpp for the streaming case)
        if (kernel_.fits_in_cache) fn_->addFnAttr("prefer-vector-width", "512");
        fn_->addParamAttr(0, llvm::Attribute::NoAlias);
        fn_->addParamAttr(0, llvm::Attribute::ReadOnly);
        emit_prologue();
        collect_poisson_draws(kernel_.body);
        if (poisson_draws_.empty() || calls_other_sampler_) emit_loop();
        else emit_chunked_loop();
    }

private:
    llvm::Value* field(ArgField f, llvm::Type* type, const char* name) {
        llvm::Value* p = b_.CreateStructGEP(args_type_, fn_->getArg(0), f);
        return b_.CreateLoad(type, p, name);
    }

    void emit_prologue() {
        auto* entry = llvm::BasicBlock::Create(ctx_, "entry", fn_);
        b_.SetInsertPoint(entry);
        auto* ptr = b_.getPtrTy();
        llvm::Value* arrays = field(Arrays, ptr, "arrays");
        params_ = field(Params, ptr, "params");
        t_ = field(Time, b_.getDoubleTy(), "t");
        dt_ = field(Dt, b_.getDoubleTy(), "dt");
        step_ = field(Step, b_.getInt64Ty(), "step");
        seed_ = field(Seed, b_.getInt64Ty(), "seed");
        begin_ = field(Begin, b_.getInt64Ty(), "begin");
        end_ = field(End, b_.getInt64Ty(), "end");
        if (kernel_.indexed) elements_ = field(Elements, ptr, "elements");
        for (size_t k = 0; k < kernel_.arrays.size(); ++k) {
            llvm::Value* slot = b_.CreateConstInBoundsGEP1_64(ptr, arrays, k);
            bases_.push_back(b_.CreateLoad(ptr, slot, kernel_.arrays[k]));
        }
        make_alias_scopes();
        // Parameters are read once, before the loop: they cannot change during a kernel call,
        // and as SSA values everything computed from them alone (exp(-dt/tau), propagators)
        // is hoisted out of the element loop.
        for (size_t k = 0; k < kernel_.params.size(); ++k) {
            llvm::Value* slot = b_.CreateConstInBoundsGEP1_64(b_.getDoubleTy(), params_, k);
            param_values_.push_back(b_.CreateLoad(b_.getDoubleTy(), slot, kernel_.params[k]));
        }
        for (int k = 0; k < kernel_.locals; ++k) {
            locals_.push_back(b_.CreateAlloca(b_.getDoubleTy(), nullptr, "local" + std::to_string(k)));
        }
        nonfinite_ = b_.CreateAlloca(b_.getInt64Ty(), nullptr, "nonfinite");
        b_.CreateStore(b_.getInt64(0), nonfinite_);
    }

    /// Accumulates the bits of value - value, which are 0 for a finite value and NaN otherwise:
    /// branch-free, so the loop still vectorises (an or-reduction).
    void note_finiteness(const ir::ExprRef& e, llvm::Value* value) {
        if (always_finite(e)) return;
        llvm::Value* bits = b_.CreateBitCast(b_.CreateFSub(value, value), b_.getInt64Ty());
        b_.CreateStore(b_.CreateOr(b_.CreateLoad(b_.getInt64Ty(), nonfinite_), bits), nonfinite_);
        checks_finiteness_ = true;
    }

    /// After the loop: report a non-finite store to args->nonfinite, if the caller asked.
    void emit_finiteness_report() {
        if (!checks_finiteness_) return;
        auto* report = llvm::BasicBlock::Create(ctx_, "report", fn_);
        auto* done = llvm::BasicBlock::Create(ctx_, "done", fn_);
        llvm::Value* bits = b_.CreateLoad(b_.getInt64Ty(), nonfinite_);
        llvm::Value* target = field(NonFinite, b_.getPtrTy(), "nonfinite_out");
        llvm::Value* wanted = b_.CreateAnd(b_.CreateICmpNE(bits, b_.getInt64(0)), b_.CreateIsNotNull(target));
        b_.CreateCondBr(wanted, report, done);
        b_.SetInsertPoint(report);
        b_.CreateAtomicRMW(llvm::AtomicRMWInst::Or, target, bits, llvm::MaybeAlign(8), llvm::AtomicOrdering::Monotonic);
        b_.CreateBr(done);
        b_.SetInsertPoint(done);
    }

    void emit_loop() {
        auto* loop = llvm::BasicBlock::Create(ctx_, "loop", fn_);
        auto* body = llvm::BasicBlock::Create(ctx_, "body", fn_);
        auto* exit = llvm::BasicBlock::Create(ctx_, "exit", fn_);
        llvm::BasicBlock* entry = b_.GetInsertBlock();
        b_.CreateBr(loop);
        b_.SetInsertPoint(loop);
        llvm::PHINode* k = b_.CreatePHI(b_.getInt64Ty(), 2, "k");
        k->addIncoming(begin_, entry);
        b_.CreateCondBr(b_.CreateICmpSLT(k, end_), body, exit);
        b_.SetInsertPoint(body);
        index_ = element_index(k);
        for (const auto& s : kernel_.body) emit_stmt(s);
        llvm::Value* next = b_.CreateAdd(k, b_.getInt64(1), "next", true, true);
        k->addIncoming(next, b_.GetInsertBlock());
        b_.CreateBr(loop);
        b_.SetInsertPoint(exit);
        emit_finiteness_report();
        b_.CreateRetVoid();
    }

    /// The draw numbers of the kernel's Poisson counts, and whether it also calls another
    /// runtime sampler (beta, gamma, binomial, randn) or keyed random function.
    void collect_poisson_draws(const std::vector<ir::Stmt>& body) {
        std::set<const ir::Expr*> seen;
        std::function<void(const ir::ExprRef&)> visit = [&](const ir::ExprRef& e) {
            if (!e || !seen.insert(e.get()).second) return;
            if (e->kind == ir::ExprKind::Random && e->op == "poisson") poisson_draws_[e->slot] = nullptr;
            if (e->kind == ir::ExprKind::Random && e->op != "poisson" && e->op != "rand") calls_other_sampler_ = true;
            if (e->kind == ir::ExprKind::Call && e->op.starts_with("keyed_")) calls_other_sampler_ = true;
            for (const auto& a : e->args) visit(a);
        };
        for (const auto& st : body) {
            visit(st.value);
            visit(st.index);
            collect_poisson_draws(st.then_body);
            collect_poisson_draws(st.else_body);
        }
    }

    /// The element loop in chunks of `chunk` elements, each first computing the first uniforms
    /// of the chunk's Poisson draws into a buffer. That pre-loop is only integer arithmetic, so
    /// the vectorizer widens its Philox rounds; the element loop, which calls the runtime for
    /// nonzero counts and stays scalar, then reads each uniform instead of computing it.
    /// Not used when the element loop calls another sampler: the scalar Philox rounds then run
    /// in the shadow of that call's latency, and a pre-loop would only add its own time
    /// (an input that also draws a Beta per element: 0.59 -> 0.64-0.70 s; a Poisson count alone:
    /// halved).
    void emit_chunked_loop() {
        constexpr int64_t chunk = 64;
        auto* i64 = b_.getInt64Ty();
        auto* buffer_type = llvm::ArrayType::get(b_.getDoubleTy(), chunk);
        for (auto& [draw, buffer] : poisson_draws_) buffer = b_.CreateAlloca(buffer_type, nullptr, "uniforms" + std::to_string(draw));
        auto* outer = llvm::BasicBlock::Create(ctx_, "chunk", fn_);
        auto* prefetch = llvm::BasicBlock::Create(ctx_, "prefetch", fn_);
        auto* loop = llvm::BasicBlock::Create(ctx_, "loop", fn_);
        auto* body = llvm::BasicBlock::Create(ctx_, "body", fn_);
        auto* latch = llvm::BasicBlock::Create(ctx_, "chunk_next", fn_);
        auto* exit = llvm::BasicBlock::Create(ctx_, "exit", fn_);
        llvm::BasicBlock* entry = b_.GetInsertBlock();
        b_.CreateBr(outer);

        b_.SetInsertPoint(outer);
        llvm::PHINode* first = b_.CreatePHI(i64, 2, "chunk_first");
        first->addIncoming(begin_, entry);
        llvm::Value* chunk_end = b_.CreateSelect(b_.CreateICmpSLT(b_.CreateAdd(first, b_.getInt64(chunk)), end_),
                                                 b_.CreateAdd(first, b_.getInt64(chunk)), end_, "chunk_end");
        b_.CreateCondBr(b_.CreateICmpSLT(first, end_), prefetch, exit);

        b_.SetInsertPoint(prefetch);  // runs at least once: first < chunk_end
        llvm::PHINode* j = b_.CreatePHI(i64, 2, "j");
        j->addIncoming(first, outer);
        llvm::Value* element = element_index(j);
        for (const auto& [draw, buffer] : poisson_draws_) {
            llvm::Value* u = emit_philox_uniform(b_, seed_, b_.getInt32(kernel_.stream), step_,
                                                 b_.CreateTrunc(element, b_.getInt32Ty()), b_.getInt32(static_cast<uint32_t>(draw)));
            b_.CreateStore(u, b_.CreateInBoundsGEP(buffer_type, buffer, {b_.getInt64(0), b_.CreateSub(j, first)}));
        }
        llvm::Value* j_next = b_.CreateAdd(j, b_.getInt64(1), "j_next", true, true);
        j->addIncoming(j_next, prefetch);
        b_.CreateCondBr(b_.CreateICmpSLT(j_next, chunk_end), prefetch, loop);

        b_.SetInsertPoint(loop);
        llvm::PHINode* k = b_.CreatePHI(i64, 2, "k");
        k->addIncoming(first, prefetch);
        b_.CreateCondBr(b_.CreateICmpSLT(k, chunk_end), body, latch);
        b_.SetInsertPoint(body);
        index_ = element_index(k);
        chunk_offset_ = b_.CreateSub(k, first);
        for (const auto& s : kernel_.body) emit_stmt(s);
        llvm::Value* next = b_.CreateAdd(k, b_.getInt64(1), "next", true, true);
        k->addIncoming(next, b_.GetInsertBlock());
        b_.CreateBr(loop);

        b_.SetInsertPoint(latch);
        first->addIncoming(chunk_end, latch);
        b_.CreateBr(outer);
        b_.SetInsertPoint(exit);
        emit_finiteness_report();
        b_.CreateRetVoid();
    }

    /// The element of loop position `k`: k itself, or elements[k] in an indexed kernel.
    llvm::Value* element_index(llvm::Value* k) {
        if (!kernel_.indexed) return k;
        return b_.CreateLoad(b_.getInt64Ty(), b_.CreateInBoundsGEP(b_.getInt64Ty(), elements_, k), "i");
    }

    bool single(int array) const {
        auto k = static_cast<size_t>(array);
        return k < kernel_.single_arrays.size() && kernel_.single_arrays[k];
    }

    llvm::Type* element_type(int array) { return single(array) ? b_.getFloatTy() : b_.getDoubleTy(); }

    llvm::Value* element(int array, llvm::Value* index) {
        return b_.CreateInBoundsGEP(element_type(array), bases_[array], index ? index : index_);
    }

    /// Arithmetic is double whatever the storage: a float element is widened when loaded.
    llvm::Value* load_element(int array, llvm::Value* index) {
        llvm::Instruction* value = b_.CreateLoad(element_type(array), element(array, index));
        mark_slot(value, array);
        return single(array) ? b_.CreateFPExt(value, b_.getDoubleTy()) : value;
    }

    /// One alias scope per array slot. Each slot is its own variable's storage (the runtime binds
    /// distinct arrays), so an access to one slot never touches another's: a value stored and
    /// read back in the same iteration needs no reload, and loops need no run-time overlap checks.
    void make_alias_scopes() {
        llvm::MDBuilder md(ctx_);
        llvm::MDNode* domain = md.createAnonymousAliasScopeDomain(kernel_.name);
        std::vector<llvm::Metadata*> scopes;
        for (const auto& name : kernel_.arrays) scopes.push_back(md.createAnonymousAliasScope(domain, name));
        for (size_t k = 0; k < scopes.size(); ++k) {
            std::vector<llvm::Metadata*> others;
            for (size_t j = 0; j < scopes.size(); ++j) {
                if (j != k) others.push_back(scopes[j]);
            }
            own_scope_.push_back(llvm::MDNode::get(ctx_, {scopes[k]}));
            other_scopes_.push_back(llvm::MDNode::get(ctx_, others));
        }
    }

    void mark_slot(llvm::Instruction* access, int array) {
        auto k = static_cast<size_t>(array);
        access->setMetadata(llvm::LLVMContext::MD_alias_scope, own_scope_[k]);
        access->setMetadata(llvm::LLVMContext::MD_noalias, other_scopes_[k]);
    }

    void emit_stmt(const ir::Stmt& s) {
        switch (s.kind) {
        case ir::StmtKind::Store: {
            llvm::Value* value = emit(s.value);
            llvm::Value* index = s.index ? b_.CreateFPToSI(emit(s.index), b_.getInt64Ty()) : nullptr;
            if (single(s.slot)) {
                // rounded to float when stored; a value beyond float's range becomes infinite
                llvm::Value* stored = b_.CreateFPTrunc(value, b_.getFloatTy());
                mark_slot(b_.CreateStore(stored, element(s.slot, index)), s.slot);
                note_finiteness(s.value, b_.CreateFPExt(stored, b_.getDoubleTy()));
            } else {
                mark_slot(b_.CreateStore(value, element(s.slot, index)), s.slot);
                note_finiteness(s.value, value);
            }
            break;
        }
        case ir::StmtKind::SetLocal: b_.CreateStore(emit(s.value), locals_[s.slot]); break;
        case ir::StmtKind::If: emit_if(s); break;
        }
    }

    void emit_if(const ir::Stmt& s) {
        auto* then_block = llvm::BasicBlock::Create(ctx_, "then", fn_);
        auto* else_block = llvm::BasicBlock::Create(ctx_, "else", fn_);
        auto* join = llvm::BasicBlock::Create(ctx_, "join", fn_);
        b_.CreateCondBr(emit(s.value), then_block, else_block);
        b_.SetInsertPoint(then_block);
        for (const auto& t : s.then_body) emit_stmt(t);
        b_.CreateBr(join);
        b_.SetInsertPoint(else_block);
        for (const auto& t : s.else_body) emit_stmt(t);
        b_.CreateBr(join);
        b_.SetInsertPoint(join);
    }

    llvm::Value* emit(const ir::ExprRef& e);
    llvm::Value* emit_binary(const ir::Expr& e);
    llvm::Value* emit_branch(const ir::Expr& select);
    /// Random draws, keyed random functions and transcendental functions (exp, log, tanh, pow,
    /// ...): worth a branch rather than a speculative call. Such calls keep a loop scalar
    /// anyway, and a chain of where(code == k, f_k(x), ...) then costs one f, not all of them.
    bool is_costly(const ir::ExprRef& e) {
        if (auto it = costly_.find(e.get()); it != costly_.end()) return it->second;
        static const std::set<std::string, std::less<>> cheap = {
            "fabs", "floor", "ceil", "round", "trunc", "sqrt", "surrogate_step", "detach"};
        bool costly = e->kind == ir::ExprKind::Random || (e->kind == ir::ExprKind::Call && !cheap.count(e->op)) ||
                      (e->kind == ir::ExprKind::Binary && e->op == "pow");
        for (size_t k = 0; !costly && k < e->args.size(); ++k) costly = e->args[k] && is_costly(e->args[k]);
        return costly_[e.get()] = costly;
    }
    llvm::Value* emit_call(const ir::Expr& e);
    llvm::Value* emit_random(const ir::Expr& e);
    llvm::Value* emit_poisson(const std::vector<llvm::Value*>& args, llvm::Value* u);
    /// The first uniform of Poisson draw `draw` from its chunk's buffer; null outside chunks.
    llvm::Value* prefetched_uniform(int draw) {
        if (!chunk_offset_) return nullptr;  // not in a chunked loop: emit_poisson computes it
        llvm::Value* buffer = poisson_draws_.at(draw);
        auto* buffer_type = llvm::cast<llvm::AllocaInst>(buffer)->getAllocatedType();
        return b_.CreateLoad(b_.getDoubleTy(), b_.CreateInBoundsGEP(buffer_type, buffer, {b_.getInt64(0), chunk_offset_}));
    }
    llvm::Value* intrinsic(llvm::Intrinsic::ID id, std::vector<llvm::Value*> args) {
        return b_.CreateIntrinsic(id, {b_.getDoubleTy()}, args);
    }

    const ir::Kernel& kernel_;
    llvm::Module& module_;
    llvm::LLVMContext& ctx_;
    llvm::IRBuilder<> b_;
    llvm::StructType* args_type_ = nullptr;
    llvm::Function* fn_ = nullptr;
    llvm::Value *params_ = nullptr, *t_ = nullptr, *dt_ = nullptr, *step_ = nullptr;
    llvm::Value *seed_ = nullptr, *begin_ = nullptr, *end_ = nullptr, *elements_ = nullptr;
    llvm::Value* index_ = nullptr;  ///< the element index i: the loop counter, or elements[k]
    llvm::Value* nonfinite_ = nullptr;  ///< i64 accumulator of value - value bits of stores
    bool checks_finiteness_ = false;
    std::vector<llvm::Value*> bases_;
    std::vector<llvm::Value*> param_values_;
    std::vector<llvm::Value*> locals_;
    std::vector<llvm::MDNode*> own_scope_, other_scopes_;  ///< per array slot (make_alias_scopes)
    std::unordered_map<const ir::Expr*, bool> costly_;
    /// draw number of a Poisson count → its chunk's buffer of first uniforms (emit_chunked_loop)
    std::map<int, llvm::Value*> poisson_draws_;
    bool calls_other_sampler_ = false;
    llvm::Value* chunk_offset_ = nullptr;  ///< the element's position in its chunk
};

llvm::Value* KernelEmitter::emit(const ir::ExprRef& e) {
    auto* f64 = b_.getDoubleTy();
    switch (e->kind) {
    case ir::ExprKind::Const: return llvm::ConstantFP::get(f64, e->value);
    case ir::ExprKind::Param: return param_values_[e->slot];
    case ir::ExprKind::Load: {
        llvm::Value* index = e->args[0] ? b_.CreateFPToSI(emit(e->args[0]), b_.getInt64Ty()) : nullptr;
        return load_element(e->slot, index);
    }
    case ir::ExprKind::LoopIndex: return b_.CreateSIToFP(index_, f64);
    case ir::ExprKind::Time: return t_;
    case ir::ExprKind::Dt: return dt_;
    case ir::ExprKind::Local: return b_.CreateLoad(f64, locals_[e->slot]);
    case ir::ExprKind::Unary:
        return e->op == "-" ? b_.CreateFNeg(emit(e->args[0])) : b_.CreateNot(emit(e->args[0]));
    case ir::ExprKind::Binary: return emit_binary(*e);
    case ir::ExprKind::Compare: {
        llvm::Value *a = emit(e->args[0]), *b = emit(e->args[1]);
        const std::string& op = e->op;
        if (op == "<") return b_.CreateFCmpOLT(a, b);
        if (op == "<=") return b_.CreateFCmpOLE(a, b);
        if (op == ">") return b_.CreateFCmpOGT(a, b);
        if (op == ">=") return b_.CreateFCmpOGE(a, b);
        if (op == "==") return b_.CreateFCmpOEQ(a, b);
        return b_.CreateFCmpUNE(a, b);
    }
    case ir::ExprKind::Logical:
        return e->op == "and" ? b_.CreateAnd(emit(e->args[0]), emit(e->args[1]))
                              : b_.CreateOr(emit(e->args[0]), emit(e->args[1]));
    case ir::ExprKind::Select:
        if (is_costly(e->args[1]) || is_costly(e->args[2])) return emit_branch(*e);
        return b_.CreateSelect(emit(e->args[0]), emit(e->args[1]), emit(e->args[2]));
    case ir::ExprKind::Call: return emit_call(*e);
    case ir::ExprKind::Random: return emit_random(*e);
    }
    NJ_UNREACHABLE("unknown IR expression kind");
}

/// A select whose arm draws random numbers or calls a keyed function: only the chosen arm runs
/// (a plain select would evaluate both, e.g. an unused perturbation draw at every step).
llvm::Value* KernelEmitter::emit_branch(const ir::Expr& select) {
    llvm::Value* condition = emit(select.args[0]);
    llvm::Function* function = b_.GetInsertBlock()->getParent();
    auto* then_block = llvm::BasicBlock::Create(ctx_, "arm_true", function);
    auto* else_block = llvm::BasicBlock::Create(ctx_, "arm_false", function);
    auto* merge_block = llvm::BasicBlock::Create(ctx_, "arm_merge", function);
    b_.CreateCondBr(condition, then_block, else_block);
    b_.SetInsertPoint(then_block);
    llvm::Value* if_true = emit(select.args[1]);
    llvm::BasicBlock* then_end = b_.GetInsertBlock();
    b_.CreateBr(merge_block);
    b_.SetInsertPoint(else_block);
    llvm::Value* if_false = emit(select.args[2]);
    llvm::BasicBlock* else_end = b_.GetInsertBlock();
    b_.CreateBr(merge_block);
    b_.SetInsertPoint(merge_block);
    llvm::PHINode* phi = b_.CreatePHI(b_.getDoubleTy(), 2);
    phi->addIncoming(if_true, then_end);
    phi->addIncoming(if_false, else_end);
    return phi;
}

llvm::Value* KernelEmitter::emit_binary(const ir::Expr& e) {
    llvm::Value *a = emit(e.args[0]), *b = emit(e.args[1]);
    const std::string& op = e.op;
    if (op == "+") return b_.CreateFAdd(a, b);
    if (op == "-") return b_.CreateFSub(a, b);
    if (op == "*") return b_.CreateFMul(a, b);
    // x / p with p fixed for the call is x * (1/p): the reciprocal leaves the loop, and a
    // multiply costs a fraction of a divide. It may differ from x / p in the last bit
    // (docs/language.md, "Arithmetic"), as Brian2's hoisted reciprocals do.
    if (op == "/" && call_invariant(e.args[1]) && !call_invariant(e.args[0]))
        return b_.CreateFMul(a, b_.CreateFDiv(llvm::ConstantFP::get(b_.getDoubleTy(), 1.0), b));
    if (op == "/") return b_.CreateFDiv(a, b);
    if (op == "pow") return intrinsic(llvm::Intrinsic::pow, {a, b});
    if (op == "min") return intrinsic(llvm::Intrinsic::minnum, {a, b});
    if (op == "max") return intrinsic(llvm::Intrinsic::maxnum, {a, b});
    // mod: floored, with the sign of the divisor (Python's %)
    llvm::Value* q = intrinsic(llvm::Intrinsic::floor, {b_.CreateFDiv(a, b)});
    return b_.CreateFSub(a, b_.CreateFMul(b, q));
}

llvm::Value* KernelEmitter::emit_call(const ir::Expr& e) {
    static const std::map<std::string, llvm::Intrinsic::ID> intrinsics = {
        {"exp", llvm::Intrinsic::exp},     {"log", llvm::Intrinsic::log},
        {"log10", llvm::Intrinsic::log10}, {"sqrt", llvm::Intrinsic::sqrt},
        {"sin", llvm::Intrinsic::sin},     {"cos", llvm::Intrinsic::cos},
        {"fabs", llvm::Intrinsic::fabs},   {"floor", llvm::Intrinsic::floor},
        {"ceil", llvm::Intrinsic::ceil},   {"round", llvm::Intrinsic::round},
        {"trunc", llvm::Intrinsic::trunc}};
    // a compare and select, not a call, so loops over it still vectorise; beta only shapes the
    // training gradient (the adjoint's derivative), never the value
    if (e.op == "detach") return emit(e.args[0]);  // only the gradient differs (differentiate.h)
    if (e.op == "surrogate_step") {
        auto* f64 = b_.getDoubleTy();
        return b_.CreateSelect(b_.CreateFCmpOGT(emit(e.args[0]), llvm::ConstantFP::get(f64, 0.0)),
                               llvm::ConstantFP::get(f64, 1.0), llvm::ConstantFP::get(f64, 0.0));
    }
    std::vector<llvm::Value*> args;
    for (const auto& a : e.args) args.push_back(emit(a));
    auto it = intrinsics.find(e.op);
    if (it != intrinsics.end()) return intrinsic(it->second, args);
    std::vector<llvm::Type*> types(args.size(), b_.getDoubleTy());
    // keyed random functions are the runtime's nj_rt_keyed_* (rng_symbols.h), pure like libm here
    std::string symbol = e.op.starts_with("keyed_") ? "nj_rt_" + e.op : e.op;
    auto callee = module_.getOrInsertFunction(symbol, llvm::FunctionType::get(b_.getDoubleTy(), types, false));
    if (auto* fn = llvm::dyn_cast<llvm::Function>(callee.getCallee())) {
        // Kernels never read errno, so libm calls are pure here: LLVM may hoist them out
        // of the element loop when their arguments are loop-invariant.
        fn->setDoesNotAccessMemory();
        fn->setDoesNotThrow();
        fn->setWillReturn();
    }
    return b_.CreateCall(callee, args);
}

llvm::Value* KernelEmitter::emit_random(const ir::Expr& e) {
    // nj_rt_<kind>(parameters..., seed, stream, step, index, draw); see runtime/rng/rng_symbols.h
    auto* i32 = b_.getInt32Ty();
    auto* i64 = b_.getInt64Ty();
    std::vector<llvm::Type*> types(e.args.size(), b_.getDoubleTy());
    types.insert(types.end(), {i64, i32, i64, i32, i32});
    if (e.op == "rand") {
        // inline, so loops that draw per element can be vectorized (emit_philox.h)
        return emit_philox_uniform(b_, seed_, b_.getInt32(kernel_.stream), step_, b_.CreateTrunc(index_, i32),
                                   b_.getInt32(static_cast<uint32_t>(e.slot)));
    }
    std::vector<llvm::Value*> args;
    for (const auto& a : e.args) args.push_back(emit(a));
    args.insert(args.end(), {seed_, b_.getInt32(kernel_.stream), step_, b_.CreateTrunc(index_, i32),
                             b_.getInt32(static_cast<uint32_t>(e.slot))});
    if (e.op == "poisson") return emit_poisson(args, prefetched_uniform(e.slot));
    auto callee = module_.getOrInsertFunction("nj_rt_" + e.op, llvm::FunctionType::get(b_.getDoubleTy(), types, false));
    return b_.CreateCall(callee, args);
}

/// Poisson counts with a small mean are mostly 0 or 1. The runtime's inversion returns 0 when its
/// first uniform u, which is rand() of the same draw, is below p0 = exp(-mean), and 1 when
/// u - p0 is below p0 mean: both are decided inline, with the inversion's own operations.
/// Otherwise, or when u lies within 1e-12 of a bound (where another exp's rounding could decide
/// differently), nj_rt_poisson_from goes on from this uniform and exp, so every count equals
/// nj_rt_poisson's. `u` is that first uniform when the chunk's pre-loop computed it
/// (emit_chunked_loop); null: computed here.
llvm::Value* KernelEmitter::emit_poisson(const std::vector<llvm::Value*>& args, llvm::Value* u) {
    auto* f64 = b_.getDoubleTy();
    auto number = [&](double v) { return llvm::ConstantFP::get(f64, v); };
    llvm::Value* mean = args[0];
    if (!u) u = emit_philox_uniform(b_, args[1], args[2], args[3], args[4], args[5]);
    llvm::Value* p0 = intrinsic(llvm::Intrinsic::exp, {b_.CreateFNeg(mean)});
    llvm::Value* small = b_.CreateAnd(b_.CreateFCmpOGE(mean, number(0.0)), b_.CreateFCmpOLT(mean, number(10.0)));
    llvm::Value* zero = b_.CreateAnd(small, b_.CreateFCmpOLT(u, b_.CreateFMul(p0, number(1.0 - 1e-12))));
    llvm::Function* function = b_.GetInsertBlock()->getParent();
    auto* one_block = llvm::BasicBlock::Create(ctx_, "poisson_one", function);
    auto* call_block = llvm::BasicBlock::Create(ctx_, "poisson_call", function);
    auto* merge_block = llvm::BasicBlock::Create(ctx_, "poisson_done", function);
    llvm::BasicBlock* zero_end = b_.GetInsertBlock();
    b_.CreateCondBr(zero, merge_block, one_block);

    // nj_rt_poisson_from's first two steps: margins u - p0 and (u - p0) - p0 (mean / 1)
    b_.SetInsertPoint(one_block);
    constexpr double band = 1e-12;
    llvm::Value* past_zero = b_.CreateFSub(u, p0);
    llvm::Value* below_one = b_.CreateFSub(past_zero, b_.CreateFMul(p0, b_.CreateFDiv(mean, number(1.0))));
    llvm::Value* one = b_.CreateAnd(small, b_.CreateAnd(b_.CreateFCmpOGT(past_zero, number(band)),
                                                        b_.CreateFCmpOLT(below_one, number(-band))));
    b_.CreateCondBr(one, merge_block, call_block);

    b_.SetInsertPoint(call_block);
    auto* i32 = b_.getInt32Ty();
    auto* i64 = b_.getInt64Ty();
    auto callee = module_.getOrInsertFunction(
        "nj_rt_poisson_from", llvm::FunctionType::get(f64, {f64, f64, f64, i64, i32, i64, i32, i32}, false));
    llvm::Value* drawn = b_.CreateCall(callee, {mean, p0, u, args[1], args[2], args[3], args[4], args[5]});
    b_.CreateBr(merge_block);
    b_.SetInsertPoint(merge_block);
    llvm::PHINode* count = b_.CreatePHI(f64, 3);
    count->addIncoming(number(0.0), zero_end);
    count->addIncoming(number(1.0), one_block);
    count->addIncoming(drawn, call_block);
    return count;
}

}  // namespace

std::unique_ptr<llvm::Module> emit_kernels(const std::vector<ir::Kernel>& kernels,
                                           llvm::LLVMContext& context,
                                           const std::string& module_name) {
    auto module = std::make_unique<llvm::Module>(module_name, context);
    for (const auto& kernel : kernels) KernelEmitter(kernel, *module).emit();
    return module;
}

}  // namespace nj::codegen
