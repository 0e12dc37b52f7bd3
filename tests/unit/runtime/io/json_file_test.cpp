// Tests write_json_file: 2-space layout, NaN and infinity as null, atomic replacement, errors.
#include "runtime/io/json_file.h"

#include "tests/unit/runtime/io/io_test_helpers.h"

#include <doctest/doctest.h>

#include <limits>
#include <string>

using nj::rt::write_json_file;
using nj::rt::test::entry_names;
using nj::rt::test::read_bytes;
using nj::rt::test::TempFolder;

TEST_CASE("write_json_file: pretty-prints with a 2-space indent and a final newline") {
    TempFolder tmp;
    nlohmann::json value = {{"a", 1}, {"b", {{"c", true}}}};
    std::string error;
    REQUIRE(write_json_file(tmp / "x.json", value, &error));
    CHECK(read_bytes(tmp / "x.json") == "{\n  \"a\": 1,\n  \"b\": {\n    \"c\": true\n  }\n}\n");
    CHECK(entry_names(tmp.path()) == std::set<std::string>{"x.json"});
}

TEST_CASE("write_json_file: NaN and infinities are written as null") {
    TempFolder tmp;
    nlohmann::json value = {
        {"nan", std::numeric_limits<double>::quiet_NaN()},
        {"inf", std::numeric_limits<double>::infinity()},
        {"ninf", -std::numeric_limits<double>::infinity()},
        {"ok", 0.25},
    };
    REQUIRE(write_json_file(tmp / "m.json", value, nullptr));
    std::string text = read_bytes(tmp / "m.json");
    CHECK(text.find("NaN") == std::string::npos);
    CHECK(text.find("nan") != std::string::npos);  // the key survives
    nlohmann::json back = nlohmann::json::parse(text);
    CHECK(back["nan"].is_null());
    CHECK(back["inf"].is_null());
    CHECK(back["ninf"].is_null());
    CHECK(back["ok"] == 0.25);
}

TEST_CASE("write_json_file: invalid UTF-8 in a string does not throw") {
    TempFolder tmp;
    nlohmann::json value = {{"name", std::string("bad\xff")}};
    std::string error;
    REQUIRE(write_json_file(tmp / "u.json", value, &error));
    CHECK(nlohmann::json::parse(read_bytes(tmp / "u.json"))["name"] == "bad\xEF\xBF\xBD");
}

TEST_CASE("write_json_file: a missing folder gives a readable error and no file") {
    TempFolder tmp;
    std::string error;
    CHECK_FALSE(write_json_file(tmp / "nope" / "summary.json", nlohmann::json::object(), &error));
    CHECK(error == "cannot write '" + (tmp / "nope" / "summary.json").string() + "': folder '" +
                       (tmp / "nope").string() + "' does not exist");
    CHECK(entry_names(tmp.path()).empty());
}
