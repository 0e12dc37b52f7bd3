// csv tables without a file (an empty path) and two-index reads at computed rows
// (lower_tables.h, csv_table.h): an empty table warns, reads NaN and never leaves its array.
#include "tests/unit/runtime/run_helpers.h"

#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using nj::rt::testing::run_model_text;
using nj::rt::testing::run_ok;

namespace {

/// A model whose group G(2) records x = `read` of table `data` (from `path`, which may be empty).
std::string table_reader(const std::string& path, const std::string& read) {
    return R"(
param dt = 1 ms
param data_file = ")" +
           path + R"("
param order = [2, 0, 1]
table data = csv(data_file, header = false)
group G(2) {
  equations {
    k : 1
    x = )" +
           read + R"( : 1
    n = rows_of(data) + cols_of(data) : 1
    dv/dt = x / ms : 1
  }
  method: euler
  init: k = 1
}
monitor trace = state(G, x)
run 1 ms
)";
}

}  // namespace

TEST_CASE(
    "load_tables: a table with an empty path is 0 x 0, holds one NaN and is named in a warning") {
    nj::rt::NetworkPlan plan;
    plan.arrays.push_back({"table:data", 0, 0.0, {}});
    plan.params = {7.0, 7.0};
    nj::rt::TablePlan t;
    t.name = "data";
    t.array = 0;
    t.rows_param = 0;
    t.cols_param = 1;
    t.one_index = true;
    t.constant_indices.push_back({5.0, 5.0, "model.nj:1:1: data[5, 5]"});
    plan.tables.push_back(t);
    nj::rt::load_tables(plan);  // neither the one-index read nor the constant index is refused
    CHECK(plan.params == std::vector<double>{0.0, 0.0});
    REQUIRE(plan.arrays[0].values.size() == 1);
    CHECK(plan.arrays[0].size == 1);
    CHECK(std::isnan(plan.arrays[0].values[0]));
    CHECK(nj::rt::table_warnings(plan) ==
          std::vector<std::string>{
              "table 'data' has no file (its path is empty); reads of it give NaN"});
    plan.tables[0].path = "x.csv";
    CHECK(nj::rt::table_warnings(plan).empty());
}

TEST_CASE("tables: reads of a table with an empty path give NaN, which stops the run") {
    auto r = run_model_text(table_reader("", "data[order[k % 3], i]"));
    REQUIRE(r.built);
    CHECK_FALSE(r.outcome.complete);
    REQUIRE(r.outcome.non_finite.has_value());
    CHECK(r.outcome.non_finite->variable == "v");
}

TEST_CASE("tables: a table with an empty path that is never read is no problem") {
    auto r = run_ok(R"(
param dt = 1 ms
param data_file = ""
table data = csv(data_file, header = false)
group G(2) { equations { n = rows_of(data) + cols_of(data) : 1 } }
monitor trace = state(G, n)
run 1 ms
)");
    CHECK(r.values("trace_n.npy") == std::vector<double>{0, 0});
}

TEST_CASE("tables: table[row, col] reads a row computed from a list, like table(row, col)") {
    auto path = std::filesystem::temp_directory_path() / "nj_empty_table_rows.csv";
    std::ofstream(path) << "1,2\n3,4\n5,6\n";
    // k = 1: order[1 % 3] = 0, so x = data[0, i]
    auto r = run_ok(table_reader(path.string(), "data[order[k % 3], i]"));
    CHECK(r.values("trace_x.npy") == std::vector<double>{1, 2});
    auto call =
        run_ok(table_reader(path.string(), "data(order[(k + 2) % 3], i) + data(order[k % 3], i)"));
    // data(order[0], i) + data(order[1], i) = data[2, i] + data[0, i]
    CHECK(call.values("trace_x.npy") == std::vector<double>{6, 8});
    std::filesystem::remove(path);
}
