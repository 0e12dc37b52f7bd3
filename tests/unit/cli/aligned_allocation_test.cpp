// Tests of the program's operator new (cli/aligned_allocation.cpp), which this binary links too.
#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <new>
#include <vector>

namespace {

std::uintptr_t line_offset(const void* p) { return reinterpret_cast<std::uintptr_t>(p) % 64; }

}  // namespace

TEST_CASE("operator new: arrays of 4 KiB or more start on a cache line, however the heap lies") {
    // Interleave small blocks so the heap is not left in a lucky state by chance.
    std::vector<std::unique_ptr<char[]>> small;
    std::vector<std::vector<double>> arrays;
    for (size_t n : {512u, 513u, 1000u, 4000u, 70000u, 1u << 20}) {  // 4 KiB up to 8 MiB
        small.emplace_back(new char[24]);
        arrays.emplace_back(n, 1.5);
        CAPTURE(n);
        CHECK(line_offset(arrays.back().data()) == 0);
        CHECK(arrays.back()[n - 1] == 1.5);
    }
    auto* raw = static_cast<double*>(::operator new(5000));
    CHECK(line_offset(raw) == 0);
    ::operator delete(raw, 5000);
}

TEST_CASE("operator new: small and empty blocks still work, and failure still throws bad_alloc") {
    for (size_t n : {0u, 1u, 16u, 4095u}) {
        void* p = ::operator new(n);
        CHECK(p != nullptr);
        ::operator delete(p);
    }
    void* first = ::operator new(0);
    void* second = ::operator new(0);
    CHECK(first != second);  // distinct, as the standard asks
    ::operator delete(first);
    ::operator delete(second);
    CHECK_THROWS_AS((void)::operator new(~std::size_t{0} / 2), std::bad_alloc);
    void* none = ::operator new(~std::size_t{0} / 2, std::nothrow);
    CHECK(none == nullptr);
}
