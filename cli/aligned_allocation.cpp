// The program's operator new: blocks of 4 KiB or more start on a 64-byte cache line.
//
// Why: malloc aligns to 16 bytes, so a state array (a std::vector<double>) started anywhere in
// its first cache line, differently from run to run. Compiled element loops read and write
// whole vectors of 4 or 8 doubles; on a misaligned array every other (or every) vector crosses
// two cache lines, and a vector stored and read back in the same iteration (not_refractory,
// then the threshold) is not forwarded from the store but waits for it. Measured on a 4000-
// neuron LIF network (update kernel, 8-wide vectors): 0.071 s with the arrays 16 or 48 bytes
// into a line, 0.026 s when they happened to be aligned.
//
// Replacing the global allocation functions is how C++ lets a program choose its allocator.
// This file belongs to executables (neurojit and the unit-test binary), not to the libraries.
// Memory from aligned_alloc is released by free, like malloc's, so every operator delete is free.
#include <cstdlib>
#include <new>

namespace {

constexpr std::size_t cache_line = 64;
/// Smaller blocks keep malloc's cheaper path: their alignment does not matter for speed.
constexpr std::size_t aligned_from = 4096;

void* allocate(std::size_t size) {
    for (;;) {
        void* block = size >= aligned_from
                          ? std::aligned_alloc(cache_line, (size + cache_line - 1) / cache_line * cache_line)
                          : std::malloc(size == 0 ? 1 : size);
        if (block) return block;
        std::new_handler handler = std::get_new_handler();
        if (!handler) throw std::bad_alloc();
        handler();
    }
}

}  // namespace

void* operator new(std::size_t size) { return allocate(size); }
void* operator new[](std::size_t size) { return allocate(size); }
void operator delete(void* block) noexcept { std::free(block); }
void operator delete[](void* block) noexcept { std::free(block); }
void operator delete(void* block, std::size_t) noexcept { std::free(block); }
void operator delete[](void* block, std::size_t) noexcept { std::free(block); }
