// Tests for csv tables with an index column of row labels and with missing cells (csv_table.h).
#include "runtime/inputs/csv_table.h"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

using nj::rt::CsvOptions;

namespace {

std::string error_of(const std::string& text, const CsvOptions& options) {
    try {
        nj::rt::parse_csv_table(text, "data.csv", options);
    } catch (const nj::rt::TableError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("parse_csv_table: the index column holds row labels and is not data") {
    CsvOptions o;
    o.index_column = "odorant";
    auto t =
        nj::rt::parse_csv_table("a,odorant,b\n1,SFR,2\n3,\"ethyl, acetate\",4\n", "data.csv", o);
    CHECK(t.rows == 2);
    CHECK(t.cols == 2);
    CHECK(t.values == std::vector<double>{1, 2, 3, 4});
    CHECK(t.column_names == std::vector<std::string>{"a", "b"});
    CHECK(t.row_labels == std::vector<std::string>{"SFR", "ethyl, acetate"});
    CHECK(error_of("x,y\n1,2\n", o) ==
          "data.csv: no column 'odorant' in the header (columns: x, y)");
    o.header = false;
    CHECK(error_of("1,2\n", o) ==
          "data.csv: the index column 'odorant' is named in a header, but the table is read "
          "without one");
}

TEST_CASE("parse_csv_table: empty cells are NaN only when missing values are allowed") {
    CsvOptions o;
    o.index_column = "name";
    CHECK(error_of("name,a,b\nx,1,\n", o) == "data.csv:2: empty cell in column 3");
    o.missing_as_nan = true;
    auto t = nj::rt::parse_csv_table("name,a,b\nx,1,\ny,,2\n", "data.csv", o);
    REQUIRE(t.values.size() == 4);
    CHECK(t.values[0] == 1);
    CHECK(std::isnan(t.values[1]));
    CHECK(std::isnan(t.values[2]));
    CHECK(t.values[3] == 2);
    CHECK(error_of("name,a\nx,oops\n", o) == "data.csv:2: 'oops' in column 2 is not a number");
}
