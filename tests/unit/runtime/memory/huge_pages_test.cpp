// Tests for the huge-page helpers (huge_pages.h): they size and keep values as assign and
// reserve do, for arrays below and above the size that gets the advice. (Whether the kernel
// grants huge pages is its choice, so it is not asserted.)
#include "runtime/memory/huge_pages.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

using nj::rt::assign_advised;
using nj::rt::huge_page_array_bytes;
using nj::rt::prefer_huge_pages;
using nj::rt::reserve_advised;

TEST_CASE("assign_advised: n copies of the value, small or large, over old contents") {
    const size_t large = huge_page_array_bytes / sizeof(double) + 1000;
    for (size_t n : {size_t{0}, size_t{5}, large}) {
        std::vector<double> v(3, 7.0);
        assign_advised(v, n, 2.5);
        REQUIRE(v.size() == n);
        bool all = true;
        for (double x : v) all = all && x == 2.5;
        CHECK(all);
    }
    std::vector<float> f;
    assign_advised(f, large, 1.5f);
    CHECK(f.size() == large);
    CHECK(f.back() == 1.5f);
}

TEST_CASE("reserve_advised: room for n values, what was held kept in order") {
    const size_t large = huge_page_array_bytes / sizeof(uint32_t) + 7;
    std::vector<uint32_t> v{4, 5, 6};
    reserve_advised(v, large);
    CHECK(v.capacity() >= large);
    CHECK(v == std::vector<uint32_t>{4, 5, 6});
    const uint32_t* data = v.data();
    for (uint32_t k = 0; k + 3 < large; ++k) v.push_back(k);
    CHECK(v.data() == data);  // filled within the reservation: never moved
    reserve_advised(v, 10);   // already room: nothing changes
    CHECK(v.data() == data);
}

TEST_CASE("prefer_huge_pages: advice over filled memory leaves its contents as they were") {
    // large enough to hold whole 2 MiB-aligned pages; empty, tiny and unaligned ranges too
    std::vector<uint64_t> words(3 * (size_t{2} << 20) / sizeof(uint64_t));
    for (size_t k = 0; k < words.size(); ++k) words[k] = k * 2654435761u + 1;
    prefer_huge_pages(words.data(), words.size() * sizeof(uint64_t));
    prefer_huge_pages(reinterpret_cast<char*>(words.data()) + 1, 4095);
    prefer_huge_pages(words.data(), 0);
    bool kept = true;
    for (size_t k = 0; k < words.size(); ++k) kept = kept && words[k] == k * 2654435761u + 1;
    CHECK(kept);  // advice, never a discard (MADV_DONTNEED would zero them)
}
