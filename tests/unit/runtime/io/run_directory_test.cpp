// Tests RunDirectory: default names and collisions, --out rules, the fixed files, the summary.
#include "runtime/io/run_directory.h"

#include "runtime/io/atomic_file.h"
#include "tests/unit/runtime/io/io_test_helpers.h"

#include <doctest/doctest.h>

#include <string>

using nj::rt::format_run_timestamp;
using nj::rt::make_summary_skeleton;
using nj::rt::run_name_for_model;
using nj::rt::RunDirectory;
using nj::rt::write_file_atomically;
using nj::rt::test::entry_names;
using nj::rt::test::read_bytes;
using nj::rt::test::TempFolder;

namespace fs = std::filesystem;

TEST_CASE("RunDirectory: names collide into -2, -3 within the same second") {
    TempFolder tmp;
    fs::path root = tmp / "runs";
    std::string error;
    auto first = RunDirectory::create_numbered(root, "cuba", "20240102-030405", &error);
    auto second = RunDirectory::create_numbered(root, "cuba", "20240102-030405", &error);
    auto third = RunDirectory::create_numbered(root, "cuba", "20240102-030405", &error);
    REQUIRE(first);
    REQUIRE(second);
    REQUIRE(third);
    CHECK(first->path() == root / "cuba-20240102-030405");
    CHECK(second->path() == root / "cuba-20240102-030405-2");
    CHECK(third->path() == root / "cuba-20240102-030405-3");
    CHECK(fs::is_directory(third->path()));
    CHECK_FALSE(first->reused());
}

TEST_CASE("RunDirectory: a file squatting on a run name is skipped") {
    TempFolder tmp;
    fs::create_directory(tmp / "runs");
    REQUIRE(write_file_atomically(tmp / "runs" / "m-20240101-000000", "x", nullptr));
    auto run = RunDirectory::create_numbered(tmp / "runs", "m", "20240101-000000", nullptr);
    REQUIRE(run);
    CHECK(run->path() == tmp / "runs" / "m-20240101-000000-2");
}

TEST_CASE("RunDirectory: the runs folder cannot be created inside a file") {
    TempFolder tmp;
    REQUIRE(write_file_atomically(tmp / "file", "x", nullptr));
    std::string error;
    CHECK_FALSE(RunDirectory::create_numbered(tmp / "file" / "runs", "m", "t", &error));
    CHECK(error.rfind("cannot create folder '" + (tmp / "file" / "runs").string() + "': ", 0) ==
          0);
}

TEST_CASE("RunDirectory: --out creates a missing folder with its parents") {
    TempFolder tmp;
    std::string error;
    auto run = RunDirectory::create("cuba", tmp / "a" / "b", &error);
    REQUIRE(run);
    CHECK(run->path() == tmp / "a" / "b");
    CHECK(fs::is_directory(tmp / "a" / "b"));
    CHECK(run->file("x.npy") == tmp / "a" / "b" / "x.npy");
}

TEST_CASE("RunDirectory: --out accepts an empty folder") {
    TempFolder tmp;
    auto run = RunDirectory::open_explicit(tmp.path(), nullptr);
    REQUIRE(run);
    CHECK_FALSE(run->reused());
}

TEST_CASE("RunDirectory: --out refuses a non-empty folder that is not a run") {
    TempFolder tmp;
    REQUIRE(write_file_atomically(tmp / "thesis.tex", "precious", nullptr));
    std::string error;
    CHECK_FALSE(RunDirectory::open_explicit(tmp.path(), &error));
    CHECK(error == "cannot use '" + tmp.path().string() +
                       "': the folder is not empty and holds no summary.json from an earlier "
                       "run; choose an empty or new folder");
    CHECK(read_bytes(tmp / "thesis.tex") == "precious");
}

TEST_CASE("RunDirectory: --out refuses a file") {
    TempFolder tmp;
    REQUIRE(write_file_atomically(tmp / "f", "x", nullptr));
    std::string error;
    CHECK_FALSE(RunDirectory::open_explicit(tmp / "f", &error));
    CHECK(error == "cannot use '" + (tmp / "f").string() + "': it is a file, not a folder");
}

