// In-process runs of models that read tables (lower_tables.h, csv_table.h): timed arrays and
// csv tables give the right values at the right steps; bad tables stop the run before it starts.
#include "tests/unit/runtime/run_helpers.h"
#include "tests/unit/runtime/inputs/table_test_helpers.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using nj::rt::testing::run_model_text;
using nj::rt::testing::run_ok;

using nj::rt::testing::write_temp;

namespace {

// With dt = 1 ms and Euler steps, x(n+1) = x(n) + f(t_n): each variable sums its table's value
// at the steps t_n = 0, 1, ..., 7 ms, so the recorded increments are the values read.
std::string table_model(const std::string& csv_path, const std::string& column_path) {
    return R"(
param dt = 1 ms
param data_file = ")" + csv_path + R"("
table stim = timed(values = [1 mV, 2 mV, 3 mV], dt = 2 ms)
table grid = timed(values = [[1, 10], [2, 20]], dt = 1 ms)
table data = csv(data_file, header = true)
table column = csv(")" + column_path + R"(", header = false)
neuron N {
  equations {
    da/dt = stim(t) / (mV * ms) : 1
    db/dt = data[i, 1] / ms : 1
    dc/dt = grid(t, i) / ms : 1
    dd/dt = data[i + 5, -3] / ms : 1
    de/dt = column(i) * rows_of(data) / ms : 1
  }
  method: euler
}
group G = N(2)
monitor trace = state(G, a)
run 8 ms
)";
}

}  // namespace

TEST_CASE("tables: timed arrays and csv tables are read at the right steps") {
    std::string csv = write_temp("nj_tables_run.csv", "x,y\n0.5,1.5\n2.5,3.5\n");
    std::string column = write_temp("nj_tables_column.csv", "7\n9\n");
    auto r = run_ok(table_model(csv, column));
    // stim: steps 0,1 → 1; 2,3 → 2; 4,5 → 3; after the end (6, 7) the last value, as Brian2
    const auto& a = r.values("trace_a.npy");  // (8 steps, 2 neurons), at the start of each step
    REQUIRE(a.size() == 16);
    std::vector<double> expected_a = {0, 1, 2, 4, 6, 9, 12, 15};
    for (size_t n = 0; n < 8; ++n) {
        CAPTURE(n);
        CHECK(a[2 * n] == doctest::Approx(expected_a[n]));
        CHECK(a[2 * n + 1] == doctest::Approx(expected_a[n]));
    }
    CHECK(r.array("G.a")[0] == doctest::Approx(18));
    // data[i, 1]: 1.5 and 3.5 at every step
    CHECK(r.array("G.b")[0] == doctest::Approx(8 * 1.5));
    CHECK(r.array("G.b")[1] == doctest::Approx(8 * 3.5));
    // grid(t, i): row 0 at step 0, then row 1 (the last) for every later step
    CHECK(r.array("G.c")[0] == doctest::Approx(1 + 7 * 2));
    CHECK(r.array("G.c")[1] == doctest::Approx(10 + 7 * 20));
    // indices outside the table clamp to it: row 1, column 0
    CHECK(r.array("G.d")[0] == doctest::Approx(8 * 2.5));
    CHECK(r.array("G.d")[1] == doctest::Approx(8 * 2.5));
    // a one-column table read with one index; rows_of reads the loaded shape
    CHECK(r.array("G.e")[0] == doctest::Approx(8 * 7 * 2));
    CHECK(r.array("G.e")[1] == doctest::Approx(8 * 9 * 2));
    std::filesystem::remove(csv);
    std::filesystem::remove(column);
}

TEST_CASE("tables: a malformed or missing csv file stops the run with the file and line") {
    std::string bad = write_temp("nj_tables_bad.csv", "x,y\n1,2\n3,oops\n");
    std::string column = write_temp("nj_tables_column2.csv", "7\n9\n");
    auto r = run_model_text(table_model(bad, column));
    CHECK_FALSE(r.built);
    CHECK(r.diagnostics.find(bad + ":3: 'oops' in column 2 is not a number") != std::string::npos);

    r = run_model_text(table_model("/nonexistent/nj_missing.csv", column));
    CHECK_FALSE(r.built);
    CHECK(r.diagnostics.find("/nonexistent/nj_missing.csv: cannot open the table file") != std::string::npos);
    std::filesystem::remove(bad);
    std::filesystem::remove(column);
}

TEST_CASE("tables: a constant index outside a csv table is an error when the table is loaded") {
    std::string csv = write_temp("nj_tables_small.csv", "x,y\n1,2\n");
    auto r = run_model_text(R"(
param dt = 1 ms
table data = csv(")" + csv + R"(")
neuron N {
  equations {
    db/dt = data[3, 0] / ms : 1
  }
  method: euler
}
group G = N(1)
run 1 ms
)");
    CHECK_FALSE(r.built);
    INFO(r.diagnostics);
    CHECK(r.diagnostics.find("data[3, 0]: index outside table 'data' (1 x 2") != std::string::npos);
    std::filesystem::remove(csv);
}

TEST_CASE("tables: init statements can read tables") {
    auto r = run_model_text(R"(
param dt = 1 ms
table stim = timed(values = [3, 5], dt = 1 ms)
neuron N {
  equations {
    v : 1
  }
}
group G = N(1) {
  init: v = stim(1 ms) + stim(0 ms)
}
run 1 ms
)");
    REQUIRE(r.built);
    CHECK(r.arrays.at("G.v").at(0) == 8.0);
}


// A group whose size is read from a table's shape (cli/sized_front.h): the tables are loaded
// once to learn their shapes and the model is checked again with them as constants.
std::string sized_model(const std::string& csv_path) {
    return R"(
param dt = 1 ms
param n_copies = 2
table data = csv(")" + csv_path + R"(", header = true)
neuron N {
  equations {
    x : 1
  }
}
group G = N(n_copies * rows_of(data)) {
  init: x = data[i % rows_of(data), 1]
}
group H = N(cols_of(data) + max_of(data))
group Part = G[rows_of(data):]
monitor xs = state(Part, x)
run 1 ms
)";
}

TEST_CASE("tables: group sizes and subgroup slices may come from a table's shape") {
    std::string csv = write_temp("nj_tables_sizes.csv", "a,b\n1,10\n2,20\n3,30\n");
    auto r = run_ok(sized_model(csv));
    // 3 rows → G has 2 x 3 elements, each copy reading the table's second column
    CHECK(r.array("G.x") == std::vector<double>{10, 20, 30, 10, 20, 30});
    // 2 columns and a largest entry of 30 → H has 32 elements
    CHECK(r.array("H.x").size() == 32);
    // Part is G[3:], the second copy
    CHECK(r.values("xs_x.npy") == std::vector<double>{10, 20, 30});
    std::filesystem::remove(csv);
}

TEST_CASE("tables: a missing table that sizes a group stops the run with its path") {
    auto r = run_model_text(sized_model("/nonexistent/nj_sizes.csv"));
    CHECK_FALSE(r.built);
    CHECK(r.diagnostics.find("/nonexistent/nj_sizes.csv: cannot open the table file") != std::string::npos);
}
