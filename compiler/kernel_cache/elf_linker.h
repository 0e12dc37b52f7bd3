// Links ELF relocatable objects for x86-64 into executable memory of this process, without LLVM.
//
// The code generator compiles kernels for the large code model, so their objects address
// everything (constants, other kernels, runtime and libm functions) through 64-bit absolute
// relocations. That makes linking a cached object simple enough to do here: place the sections,
// resolve the symbols, write the addresses, protect the pages. Anything else this linker meets
// (another relocation type, a common symbol, a 32-bit address out of range, constructors,
// thread-local data) makes it decline, and the caller links through the JIT instead.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace nj::kernel_cache {

/// Finds a symbol the objects use but do not define; null when there is none.
using SymbolResolver = std::function<void*(const std::string& name)>;

/// Linked machine code; the memory is released with this object.
class LinkedCode {
public:
    /// Links `objects` together, resolving what none defines through `resolve`. Null, with the
    /// reason in `*why`, when an object is not an x86-64 relocatable ELF object, needs what this
    /// linker does not handle, or uses a symbol `resolve` does not know.
    static std::unique_ptr<LinkedCode> link(const std::vector<std::string_view>& objects,
                                            const SymbolResolver& resolve, std::string* why);
    ~LinkedCode();
    LinkedCode(const LinkedCode&) = delete;
    LinkedCode& operator=(const LinkedCode&) = delete;

    /// The address of the global symbol `name` the objects define, or null.
    void* symbol(const std::string& name) const;

private:
    LinkedCode() = default;
    void* memory_ = nullptr;
    size_t size_ = 0;
    std::map<std::string, void*> symbols_;
    friend class ElfLinking;
};

}  // namespace nj::kernel_cache
