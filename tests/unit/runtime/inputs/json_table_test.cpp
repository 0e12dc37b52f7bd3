// Tests for the JSON key-value table reader (json_table.h): entries, nested lists, problems.
#include "runtime/inputs/json_table.h"

#include "runtime/inputs/csv_table.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

std::string error_of(const std::string& text) {
    try {
        nj::rt::parse_json_table(text, "t.json");
    } catch (const nj::rt::TableError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("parse_json_table: numbers, lists and nested lists by name, row-major") {
    auto t = nj::rt::parse_json_table(
        R"({"tau": 0.02, "v": [1, 2.5, -3], "W": [[1, 2], [3, 4]], "e": []})", "t.json");
    REQUIRE(t.size() == 4);
    CHECK(t.at("tau").scalar);
    CHECK(t.at("tau").values == std::vector<double>{0.02});
    CHECK_FALSE(t.at("v").scalar);
    CHECK(t.at("v").values == std::vector<double>{1, 2.5, -3});
    CHECK(t.at("W").values == std::vector<double>{1, 2, 3, 4});
    CHECK(t.at("e").values.empty());
    CHECK(t.at("W").problem.empty());
}

TEST_CASE("parse_json_table: entries that are not numbers keep a problem; bad JSON is an error") {
    auto t = nj::rt::parse_json_table(
        R"({"name": "run 3", "flag": true, "mixed": [1, "x"], "obj": {"a": 1}})", "t.json");
    CHECK(t.at("name").problem == "is a string, not a number or a list of numbers");
    CHECK(t.at("flag").problem == "is a boolean, not a number or a list of numbers");
    CHECK(t.at("mixed").problem == "is a list holding a string; only numbers are allowed");
    CHECK(t.at("mixed").values.empty());
    CHECK(t.at("obj").problem == "is an object, not a number or a list of numbers");
    CHECK(error_of("{\"a\": 1,\n \"b\": }") == "t.json:2:7: this is not valid JSON");
    CHECK(error_of("[1, 2]") ==
          "t.json: a json table must be a JSON object {\"name\": value, ...}");
    CHECK(error_of("") == "t.json:1:1: this is not valid JSON");
}
