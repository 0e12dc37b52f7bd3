// Tests read_run_contents: monitors recognised from file names and shapes, clear failures.
#include "plot/run_contents.h"

#include "tests/unit/plot/plot_test_helpers.h"

#include <doctest/doctest.h>

#include <fstream>

using nj::plot::read_run_contents;
using nj::plot::RunContents;
using nj::plot::RunEntry;
using nj::rt::test::TempFolder;

TEST_CASE("read_run_contents: spikes, rates, state traces and snapshots are told apart") {
    TempFolder dir;
    nj::plot::test::write_small_run(dir.path());
    RunContents c;
    std::string error;
    REQUIRE(read_run_contents(dir.path(), c, &error));
    REQUIRE(c.entries.size() == 4);
    CHECK(c.entries[0].name == "pop");
    CHECK(c.entries[0].kind == RunEntry::Kind::Rate);
    CHECK(c.entries[1].kind == RunEntry::Kind::Spikes);
    CHECK(c.entries[2].kind == RunEntry::Kind::State);
    CHECK(c.entries[2].variables == std::vector<std::string>{"v"});
    CHECK(c.entries[3].kind == RunEntry::Kind::Snapshot);
    CHECK(c.model == "small");
    CHECK(c.units.at("tr_v") == "volt");
    CHECK(c.simulated_s == doctest::Approx(0.1));
}

TEST_CASE(
    "read_run_contents: a missing folder, a folder without summary.json and a bad .npy fail") {
    TempFolder dir;
    RunContents c;
    std::string error;
    CHECK_FALSE(read_run_contents(dir / "nope", c, &error));
    CHECK(error.find("does not exist") != std::string::npos);
    CHECK_FALSE(read_run_contents(dir.path(), c, &error));
    CHECK(error.find("not a run directory") != std::string::npos);
    nj::plot::test::write_small_run(dir.path());
    std::ofstream(dir / "bad.npy") << "\x93NUMPY garbage";
    CHECK_FALSE(read_run_contents(dir.path(), c, &error));
    CHECK(error.find("bad.npy") != std::string::npos);
}
