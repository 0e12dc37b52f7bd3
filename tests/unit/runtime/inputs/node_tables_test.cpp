// Tests for node lists, edge-count matrices and column masks (node_tables.h), with their errors.
#include "runtime/inputs/node_tables.h"
#include "tests/unit/runtime/inputs/table_test_helpers.h"

#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

using nj::rt::EdgeColumns;
using nj::rt::Matrix;
using nj::rt::NodeList;
using nj::rt::NodeListOptions;
using nj::rt::TableError;

using nj::rt::testing::table_error_of;

namespace {

const char* nodes_text =
    "id,side,type,population,receptor\n"
    "10,L,pLN,LN,\n"
    "11,R,uPN,PN,Or2\n"
    "12,R,bLN,LN,\n"
    "13,L,uPN,PN,Or1\n"
    "14,R,uPN,PN,Or1\n"
    "15,L,LHN,LN,\n";

NodeList nodes(const NodeListOptions& o, const std::string& text = nodes_text) {
    return nj::rt::select_nodes(nj::rt::parse_text_table(text, "nodes.csv", {}), "nodes.csv", o);
}

/// The ids of the list's rows, in order.
std::vector<double> ids(const NodeList& l) {
    std::vector<double> out;
    for (size_t r = 0; r < l.numbers.rows; ++r) out.push_back(l.numbers.at(r, 0));
    return out;
}

NodeListOptions filter(const std::string& population) {
    NodeListOptions o;
    o.filter_column = "population";
    o.filter_values = {population};
    return o;
}

}  // namespace

TEST_CASE(
    "select_nodes: rows in file order, filtered, sorted by a value list then another column") {
    NodeList all = nodes({});
    CHECK(all.numbers.rows == 6);
    CHECK(all.numbers.cols == 5);
    CHECK(ids(all) == std::vector<double>{10, 11, 12, 13, 14, 15});
    CHECK(std::isnan(all.numbers.at(0, 1)));  // text cells read as NaN
    CHECK(ids(nodes(filter("LN"))) == std::vector<double>{10, 12, 15});
    NodeListOptions o = filter("PN");
    o.order_column = "receptor";
    o.order_values = {"Or1", "Or2"};
    CHECK(ids(nodes(o)) == std::vector<double>{13, 14, 11});  // stable: file order within Or1
    o.then_by = "side";
    o.order_values = {"Or1", "Or2"};
    CHECK(ids(nodes(o)) == std::vector<double>{13, 14, 11});
    NodeListOptions by_side;
    by_side.then_by = "side";
    CHECK(ids(nodes(by_side)) == std::vector<double>{10, 13, 15, 11, 12, 14});
    NodeListOptions two = filter("LN");
    two.filter_values.push_back("PN");
    CHECK(nodes(two).numbers.rows == 6);
    CHECK(nodes(filter("KC")).numbers.rows == 0);
}

TEST_CASE(
    "select_nodes: a missing column, a value outside order_values and duplicate ids are errors") {
    NodeListOptions o = filter("PN");
    o.filter_column = "kind";
    CHECK(table_error_of([&] { nodes(o); }) ==
          "nodes.csv: no column 'kind' in the header (columns: id, side, type, population, "
          "receptor)");
    NodeListOptions order = filter("PN");
    order.order_column = "receptor";
    order.order_values = {"Or1"};
    CHECK(table_error_of([&] { nodes(order); }) ==
          "nodes.csv:3: this node's receptor 'Or2' is not one of the order_values [\"Or1\"]");
    NodeListOptions id;
    id.id_column = "node";
    id.id_column_given = true;
    CHECK(table_error_of([&] { nodes(id); }).find("no column 'node'") != std::string::npos);
    NodeListOptions dup;
    dup.id_column_given = true;
    CHECK(table_error_of([&] { nodes(dup, "id,x\n1,a\n2,b\n1.0,c\n"); }) ==
          "nodes.csv:4: the id '1.0' is used again (node ids must be unique)");
}

