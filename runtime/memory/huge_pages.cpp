// prefer_huge_pages: madvise(MADV_HUGEPAGE) on the aligned interior of a range.
#include "runtime/memory/huge_pages.h"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace nj::rt {

void prefer_huge_pages(void* begin, size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr uintptr_t huge = uintptr_t{2} << 20;
    auto first = (reinterpret_cast<uintptr_t>(begin) + huge - 1) & ~(huge - 1);
    auto last = (reinterpret_cast<uintptr_t>(begin) + bytes) & ~(huge - 1);
    if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);  // advice only
#else
    (void)begin;
    (void)bytes;
#endif
}

}  // namespace nj::rt
