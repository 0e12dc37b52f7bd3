// Tests of the rule that lets kernels over arrays that fit in the cache use 512-bit vectors.
#include "cli/compile_network.h"

#include <doctest/doctest.h>

TEST_CASE("fits_in_cache: a call's arrays (elements x arrays x 8 bytes) against 1 MiB") {
    using nj::cli::fits_in_cache;
    CHECK(fits_in_cache(4000, 6));    // COBA-4000's update: 192 KB
    CHECK(fits_in_cache(16000, 6));   // 768 KB
    CHECK_FALSE(fits_in_cache(64000, 6));
    CHECK(fits_in_cache(65536, 2));   // exactly 1 MiB
    CHECK_FALSE(fits_in_cache(65537, 2));
    CHECK(fits_in_cache(10, 0));      // no arrays: counted as one
    CHECK_FALSE(fits_in_cache(0, 3));  // a kernel never called over a range (adjoints, ...)
}