TEST_CASE("count_matrix: summed weights between two node lists; other edges skipped") {
    NodeList ln = nodes(filter("LN")), pn = nodes(filter("PN"));
    auto edges = nj::rt::parse_text_table(
        "pre_id,post_id,synapse_count\n10,11,2\n10,11,3\n15,13,1\n12,10,7\n11,10,4\n10,14.0,1\n",
        "edges.csv", {});
    Matrix n = nj::rt::count_matrix(edges, "edges.csv", ln, pn, {}, "");
    CHECK(n.rows == 3);
    CHECK(n.cols == 3);
    // rows: LN 10, 12, 15; columns: PN 11, 13, 14
    CHECK(n.values == std::vector<double>{5, 0, 1, 0, 0, 0, 0, 1, 0});
    Matrix ll = nj::rt::count_matrix(edges, "edges.csv", ln, ln, {}, "");
    CHECK(ll.values == std::vector<double>{0, 0, 0, 7, 0, 0, 0, 0, 0});
    auto other = nj::rt::parse_text_table("a,b,w\n10,11,0.5\n", "other.csv", {});
    Matrix o = nj::rt::count_matrix(other, "other.csv", ln, pn, EdgeColumns{"a", "b", "w"}, "");
    CHECK(o.values[0] == 0.5);
}

TEST_CASE(
    "count_matrix: an unknown node id, a missing column or a bad weight names the file and line") {
    NodeList ln = nodes(filter("LN")), pn = nodes(filter("PN"));
    auto unknown = nj::rt::parse_text_table("pre_id,post_id,synapse_count\n10,11,2\n10,99,1\n",
                                            "edges.csv", {});
    CHECK(table_error_of([&] { nj::rt::count_matrix(unknown, "edges.csv", ln, pn, {}, ""); }) ==
          "edges.csv:3: the post_id '99' is not a node of nodes.csv (unknown node id)");
    auto no_weight = nj::rt::parse_text_table("pre_id,post_id\n10,11\n", "edges.csv", {});
    CHECK(table_error_of([&] { nj::rt::count_matrix(no_weight, "edges.csv", ln, pn, {}, ""); }) ==
          "edges.csv: no column 'synapse_count' in the header (columns: pre_id, post_id)");
    auto bad =
        nj::rt::parse_text_table("pre_id,post_id,synapse_count\n10,11,many\n", "edges.csv", {});
    CHECK(table_error_of([&] { nj::rt::count_matrix(bad, "edges.csv", ln, pn, {}, ""); }) ==
          "edges.csv:2: the synapse_count 'many' is not a number");
    auto fine =
        nj::rt::parse_text_table("pre_id,post_id,synapse_count\n10,11,1\n", "edges.csv", {});
    CHECK(table_error_of([&] {
              nj::rt::count_matrix(fine, "edges.csv", ln, pn, {}, "node");
          }).find("no column 'node'") != std::string::npos);
}

TEST_CASE("column_mask: 1 where a node's column is one of the values") {
    NodeList ln = nodes(filter("LN"));
    Matrix m = nj::rt::column_mask(ln, "type", {"pLN", "bLN", "cLN"});
    CHECK(m.rows == 3);
    CHECK(m.cols == 1);
    CHECK(m.values == std::vector<double>{1, 1, 0});
    CHECK(nj::rt::column_mask(ln, "id", {"12"}).values == std::vector<double>{0, 1, 0});
    CHECK(table_error_of([&] { nj::rt::column_mask(ln, "colour", {"x"}); }).find("no column 'colour'") !=
          std::string::npos);
}

TEST_CASE("canonical_id: whole numbers compare by value, other ids as text") {
    CHECK(nj::rt::canonical_id("7") == "7");
    CHECK(nj::rt::canonical_id("7.0") == "7");
    CHECK(nj::rt::canonical_id("7e0") == "7");
    CHECK(nj::rt::canonical_id("7.5") == "7.5");
    CHECK(nj::rt::canonical_id("n7") == "n7");
}
