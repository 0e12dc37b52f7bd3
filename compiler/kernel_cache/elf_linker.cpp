// LinkedCode::link: section placement, symbol resolution and relocation of x86-64 ELF objects.
#include "compiler/kernel_cache/elf_linker.h"

#include <elf.h>
#include <sys/mman.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <limits>

namespace nj::kernel_cache {

namespace {

constexpr size_t kPage = 4096;

size_t round_up(size_t value, size_t alignment) { return (value + alignment - 1) / alignment * alignment; }

/// Copies a T out of `bytes` at `offset` (objects need not be aligned in memory); false when it
/// would read past the end.
template <class T>
bool read_at(std::string_view bytes, uint64_t offset, T& out) {
    if (offset > bytes.size() || bytes.size() - offset < sizeof(T)) return false;
    std::memcpy(&out, bytes.data() + offset, sizeof(T));
    return true;
}

/// Where a section goes: pages that execute, that are read, or that are written.
enum Area { Execute, Read, Write, AreaCount };

/// One object's section headers and symbols, read out of its bytes and checked.
struct Object {
    std::string_view bytes;
    std::vector<Elf64_Shdr> sections;
    std::vector<Elf64_Sym> symbols;
    std::string_view names;
    std::vector<uintptr_t> address;  ///< of each section once placed; 0 when it is not loaded
};

}  // namespace

/// One link: the steps of LinkedCode::link, each of which can decline with a reason.
class ElfLinking {
public:
    ElfLinking(const SymbolResolver& resolve, std::string* why) : resolve_(resolve), why_(why) {}

    std::unique_ptr<LinkedCode> run(const std::vector<std::string_view>& bytes) {
        code_.reset(new LinkedCode());
        objects_.resize(bytes.size());
        for (size_t k = 0; k < bytes.size(); ++k) {
            if (!read_object(bytes[k], objects_[k])) return nullptr;
        }
        if (!place() || !define_symbols()) return nullptr;
        for (const Object& object : objects_) {
            if (!relocate(object)) return nullptr;
        }
        if (!protect()) return nullptr;
        return std::move(code_);
    }

private:
    bool fail(std::string text) {
        if (why_) *why_ = std::move(text);
        return false;
    }

    bool read_object(std::string_view bytes, Object& object) {
        object.bytes = bytes;
        Elf64_Ehdr header;
        if (!read_at(bytes, 0, header) || std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0) return fail("not an ELF object");
        if (header.e_ident[EI_CLASS] != ELFCLASS64 || header.e_ident[EI_DATA] != ELFDATA2LSB ||
            header.e_type != ET_REL || header.e_machine != EM_X86_64 || header.e_shentsize != sizeof(Elf64_Shdr)) {
            return fail("not a relocatable x86-64 ELF object");
        }
        object.sections.resize(header.e_shnum);
        for (size_t i = 0; i < header.e_shnum; ++i) {
            Elf64_Shdr& s = object.sections[i];
            if (!read_at(bytes, header.e_shoff + i * sizeof(Elf64_Shdr), s)) return fail("section header past the end");
            if (s.sh_type != SHT_NOBITS && (s.sh_offset > bytes.size() || bytes.size() - s.sh_offset < s.sh_size)) {
                return fail("section past the end");
            }
        }
        object.address.assign(object.sections.size(), 0);
        for (const Elf64_Shdr& s : object.sections) {
            if (s.sh_type == SHT_REL) return fail("REL relocations");
            // Code that must run at load time, or thread-local data, needs a real loader.
            if (s.sh_type == SHT_INIT_ARRAY || s.sh_type == SHT_FINI_ARRAY || s.sh_type == SHT_PREINIT_ARRAY) {
                return fail("constructors or destructors");
            }
            if (s.sh_flags & SHF_TLS) return fail("thread-local data");
            if (s.sh_type != SHT_SYMTAB) continue;
            if (s.sh_link >= object.sections.size()) return fail("symbol table without names");
            const Elf64_Shdr& strings = object.sections[s.sh_link];
            object.names = bytes.substr(strings.sh_offset, strings.sh_size);
            object.symbols.resize(s.sh_size / sizeof(Elf64_Sym));
            for (size_t i = 0; i < object.symbols.size(); ++i) {
                if (!read_at(bytes, s.sh_offset + i * sizeof(Elf64_Sym), object.symbols[i])) return fail("symbol past the end");
            }
        }
        return true;
    }

