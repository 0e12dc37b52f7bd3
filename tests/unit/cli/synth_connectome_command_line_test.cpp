// Tests for the command line of `neurojit synth-connectome` (cli/command_line.cpp).
#include "cli/command_line.h"
#include "tests/unit/cli/parse_args.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using nj::cli::testing::parse;

TEST_CASE("parse_command_line: synth-connectome takes a description, --out and --seed") {
    auto r = parse({"synth-connectome", "d.json", "--out", "/tmp/x", "--seed", "5"});
    REQUIRE(r.command);
    CHECK(r.command->name == "synth-connectome");
    CHECK(r.command->file == "d.json");
    CHECK(r.command->out_dir == "/tmp/x");
    CHECK(r.command->seed == 5ull);
}

TEST_CASE("parse_command_line: synth-connectome without --out or a file is a usage error") {
    CHECK(parse({"synth-connectome", "d.json"}).error ==
          "'synth-connectome' needs --out DIR, the folder for nodes.csv and edges.csv");
    CHECK(parse({"synth-connectome", "--out", "x"}).error.find("needs a description file") !=
          std::string::npos);
    CHECK(
        parse({"synth-connectome", "d.json", "--out", "x", "--mode", "fast"}).error.find("mode") !=
        std::string::npos);
}

TEST_CASE("parse_command_line: synth-connectome --help explains the description") {
    auto r = parse({"synth-connectome", "--help"});
    REQUIRE(r.command);
    CHECK(r.command->help_text.find("usage: neurojit synth-connectome DESCRIPTION.json") == 0);
    CHECK(r.command->help_text.find("docs/synthetic_connectome.md") != std::string::npos);
    CHECK(nj::cli::general_help().find("synth-connectome") != std::string::npos);
}
