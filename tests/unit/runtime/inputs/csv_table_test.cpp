// Tests for the CSV table reader (csv_table.h): parsing, options, and errors with line numbers.
#include "runtime/inputs/csv_table.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using nj::rt::CsvOptions;
using nj::rt::CsvTable;
using nj::rt::parse_csv_table;
using nj::rt::read_csv_table;
using nj::rt::TableError;

namespace {

/// The message of the TableError that parsing `text` throws ("" when none is thrown).
std::string error_of(const std::string& text, const CsvOptions& options = {}) {
    try {
        parse_csv_table(text, "data.csv", options);
    } catch (const TableError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("csv table: a header, numbers in row-major order") {
    CsvTable t = parse_csv_table("a,b,c\n1,2,3\n4.5,-5e-3,6\n", "x.csv", {});
    CHECK(t.rows == 2);
    CHECK(t.cols == 3);
    CHECK(t.values == std::vector<double>{1, 2, 3, 4.5, -5e-3, 6});
    CHECK(t.column_names == std::vector<std::string>{"a", "b", "c"});
    CHECK(t.at(1, 2) == 6);
}

TEST_CASE("csv table: no header, skipped rows, delimiter, blank lines, CRLF, quotes and spaces") {
    CsvOptions o;
    o.header = false;
    o.skip_rows = 2;
    o.delimiter = ';';
    CsvTable t = parse_csv_table("# comment\nnot; numbers\n1; 2\r\n\n  \n\"3\" ;4 \r\n", "x.csv", o);
    CHECK(t.rows == 2);
    CHECK(t.cols == 2);
    CHECK(t.values == std::vector<double>{1, 2, 3, 4});
    CHECK(t.column_names.empty());
    // no final newline
    CHECK(parse_csv_table("x\n7", "x.csv", {}).values == std::vector<double>{7});
}

TEST_CASE("csv table: malformed input names the file and the line") {
    CHECK(error_of("a,b\n1,2\n3,x\n") == "data.csv:3: 'x' in column 2 is not a number");
    CHECK(error_of("a,b\n1,2\n\n3\n") == "data.csv:4: this row has 1 cells, but line 1 has 2");
    CHECK(error_of("a,b\n1,2,3\n") == "data.csv:2: this row has 3 cells, but line 1 has 2");
    CHECK(error_of("1,2\n3,\n", CsvOptions{false, 0, ','}) == "data.csv:2: empty cell in column 2");
    CHECK(error_of("a\n1.5abc\n") == "data.csv:2: '1.5abc' in column 1 is not a number");
    CHECK(error_of("a\nnan\n") == "data.csv:2: 'nan' in column 1 is not a finite number");
    CHECK(error_of("a\n\"1\n") == "data.csv:2: a quoted cell is not closed");
    CHECK(error_of("") == "data.csv: no data rows after the header (the file is empty)");
    CHECK(error_of("a,b\n") == "data.csv: no data rows after the header");
    CHECK(error_of("\n\n", CsvOptions{false, 0, ','}) == "data.csv: no data rows");
}

TEST_CASE("csv table: reading files, and a missing file") {
    auto path = std::filesystem::temp_directory_path() / "nj_csv_table_test.csv";
    {
        std::ofstream out(path);
        out << "x,y\n1,2\n";
    }
    CsvTable t = read_csv_table(path.string(), {});
    CHECK(t.values == std::vector<double>{1, 2});
    std::filesystem::remove(path);
    std::string message;
    try {
        read_csv_table("/nonexistent/dir/table.csv", {});
    } catch (const TableError& e) {
        message = e.what();
    }
    CHECK(message.rfind("/nonexistent/dir/table.csv: cannot open the table file", 0) == 0);
}

TEST_CASE("csv table: load_tables fills the plan and checks shapes and constant indices") {
    auto path = std::filesystem::temp_directory_path() / "nj_csv_table_plan.csv";
    {
        std::ofstream out(path);
        out << "a,b\n1,2\n3,4\n5,6\n";
    }
    nj::rt::NetworkPlan plan;
    plan.arrays.push_back({"table:T", 0, 0.0, {}});
    plan.params = {0.0, 0.0};
    nj::rt::TablePlan t;
    t.name = "T";
    t.path = path.string();
    t.array = 0;
    t.rows_param = 0;
    t.cols_param = 1;
    t.constant_indices.push_back({2, 1, "m.nj:3:4: T[2, 1]"});
    plan.tables.push_back(t);
    nj::rt::load_tables(plan);
    CHECK(plan.arrays[0].size == 6);
    CHECK(plan.arrays[0].values == std::vector<double>{1, 2, 3, 4, 5, 6});
    CHECK(plan.params == std::vector<double>{3, 2});

    plan.tables[0].constant_indices.push_back({3, 0, "m.nj:5:6: T[3, 0]"});
    std::string message;
    try {
        nj::rt::load_tables(plan);
    } catch (const TableError& e) {
        message = e.what();
    }
    CHECK(message.rfind("m.nj:5:6: T[3, 0]: index outside table 'T' (3 x 2", 0) == 0);

    plan.tables[0].constant_indices.clear();
    plan.tables[0].one_index = true;  // T(k) on a 3 x 2 table
    message.clear();
    try {
        nj::rt::load_tables(plan);
    } catch (const TableError& e) {
        message = e.what();
    }
    CHECK(message.find("is read with one index") != std::string::npos);
    std::filesystem::remove(path);
}
