// Asking the kernel to back large arrays with 2 MiB pages before they are first touched.
#pragma once

#include <cstddef>
#include <vector>

namespace nj::rt {

/// Arrays of at least this many bytes are worth the advice: below, the 2 MiB-aligned part of an
/// allocation is too small a share of it.
constexpr size_t huge_page_array_bytes = size_t{4} << 20;

/// Advises the kernel (Linux: madvise MADV_HUGEPAGE) to back the 2 MiB-aligned pages inside
/// [begin, begin + bytes) with huge pages when they are first touched. Each first touch of a
/// 4 KiB page is a page fault, about 10 µs on virtual machines, so filling a 100 MB synapse
/// array costs a quarter of a second that 2 MiB pages reduce 512-fold. A no-op elsewhere, or
/// where the kernel declines.
void prefer_huge_pages(void* begin, size_t bytes);

/// Room for n values in `values` (reserve), advised to take huge pages when that is at least
/// huge_page_array_bytes and needs new memory; what it held is kept.
template <class T>
void reserve_advised(std::vector<T>& values, size_t n) {
    if (n * sizeof(T) < huge_page_array_bytes || values.capacity() >= n) {
        values.reserve(n);
        return;
    }
    std::vector<T> fresh;
    fresh.reserve(n);  // allocated, not yet touched
    prefer_huge_pages(fresh.data(), n * sizeof(T));
    fresh.insert(fresh.end(), values.begin(), values.end());
    values = std::move(fresh);
}

/// `values` holding n copies of `initial`; when that is at least huge_page_array_bytes and
/// needs new memory, the memory is advised to take huge pages before it is filled.
template <class T>
void assign_advised(std::vector<T>& values, size_t n, T initial) {
    if (values.capacity() < n) {
        values.clear();
        reserve_advised(values, n);
    }
    values.assign(n, initial);
}

}  // namespace nj::rt
