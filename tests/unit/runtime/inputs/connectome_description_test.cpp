// Tests for reading synthetic-connectome descriptions (connectome_description.h): accepted forms
// and the messages for malformed files.
#include "runtime/inputs/connectome_description.h"

#include <doctest/doctest.h>

#include <string>

using nj::rt::ColumnRule;
using nj::rt::ConnectomeDescription;
using nj::rt::ConnectomeDescriptionError;
using nj::rt::parse_connectome_description;

namespace {

/// The message a description fails with, or "" when it parses.
std::string error_of(const std::string& text) {
    try {
        parse_connectome_description(text, "d.json");
    } catch (const ConnectomeDescriptionError& e) {
        return e.what();
    }
    return "";
}

/// A description with populations A (4 nodes) and B (2 nodes) and the given pathways.
std::string with_pathways(const std::string& pathways) {
    return R"({"populations": [{"name": "A", "count": 4}, {"name": "B", "count": 2}],
               "pathways": [)" +
           pathways + "]}";
}

const char* const geometric3 = R"("synapses": {"distribution": "geometric", "mean": 3})";

}  // namespace

TEST_CASE("parse_connectome_description: column rules give one value per node") {
    ConnectomeDescription d = parse_connectome_description(R"({
        "source": "test", "first_id": 100, "_comment": "ignored",
        "populations": [{"name": "ORN", "population": "O", "count": 4,
                         "side": {"cycle": ["L", "R"]}, "cell_type": "sens",
                         "receptor": {"values": ["Or1", "Or2"], "each": 2},
                         "name_pattern": "{receptor} {side}", "pair_id": {"group": 2}},
                        {"name": "LN", "count": 3, "cell_type": {"runs": [["a", 1], ["b", 2]]}}],
        "pathways": []})",
                                                           "d.json");
    REQUIRE(d.populations.size() == 2);
    const auto& orn = d.populations[0];
    CHECK(d.source == "test");
    CHECK(d.first_id == 100);
    CHECK(orn.population == "O");
    CHECK(orn.side.value_of(0) == "L");
    CHECK(orn.side.value_of(3) == "R");
    CHECK(orn.receptor.value_of(1) == "Or1");
    CHECK(orn.receptor.value_of(2) == "Or2");
    CHECK(orn.pair_group == 2);
    const auto& ln = d.populations[1];
    CHECK(ln.population == "LN");  // defaults to the name
    CHECK(ln.cell_type.value_of(0) == "a");
    CHECK(ln.cell_type.value_of(2) == "b");
    CHECK(ln.side.value_of(1).empty());
    CHECK(ln.name_pattern == "{name} {index}");
}

TEST_CASE("parse_connectome_description: a mean in-degree becomes a probability") {
    // B -> A: each A node has 2 candidate partners; A -> A without autapses: 3 candidates.
    ConnectomeDescription d = parse_connectome_description(
        with_pathways(std::string(R"({"pre": "B", "post": "A", "mean_in_degree": 1, )") +
                      geometric3 + R"(}, {"pre": "A", "post": "A", "mean_in_degree": 1.5, )" +
                      R"("no_autapses": true, )" + geometric3 + "}"),
        "d.json");
    REQUIRE(d.pathways.size() == 2);
    CHECK(d.pathways[0].probability == doctest::Approx(0.5));
    CHECK(d.pathways[0].pre_index == 1);
    CHECK(d.pathways[1].probability == doctest::Approx(0.5));
    CHECK(d.pathways[1].no_autapses);
}

TEST_CASE("parse_connectome_description: an unknown population in a pathway is named") {
    std::string e = error_of(with_pathways(
        std::string(R"({"pre": "A", "post": "C", "probability": 0.1, )") + geometric3 + "}"));
    CHECK(e ==
          "d.json: pathway 1: 'post' names an unknown population 'C'; the populations are "
          "'A', 'B'");
}