    /// Lays the loaded sections out by area (each area on pages of its own) and copies them in.
    bool place() {
        struct Slot { Object* object; size_t section; size_t offset; };
        std::vector<Slot> slots[AreaCount];
        size_t area_size[AreaCount] = {};
        for (Object& object : objects_) {
            for (size_t i = 0; i < object.sections.size(); ++i) {
                const Elf64_Shdr& s = object.sections[i];
                if (!(s.sh_flags & SHF_ALLOC) || s.sh_size == 0) continue;
                const size_t alignment = s.sh_addralign > 1 ? s.sh_addralign : 1;
                if (alignment > kPage) return fail("a section aligned beyond a page");
                Area area = (s.sh_flags & SHF_EXECINSTR) ? Execute : (s.sh_flags & SHF_WRITE) ? Write : Read;
                area_size[area] = round_up(area_size[area], alignment);
                slots[area].push_back({&object, i, area_size[area]});
                area_size[area] += s.sh_size;
            }
        }
        size_t total = 0;
        for (int area = 0; area < AreaCount; ++area) {
            area_begin_[area] = total;
            total += round_up(area_size[area], kPage);
            area_end_[area] = total;
        }
        if (total == 0) return fail("no code");
        void* memory = mmap(nullptr, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (memory == MAP_FAILED) return fail("no memory for the code");
        code_->memory_ = memory;
        code_->size_ = total;
        auto* base = static_cast<char*>(memory);
        for (int area = 0; area < AreaCount; ++area) {
            for (const Slot& slot : slots[area]) {
                const Elf64_Shdr& s = slot.object->sections[slot.section];
                char* at = base + area_begin_[area] + slot.offset;
                if (s.sh_type != SHT_NOBITS) std::memcpy(at, slot.object->bytes.data() + s.sh_offset, s.sh_size);
                slot.object->address[slot.section] = reinterpret_cast<uintptr_t>(at);
            }
        }
        return true;
    }

    std::string_view name_of(const Object& object, const Elf64_Sym& symbol) const {
        if (symbol.st_name >= object.names.size()) return {};
        std::string_view rest = object.names.substr(symbol.st_name);
        return rest.substr(0, rest.find('\0'));
    }

    /// The globals the objects define, by name (what relocations and LinkedCode::symbol find).
    bool define_symbols() {
        for (const Object& object : objects_) {
            for (size_t i = 1; i < object.symbols.size(); ++i) {
                const Elf64_Sym& symbol = object.symbols[i];
                const int binding = ELF64_ST_BIND(symbol.st_info);
                if ((binding != STB_GLOBAL && binding != STB_WEAK) || symbol.st_shndx == SHN_UNDEF) continue;
                if (symbol.st_shndx == SHN_COMMON) return fail("a common symbol");
                uintptr_t address = symbol.st_value;
                if (symbol.st_shndx != SHN_ABS) {
                    if (symbol.st_shndx >= object.address.size() || object.address[symbol.st_shndx] == 0) continue;
                    address += object.address[symbol.st_shndx];
                }
                std::string name(name_of(object, symbol));
                auto [it, added] = code_->symbols_.emplace(name, reinterpret_cast<void*>(address));
                if (!added && binding == STB_GLOBAL) return fail("'" + name + "' is defined twice");
            }
        }
        return true;
    }

    /// The address of symbol `index` of `object`, or 0 (with the reason) when it has none.
    uintptr_t address_of(const Object& object, uint64_t index) {
        if (index >= object.symbols.size()) return fail("a relocation's symbol is missing"), 0;
        const Elf64_Sym& symbol = object.symbols[index];
        if (symbol.st_shndx == SHN_ABS) return symbol.st_value;
        if (symbol.st_shndx != SHN_UNDEF) {
            if (symbol.st_shndx >= object.address.size() || object.address[symbol.st_shndx] == 0) {
                return fail("a relocation against a section that is not loaded"), 0;
            }
            return object.address[symbol.st_shndx] + symbol.st_value;
        }
        std::string name(name_of(object, symbol));
        if (auto it = code_->symbols_.find(name); it != code_->symbols_.end()) return reinterpret_cast<uintptr_t>(it->second);
        void* found = resolve_ ? resolve_(name) : nullptr;
        if (!found) return fail("'" + name + "' is not defined"), 0;
        return reinterpret_cast<uintptr_t>(found);
    }

    bool relocate(const Object& object) {
        for (const Elf64_Shdr& s : object.sections) {
            if (s.sh_type != SHT_RELA || s.sh_info >= object.sections.size()) continue;
            const uintptr_t target = object.address[s.sh_info];
            if (target == 0) continue;  // relocations of a section that is not loaded (notes, debug info)
            const uint64_t target_size = object.sections[s.sh_info].sh_size;
            for (uint64_t at = 0; at + sizeof(Elf64_Rela) <= s.sh_size; at += sizeof(Elf64_Rela)) {
                Elf64_Rela rela;
                if (!read_at(object.bytes, s.sh_offset + at, rela)) return fail("relocation past the end");
                if (!apply(object, rela, target, target_size)) return false;
            }
        }
        return true;
    }

    bool apply(const Object& object, const Elf64_Rela& rela, uintptr_t target, uint64_t target_size) {
        const uint32_t type = ELF64_R_TYPE(rela.r_info);
        if (type == R_X86_64_NONE) return true;
        const size_t width = (type == R_X86_64_64 || type == R_X86_64_PC64) ? 8 : 4;
        if (rela.r_offset > target_size || target_size - rela.r_offset < width) return fail("relocation outside its section");
        const uintptr_t symbol = address_of(object, ELF64_R_SYM(rela.r_info));
        if (symbol == 0) return false;
        const uintptr_t place = target + rela.r_offset;
        const int64_t value = static_cast<int64_t>(symbol + rela.r_addend);
        auto write32 = [&](int64_t v, int64_t lo, int64_t hi) {
            if (v < lo || v > hi) return fail("a 32-bit relocation out of range");
            const uint32_t word = static_cast<uint32_t>(v);
            std::memcpy(reinterpret_cast<void*>(place), &word, 4);
            return true;
        };
        switch (type) {
            case R_X86_64_64: {
                std::memcpy(reinterpret_cast<void*>(place), &value, 8);
                return true;
            }
            case R_X86_64_PC64: {
                const int64_t relative = value - static_cast<int64_t>(place);
                std::memcpy(reinterpret_cast<void*>(place), &relative, 8);
                return true;
            }
            case R_X86_64_PC32:
            case R_X86_64_PLT32:
                return write32(value - static_cast<int64_t>(place), std::numeric_limits<int32_t>::min(),
                               std::numeric_limits<int32_t>::max());
            case R_X86_64_32: return write32(value, 0, std::numeric_limits<uint32_t>::max());
            case R_X86_64_32S:
                return write32(value, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max());
            default: return fail("relocation type " + std::to_string(type));
        }
    }

    bool protect() {
        auto* base = static_cast<char*>(code_->memory_);
        const int modes[AreaCount] = {PROT_READ | PROT_EXEC, PROT_READ, PROT_READ | PROT_WRITE};
        for (int area = 0; area < AreaCount; ++area) {
            const size_t length = area_end_[area] - area_begin_[area];
            if (length > 0 && mprotect(base + area_begin_[area], length, modes[area]) != 0) return fail("cannot protect the code");
        }
        return true;
    }

    const SymbolResolver& resolve_;
    std::string* why_;
    std::unique_ptr<LinkedCode> code_;
    std::vector<Object> objects_;
    size_t area_begin_[AreaCount] = {};
    size_t area_end_[AreaCount] = {};
};

std::unique_ptr<LinkedCode> LinkedCode::link(const std::vector<std::string_view>& objects,
                                             const SymbolResolver& resolve, std::string* why) {
    return ElfLinking(resolve, why).run(objects);
}

LinkedCode::~LinkedCode() {
    if (memory_) munmap(memory_, size_);
}

void* LinkedCode::symbol(const std::string& name) const {
    auto it = symbols_.find(name);
    return it == symbols_.end() ? nullptr : it->second;
}

}  // namespace nj::kernel_cache
