// Tests for the short options of `neurojit run` (cli/command_line.cpp): each one reaches its own
// option, not a long option that happens to start with the same letter.
#include "cli/command_line.h"
#include "tests/unit/cli/parse_args.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using nj::cli::testing::parse;

TEST_CASE("parse_command_line: run's short options -j, -o, -m, -s, -q") {
    auto r = parse({"run", "m.nj", "-j", "2", "-o", "out", "-m", "fast", "-s", "tau=5ms", "-q"});
    INFO(r.error);
    REQUIRE(r.command);
    CHECK(r.command->threads == 2);
    CHECK(r.command->out_dir == "out");
    CHECK(r.command->mode == "fast");
    REQUIRE(r.command->overrides.size() == 1);
    CHECK(r.command->overrides[0].first == "tau");
    CHECK(r.command->quiet);
}

TEST_CASE("parse_command_line: -W takes one dash, and long options are not guessed") {
    auto r = parse({"run", "m.nj", "-W", "names.unused=ignore"});
    INFO(r.error);
    REQUIRE(r.command);
    REQUIRE(r.command->warning_policies.size() == 1);
    CHECK(r.command->warning_policies[0].first == "names.unused");
    auto abbreviated = parse({"run", "m.nj", "--thread", "2"});
    CHECK_FALSE(abbreviated.command);
    CHECK(abbreviated.error.find("thread") != std::string::npos);
}
