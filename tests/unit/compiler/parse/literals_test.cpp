// Tests literal decoding: numbers with digit separators and string escapes.
#include "compiler/parse/literals.h"

#include <doctest/doctest.h>

using nj::parse::parse_number;
using nj::parse::unescape_string;

TEST_CASE("literals: numbers read in every written form") {
    CHECK(parse_number("20") == 20.0);
    CHECK(parse_number("3_200") == 3200.0);
    CHECK(parse_number("1_000.000_5") == doctest::Approx(1000.0005));
    CHECK(parse_number(".5") == 0.5);
    CHECK(parse_number("2.5e-3") == doctest::Approx(0.0025));
    CHECK(parse_number("1E3") == 1000.0);
}

TEST_CASE("literals: numbers that do not fit a double are refused") {
    CHECK_FALSE(parse_number("1e999").has_value());
}

TEST_CASE("literals: string escapes resolve quotes, backslashes, newlines and tabs") {
    CHECK(unescape_string(R"("plain")") == "plain");
    CHECK(unescape_string(R"("a\"b")") == "a\"b");
    CHECK(unescape_string(R"("a\\b")") == "a\\b");
    CHECK(unescape_string(R"("a\nb\tc")") == "a\nb\tc");
    CHECK(unescape_string(R"("keep \q")") == "keep \\q");
    CHECK(unescape_string(R"("")") == "");
    CHECK(unescape_string(R"("µs")") == "µs");
}
