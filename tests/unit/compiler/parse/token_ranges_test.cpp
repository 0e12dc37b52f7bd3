// Tests the UTF-8 check that guards TokenRanges' code-point to byte mapping.
#include "compiler/parse/token_ranges.h"

#include <doctest/doctest.h>

using nj::parse::find_invalid_utf8;

TEST_CASE("token_ranges: valid UTF-8 passes, including units with µ and Ω") {
    CHECK_FALSE(find_invalid_utf8("param x = 5 µs  # Ω τ 😀").has_value());
    CHECK_FALSE(find_invalid_utf8("").has_value());
}

TEST_CASE("token_ranges: the first invalid byte is found") {
    CHECK(find_invalid_utf8("ab\xB5") == 2u);
    CHECK(find_invalid_utf8("a\xC3") == 1u);               // truncated sequence
    CHECK(find_invalid_utf8("\xC0\xAF") == 0u);            // overlong '/'
    CHECK(find_invalid_utf8("x\xED\xA0\x80") == 1u);       // UTF-16 surrogate
    CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0u);    // past U+10FFFF
    CHECK(find_invalid_utf8("ok \xE2\x82") == 3u);
}
