// Tests scan_tokens through parse_file: character errors, one per line, and the nesting limit.
#include "parse_helpers.h"

#include <doctest/doctest.h>

using nj::parse::testing::messages;
using nj::parse::testing::parse;

TEST_CASE("scan_tokens: several bad characters on one line give one error") {
    CHECK(messages("param x = $$ @@ $\n") ==
          std::vector<std::string>{"unexpected character '$'"});
}

TEST_CASE("scan_tokens: bad characters on separate lines are each reported") {
    CHECK(messages("param x = 1 $\nparam y = 2 `\n") ==
          std::vector<std::string>{"unexpected character '$'", "unexpected character '`'"});
}

TEST_CASE("scan_tokens: typographic quotes get a hint") {
    auto p = parse("param s = \xE2\x80\x9C" "a" "\xE2\x80\x9D\n");
    REQUIRE(p.diags->diagnostics().size() == 1);
    CHECK(p.diags->diagnostics()[0].helps ==
          std::vector<std::string>{"write strings with straight double quotes \"...\""});
}

TEST_CASE("scan_tokens: long chains of operators are refused before parsing") {
    std::string chain = "param x = 1";
    for (int i = 0; i < 300; ++i) {
        chain += " ** 2";
    }
    CHECK(messages(chain) ==
          std::vector<std::string>{"brackets or operators are nested too deeply here"});
    std::string list = "param w = [";
    for (int i = 0; i < 5000; ++i) {
        list += "-1, ";
    }
    CHECK(parse(list + "0]\n").model);
}
