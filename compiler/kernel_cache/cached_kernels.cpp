// link_cached_kernels: every part's object from the cache, linked by elf_linker, or nothing.
#include "compiler/kernel_cache/cached_kernels.h"

#include "compiler/kernel_cache/elf_linker.h"
#include "compiler/kernel_cache/kernel_parts.h"

#include <map>

#include <dlfcn.h>

namespace nj::kernel_cache {

namespace {

/// Kernels in memory linked by LinkedCode.
class CachedKernels final : public jit::CompiledKernels {
public:
    CachedKernels(std::unique_ptr<LinkedCode> code, std::map<std::string, rt::KernelFn> kernels)
        : code_(std::move(code)), kernels_(std::move(kernels)) {}

    rt::KernelFn find(const std::string& name) const override {
        auto it = kernels_.find(name);
        return it == kernels_.end() ? nullptr : it->second;
    }
    const std::string& llvm_ir() const override { return no_ir_; }
    bool from_cache() const override { return true; }

private:
    std::unique_ptr<LinkedCode> code_;
    std::map<std::string, rt::KernelFn> kernels_;
    std::string no_ir_;
};

}  // namespace

std::optional<CodeTarget> host_code_target(const jit::JitOptions& options) {
    auto host = host_cpu_fingerprint();
    if (!host) return std::nullopt;
    return CodeTarget{*host, options.opt_level, load_vector_math_library()};
}

std::unique_ptr<jit::CompiledKernels> link_cached_kernels(const std::vector<ir::Kernel>& kernels,
                                                          const std::vector<jit::RuntimeSymbol>& runtime,
                                                          const jit::JitOptions& options, std::string* why) {
    if (!options.use_cache || options.keep_llvm_ir) return nullptr;
    auto target = host_code_target(options);
    if (!target) return nullptr;
    std::vector<std::string> objects;
    for (const KernelPart& part : plan_kernel_parts(kernels, options, *target)) {
        std::optional<std::string> object = part.cache ? part.cache->load() : std::nullopt;
        if (!object) return nullptr;
        objects.push_back(std::move(*object));
    }
    std::map<std::string, void*> runtime_symbols;
    for (const auto& s : runtime) runtime_symbols[s.name] = s.address;
    auto resolve = [&runtime_symbols](const std::string& name) -> void* {
        if (auto it = runtime_symbols.find(name); it != runtime_symbols.end()) return it->second;
        return dlsym(RTLD_DEFAULT, name.c_str());  // libm, libmvec, libc (memset)
    };
    auto code = LinkedCode::link(std::vector<std::string_view>(objects.begin(), objects.end()), resolve, why);
    if (!code) return nullptr;
    std::map<std::string, rt::KernelFn> found;
    for (const auto& kernel : kernels) {
        void* address = code->symbol(kernel.name);
        if (!address) {
            if (why) *why = "kernel '" + kernel.name + "' is not in its cached object";
            return nullptr;
        }
        found[kernel.name] = reinterpret_cast<rt::KernelFn>(address);
    }
    return std::make_unique<CachedKernels>(std::move(code), std::move(found));
}

}  // namespace nj::kernel_cache
