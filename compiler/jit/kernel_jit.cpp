// ORC LLJIT session for one model: target setup, runtime symbols, optimisation, lookup.
#include "compiler/jit/kernel_jit.h"

#include "compiler/codegen/emit_kernel.h"
#include "compiler/codegen/optimize_module.h"
#include "compiler/ir/fingerprint_ir.h"
#include "compiler/jit/object_cache.h"
#include "compiler/kernel_cache/cached_kernels.h"
#include "compiler/kernel_cache/kernel_parts.h"

#include <llvm/ExecutionEngine/Orc/CompileUtils.h>
#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/TargetParser/Triple.h>

#include <map>
#include <mutex>
#include <system_error>
#include <thread>

namespace nj::jit {

namespace {

/// Kernels linked by an LLJIT session, which owns their code.
class LlvmKernels final : public CompiledKernels {
public:
    rt::KernelFn find(const std::string& name) const override {
        auto it = kernels.find(name);
        return it == kernels.end() ? nullptr : it->second;
    }
    const std::string& llvm_ir() const override { return ir_text; }
    bool from_cache() const override { return all_cached; }

    std::unique_ptr<llvm::orc::LLJIT> jit;
    std::map<std::string, rt::KernelFn> kernels;
    std::string ir_text;
    bool all_cached = false;
};

/// LLVM's native target is initialised once per process (the one global STYLE.md allows).
void initialise_llvm() {
    static std::once_flag once;
    std::call_once(once, [] {
        llvm::InitializeNativeTarget();
        llvm::InitializeNativeTargetAsmPrinter();
    });
}

std::string text_of(llvm::Error error) {
    std::string text;
    llvm::handleAllErrors(std::move(error), [&](const llvm::ErrorInfoBase& info) {
        text += info.message();
    });
    return text;
}

constexpr llvm::CodeGenOptLevel kCodeGenLevel = llvm::CodeGenOptLevel::Aggressive;

/// What the cache keys name as this host: the CPU fingerprint the program computes without LLVM
/// where there is one (x86-64), so a later run can find the objects before loading LLVM; else
/// the triple, CPU and features LLVM compiles for.
kernel_cache::CodeTarget code_target(const llvm::orc::JITTargetMachineBuilder& host, const JitOptions& options) {
    if (auto target = kernel_cache::host_code_target(options)) return *target;
    return {host.getTargetTriple().str() + ";" + host.getCPU() + ";" + host.getFeatures().getString(),
            options.opt_level, kernel_cache::load_vector_math_library()};
}

llvm::Error add_runtime_symbols(llvm::orc::LLJIT& jit, const std::vector<RuntimeSymbol>& runtime) {
    llvm::orc::SymbolMap symbols;
    for (const auto& s : runtime) {
        symbols[jit.mangleAndIntern(s.name)] = llvm::orc::ExecutorSymbolDef(
            llvm::orc::ExecutorAddr::fromPtr(s.address),
            llvm::JITSymbolFlags::Exported | llvm::JITSymbolFlags::Callable);
    }
    if (auto err = jit.getMainJITDylib().define(llvm::orc::absoluteSymbols(std::move(symbols)))) {
        return err;
    }
    // libm (tanh, expm1, ...) comes from the process itself.
    auto libm = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(
        jit.getDataLayout().getGlobalPrefix());
    if (!libm) return libm.takeError();
    jit.getMainJITDylib().addGenerator(std::move(*libm));
    return llvm::Error::success();
}

/// On x86 with AVX-512, vector loops 4 doubles wide rather than 8 (as clang's default tuning for
/// most AVX-512 CPUs). Measured on the AMD EPYC (Zen 4) VM, with state arrays on cache lines
/// (cli/aligned_allocation.cpp), 4-wide against 8-wide: a 64 000-neuron LIF update 0.44
/// against 0.60-0.73 s (it streams its arrays from memory); at 4000 neurons 0.027 against
/// 0.022 s and a Poisson input's pre-loop 1.06 against 0.99 s (both in cache) go the other way
/// by less. So kernels whose arrays fit in the cache (ir::Kernel::fits_in_cache) ask for 512
/// bits again with a function attribute, which overrides this default.
void prefer_256_bit_vectors(llvm::orc::JITTargetMachineBuilder& host) {
    if (host.getTargetTriple().getArch() != llvm::Triple::x86_64) return;
    host.getFeatures().AddFeature("prefer-256-bit", true);
}

/// Some of a model's kernels: their cache entry and object (loaded or compiled).
struct Part {
    std::vector<ir::Kernel> kernels;
    std::string name;
    std::unique_ptr<KernelObjectCache> cache;  ///< null when not caching
    std::unique_ptr<llvm::MemoryBuffer> object;
    bool from_cache = false;
    std::string llvm_ir;  ///< optimised, when JitOptions::keep_llvm_ir
    std::string error;
};

/// Emits, verifies and optimises a part's LLVM IR and compiles it to an object, which its cache
/// entry stores. Runs on any thread: everything LLVM it uses (context, target machine) is its own.
void compile_part(Part& part, llvm::orc::JITTargetMachineBuilder host, const JitOptions& options) {
    auto machine = host.createTargetMachine();
    if (!machine) {
        part.error = text_of(machine.takeError());
        return;
    }
    llvm::LLVMContext context;
    auto module = codegen::emit_kernels(part.kernels, context, part.name);
    module->setDataLayout((*machine)->createDataLayout());
    module->setTargetTriple((*machine)->getTargetTriple().str());
    std::string problems;
    llvm::raw_string_ostream problem_stream(problems);
    if (llvm::verifyModule(*module, &problem_stream)) {
        part.error = "invalid module: " + problems;
        return;
    }
    codegen::optimize_module(*module, **machine, options.opt_level, kernel_cache::load_vector_math_library());
    if (options.keep_llvm_ir) {
        llvm::raw_string_ostream ir_stream(part.llvm_ir);
        module->print(ir_stream, nullptr);
    }
    llvm::orc::SimpleCompiler compiler(**machine, part.cache.get());
    auto object = compiler(*module);
    if (!object) {
        part.error = text_of(object.takeError());
        return;
    }
    part.object = std::move(*object);
}

/// compile_part on a thread of its own for every part without an object but the first, which
/// runs on the caller's. Returns the first error, or "" when every part has its object.
std::string compile_missing_parts(std::vector<Part>& parts, const llvm::orc::JITTargetMachineBuilder& host,
                                  const JitOptions& options) {
    std::vector<Part*> missing;
    for (Part& part : parts) {
        if (!part.object) missing.push_back(&part);
    }
    auto guarded = [&host, &options](Part* part) {
        try {
            compile_part(*part, host, options);
        } catch (const std::exception& e) {
            part->error = e.what();
        }
    };
    std::vector<std::thread> workers;
    for (size_t k = 1; k < missing.size(); ++k) {
        try {
            workers.emplace_back(guarded, missing[k]);
        } catch (const std::system_error&) {
            guarded(missing[k]);  // no thread to be had: compile it here
        }
    }
    if (!missing.empty()) guarded(missing.front());
    for (std::thread& worker : workers) worker.join();
    for (Part* part : missing) {
        if (!part->error.empty()) return part->error;
    }
    return "";
}

}  // namespace

std::unique_ptr<CompiledKernels> compile_kernels(const std::vector<ir::Kernel>& kernels,
                                                 const std::vector<RuntimeSymbol>& runtime,
                                                 const JitOptions& options, std::string* error) {
    initialise_llvm();
    // One attempt at compiling; `read_cache` false ignores any cached object (used to retry when
    // a cached object fails to link, so the cache never makes a compile fail).
    bool tried_cached = false;
    auto compile_once = [&](bool read_cache, std::string* why) -> std::unique_ptr<LlvmKernels> {
        auto fail = [&](std::string text) -> std::unique_ptr<LlvmKernels> {
            *why = std::move(text);
            return nullptr;
        };
        auto builder = llvm::orc::JITTargetMachineBuilder::detectHost();
        if (!builder) return fail(text_of(builder.takeError()));
        builder->setCodeGenOptLevel(kCodeGenLevel);
        // Every address a 64-bit absolute: kernels may sit anywhere relative to libm and the
        // runtime, and the cache's own linker (kernel_cache/elf_linker.h) needs nothing more.
        if (builder->getTargetTriple().getArch() == llvm::Triple::x86_64) builder->setCodeModel(llvm::CodeModel::Large);
        prefer_256_bit_vectors(*builder);

        // Each part is one object and one cache entry; the parts the cache lacks are compiled
        // side by side (a hit needs no LLVM IR, optimisation or codegen).
        std::vector<Part> parts;
        for (auto& planned : kernel_cache::plan_kernel_parts(kernels, options, code_target(*builder, options))) {
            Part& part = parts.emplace_back();
            part.kernels = std::move(planned.kernels);
            part.name = std::move(planned.name);
            if (planned.cache) part.cache = std::make_unique<KernelObjectCache>(std::move(*planned.cache));
            if (part.cache && read_cache && !options.keep_llvm_ir) part.object = part.cache->load();
            part.from_cache = part.object != nullptr;
        }
        if (std::string failed = compile_missing_parts(parts, *builder, options); !failed.empty()) return fail(failed);

        auto impl = std::make_unique<LlvmKernels>();
        llvm::orc::LLJITBuilder jit_builder;
        jit_builder.setJITTargetMachineBuilder(*builder);
        auto jit = jit_builder.create();
        if (!jit) return fail(text_of(jit.takeError()));
        if (auto err = add_runtime_symbols(**jit, runtime)) return fail(text_of(std::move(err)));
        impl->all_cached = true;
        for (Part& part : parts) {
            impl->all_cached = impl->all_cached && part.from_cache;
            tried_cached = tried_cached || part.from_cache;
            impl->ir_text += part.llvm_ir;
            if (auto err = (*jit)->addObjectFile(std::move(part.object))) return fail(text_of(std::move(err)));
        }
        for (const auto& kernel : kernels) {
            auto address = (*jit)->lookup(kernel.name);
            if (!address) return fail(text_of(address.takeError()));
            impl->kernels[kernel.name] = address->toPtr<rt::KernelFn>();
        }
        impl->jit = std::move(*jit);
        return impl;
    };

    std::string why;
    auto impl = compile_once(/*read_cache=*/true, &why);
    if (!impl && tried_cached) {
        // Perhaps a cached object was unusable; compiling afresh also overwrites it.
        impl = compile_once(/*read_cache=*/false, &why);
    }
    if (!impl) {
        if (error) *error = "code generation failed: " + why;
        return nullptr;
    }
    return impl;
}

}  // namespace nj::jit