TEST_CASE("parse_connectome_description: probabilities outside [0, 1] are refused") {
    std::string e = error_of(with_pathways(
        std::string(R"({"pre": "A", "post": "B", "probability": 1.5, )") + geometric3 + "}"));
    CHECK(e == "d.json: pathway 1 ('A' -> 'B'): 'probability' must lie in [0, 1], got 1.5");
    e = error_of(with_pathways(
        std::string(
            R"({"pre": "A", "post": "B", "probability": 0.1, "probability_other_side": -0.1, )") +
        geometric3 + "}"));
    CHECK(e.find("'probability_other_side' must lie in [0, 1], got -0.1") != std::string::npos);
    e = error_of(with_pathways(std::string(R"({"pre": "B", "post": "A", "mean_in_degree": 3, )") +
                               geometric3 + "}"));
    CHECK(e.find("'mean_in_degree' must be a number in [0, 2]") != std::string::npos);
}

TEST_CASE("parse_connectome_description: missing fields are named") {
    CHECK(error_of(R"({"populations": [{"name": "A"}], "pathways": []})") ==
          "d.json: population 1 ('A'): the field 'count' is missing");
    CHECK(error_of(R"({"populations": [{"count": 3}], "pathways": []})") ==
          "d.json: population 1: the field 'name' is missing");
    CHECK(error_of(R"({"populations": [{"name": "A", "count": 3}]})") ==
          "d.json: the field 'pathways' is missing");
    CHECK(error_of(with_pathways(R"({"pre": "A", "post": "B", "probability": 0.1})")) ==
          "d.json: pathway 1 ('A' -> 'B'): the field 'synapses' is missing");
    CHECK(
        error_of(with_pathways(std::string(R"({"pre": "A", "post": "B", )") + geometric3 + "}")) ==
        "d.json: pathway 1 ('A' -> 'B'): give exactly one of 'probability' and 'mean_in_degree'");
}

TEST_CASE("parse_connectome_description: other malformed descriptions say what is wrong") {
    CHECK(error_of("{\n  \"populations\": [,\n") == "d.json:2:19: this is not valid JSON");
    CHECK(error_of("[]").find("d.json: a description must be a JSON object") == 0);
    CHECK(error_of(R"({"populations": [{"name": "A", "count": 3, "cuont": 1}], "pathways": []})")
              .find("population 1 ('A'): unknown field 'cuont'; the fields are") !=
          std::string::npos);
    CHECK(error_of(R"({"populations": [{"name": "A", "count": 0}], "pathways": []})") ==
          "d.json: population 1 ('A'): 'count' must be a whole number >= 1, got 0");
    CHECK(error_of(R"({"populations": [{"name": "A", "count": 3, "side": {"runs": [["L", 1]]}}],
                       "pathways": []})") ==
          "d.json: population 1 ('A'): 'side' gives 1 values for 3 nodes");
    CHECK(error_of(R"({"populations": [{"name": "A", "count": 1}, {"name": "A", "count": 1}],
                       "pathways": []})") == "d.json: two populations are named 'A'");
    CHECK(error_of(R"({"populations": [{"name": "A", "count": 1, "name_pattern": "{nmae}"}],
                       "pathways": []})")
              .find("'name_pattern' uses {nmae}") != std::string::npos);
    CHECK(error_of(R"({"populations": [{"name": "A", "count": 1, "cell_type": "a\"b"}],
                       "pathways": []})")
              .find("holds a quote or a line break") != std::string::npos);
    std::string twice =
        std::string(R"({"pre": "A", "post": "B", "probability": 0.1, )") + geometric3 + "}";
    CHECK(error_of(with_pathways(twice + ", " + twice)) ==
          "d.json: pathway 2 repeats 'A' -> 'B'; give each (pre, post) pair one pathway");
    CHECK(error_of(with_pathways(R"({"pre": "A", "post": "B", "probability": 0.1,
                                     "synapses": {"distribution": "geometric", "mean": 0.5}})")) ==
          "d.json: pathway 1 ('A' -> 'B'): 'synapses': needs \"mean\": a number >= 1 (every "
          "connected pair has a synapse)");
}

TEST_CASE("read_connectome_description: a missing file is named") {
    try {
        nj::rt::read_connectome_description("/nonexistent/d.json");
        FAIL("no error");
    } catch (const ConnectomeDescriptionError& e) {
        CHECK(std::string(e.what()) ==
              "cannot read the description '/nonexistent/d.json': no such file");
    }
}