TEST_CASE("RunDirectory: --out reuses an earlier run and replaces its files one by one") {
    TempFolder tmp;
    auto earlier = RunDirectory::open_explicit(tmp.path(), nullptr);
    REQUIRE(earlier);
    REQUIRE(earlier->write_summary(make_summary_skeleton("m", "fast", 1), nullptr));
    REQUIRE(earlier->write_model_source("old source", nullptr));
    REQUIRE(write_file_atomically(earlier->file("old_v.npy"), "x", nullptr));

    auto again = RunDirectory::open_explicit(tmp.path(), nullptr);
    REQUIRE(again);
    CHECK(again->reused());
    REQUIRE(again->write_model_source("new source", nullptr));
    CHECK(read_bytes(tmp / "model.nj") == "new source");
    CHECK(entry_names(tmp.path()) ==
          std::set<std::string>{"model.nj", "old_v.npy", "summary.json"});
}

TEST_CASE("RunDirectory: writes model.nj, params.json and summary.json") {
    TempFolder tmp;
    auto run = RunDirectory::open_explicit(tmp / "out", nullptr);
    REQUIRE(run);
    std::string error;
    REQUIRE(run->write_model_source("neuron X {}\n", &error));
    REQUIRE(run->write_params({{"tau_m", {{"value", 0.02}, {"unit", "second"}}}}, &error));
    nlohmann::json summary = make_summary_skeleton("cuba", "fast", 7);
    summary["complete"] = true;
    REQUIRE(run->write_summary(summary, &error));
    CHECK(read_bytes(tmp / "out" / "model.nj") == "neuron X {}\n");
    auto params = nlohmann::json::parse(read_bytes(tmp / "out" / "params.json"));
    CHECK(params["tau_m"]["value"] == 0.02);
    auto back = nlohmann::json::parse(read_bytes(tmp / "out" / "summary.json"));
    CHECK(back["complete"] == true);
    CHECK(entry_names(tmp / "out") ==
          std::set<std::string>{"model.nj", "params.json", "summary.json"});
}

TEST_CASE("RunDirectory: write errors are returned as sentences") {
    TempFolder tmp;
    auto run = RunDirectory::open_explicit(tmp / "out", nullptr);
    REQUIRE(run);
    fs::remove(tmp / "out");
    std::string error;
    CHECK_FALSE(run->write_summary(nlohmann::json::object(), &error));
    CHECK(error == "cannot write '" + (tmp / "out" / "summary.json").string() + "': folder '" +
                       (tmp / "out").string() + "' does not exist");
}

TEST_CASE("make_summary_skeleton: holds the keys of the run directory contract") {
    nlohmann::json s = make_summary_skeleton("cuba", "fast", 18446744073709551615ULL);
    CHECK(s["model"] == "cuba");
    CHECK(s["mode"] == "fast");
    CHECK(s["seed"].get<std::uint64_t>() == 18446744073709551615ULL);
    CHECK(s["complete"] == false);
    for (const char* key : {"parse", "jit", "build_network", "simulate"}) {
        CHECK(s["timings"][key] == 0.0);
    }
    for (const char* key : {"neurons", "synapses", "spikes"}) {
        CHECK(s["counts"][key] == 0);
    }
    CHECK(s["metrics"].is_object());
    CHECK(s["metrics"].empty());
    CHECK(s.size() == 7);
}

TEST_CASE("format_run_timestamp: local time reads YYYYmmdd-HHMMSS") {
    std::tm t{};
    t.tm_year = 2024 - 1900;
    t.tm_mon = 0;
    t.tm_mday = 2;
    t.tm_hour = 3;
    t.tm_min = 4;
    t.tm_sec = 5;
    CHECK(format_run_timestamp(t) == "20240102-030405");
}

TEST_CASE("run_name_for_model: unsafe characters become underscores") {
    CHECK(run_name_for_model("cuba") == "cuba");
    CHECK(run_name_for_model("lif_qif-force.v2") == "lif_qif-force.v2");
    CHECK(run_name_for_model("a/b c") == "a_b_c");
    CHECK(run_name_for_model("..") == "_.");
    CHECK(run_name_for_model("") == "model");
}
