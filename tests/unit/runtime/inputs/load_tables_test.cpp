// In-process runs of models with tables loaded or computed when the network is built
// (load_tables.h, lower_tables.h): node lists, count matrices, masks, quantile splits, products,
// transforms, combinations and json tables, in dependency order; bad inputs stop the run with
// the table, the file and the cause.
#include "tests/unit/runtime/run_helpers.h"
#include "tests/unit/runtime/inputs/table_test_helpers.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using nj::rt::testing::run_model_text;
using nj::rt::testing::run_ok;

using nj::rt::testing::write_temp;

namespace {

/// Six nodes of two populations and their edges.
struct GraphFiles {
    std::string nodes = write_temp("nj_load_nodes.csv",
                                   "id,side,type,population,receptor\n"
                                   "10,L,pLN,LN,\n11,R,uPN,PN,Or2\n12,R,bLN,LN,\n"
                                   "13,L,uPN,PN,Or1\n14,R,uPN,PN,Or1\n15,L,LHN,LN,\n");
    std::string edges =
        write_temp("nj_load_edges.csv",
                   "pre_id,post_id,synapse_count\n"
                   "10,11,2\n10,11,3\n10,13,1\n12,14,4\n15,13,1\n13,11,6\n14,11,1\n");
    std::string rates =
        write_temp("nj_load_rates.csv", "odorant,r1,r2\nSFR,4,\nA,2,-1\nB,-8,6\nwater,1,1\n");
    ~GraphFiles() {
        for (const auto& p : {nodes, edges, rates}) std::filesystem::remove(p);
    }
};

/// The table declarations of the tests (a table is declared after the tables it reads).
std::string tables(const GraphFiles& f, const std::string& extra = "") {
    return R"(
param dt = 1 ms
param nodes_file = ")" +
           f.nodes + R"("
param edges_file = ")" +
           f.edges + R"("
param rates_file = ")" +
           f.rates + R"("
param split_q = 0.5
table ln_nodes = node_list(nodes_file, filter_column = "population", filter_values = ["LN"])
table pn_nodes = node_list(nodes_file, filter_column = "population", filter_values = ["PN"], order_column = "receptor", order_values = ["Or1", "Or2"], then_by = "side")
table N_ln_pn = count_matrix(edges_file, pre = ln_nodes, post = pn_nodes)
table ln_al = column_mask(ln_nodes, column = "type", values = ["pLN", "bLN"])
table ln_class = quantile_split(N_ln_pn, q = split_q, rows = ln_al, statistic = "nonzero")
table N_ln_pn_low = count_matrix(edges_file, pre = ln_nodes, post = pn_nodes, rows = ln_class, row_value = 1)
table N_pn_pn = count_matrix(edges_file, pre = pn_nodes, post = pn_nodes)
table shared = matrix_product(N_ln_pn, N_ln_pn, transpose_a = true)
table N_empty = count_matrix("", pre = ln_nodes, post = pn_nodes)
table raw = csv(rates_file, index_column = "odorant")
table rates = transform(raw, rows = 0:3, na = 0, baseline_row = 0, na_baseline = 5, clip_low = 0, normalise = "max")
table pairs = combinations(n = rows_of(rates) + 1, k = 2)
)" + extra +
           R"(
group G(1) {
  equations {
    x : 1
  }
}
run 1 ms
print rows_of(ln_nodes), cols_of(ln_nodes), rows_of(pn_nodes), rows_of(N_ln_pn), cols_of(N_ln_pn), max_of(N_ln_pn), rows_of(N_empty), cols_of(N_empty), max_of(N_empty), rows_of(pairs)
)";
}

}  // namespace

TEST_CASE("load_tables: graph tables and the tables computed from them, in dependency order") {
    GraphFiles f;
    auto r = run_ok(tables(f));
    // LN: 10, 12, 15; PN sorted by receptor (Or1, Or2) then side: 13 (L), 14 (R), 11
    CHECK(r.printed == "3 5 3 3 3 5 3 3 0 6\n");
    // a node list holds every column; text cells read as NaN
    const auto& pn = r.array("table:pn_nodes");
    REQUIRE(pn.size() == 15);
    CHECK(pn[0] == 13);
    CHECK(pn[5] == 14);
    CHECK(pn[10] == 11);
    CHECK(std::isnan(pn[1]));
    // N[LN, PN]: 10 -> 13 (1), 10 -> 11 (5); 12 -> 14 (4); 15 -> 13 (1)
    CHECK(r.array("table:N_ln_pn") == std::vector<double>{1, 0, 5, 0, 4, 0, 1, 0, 0});
    CHECK(r.array("table:N_pn_pn") == std::vector<double>{0, 0, 6, 0, 0, 1, 0, 0, 0});
    CHECK(r.array("table:ln_al") == std::vector<double>{1, 1, 0});
    // fan-outs of the marked LNs 10 (2) and 12 (1): the 0.5-quantile is 1.5
    CHECK(r.array("table:ln_class") == std::vector<double>{0, 1, -1});
    CHECK(r.array("table:N_ln_pn_low") == std::vector<double>{0, 0, 0, 0, 4, 0, 0, 0, 0});
    // N^T N over the PNs
    CHECK(r.array("table:shared") == std::vector<double>{2, 0, 5, 0, 16, 0, 5, 0, 25});
    CHECK(r.array("table:N_empty") == std::vector<double>(9, 0.0));
    // rates: rows SFR, A, B; missing cells 0 (5 in the baseline row); + SFR; clipped at 0; / 11
    const auto& rates = r.array("table:rates");
    std::vector<double> expected = {4, 5, 6, 4, 0, 11};
    REQUIRE(rates.size() == 6);
    for (size_t k = 0; k < 6; ++k) CHECK(rates[k] == doctest::Approx(expected[k] / 11));
    CHECK(r.array("table:pairs") == std::vector<double>{0, 1, 0, 2, 0, 3, 1, 2, 1, 3, 2, 3});
}

TEST_CASE("load_tables: transform with normalise = \"range\" maps the table onto [0, 1]") {
    GraphFiles f;
    auto r = run_ok(tables(f, "table scaled = transform(raw, rows = 0:3, na = 0, normalise = \"range\")"));
    // the stored rows SFR, A, B with missing cells 0: {4, 0, 2, -1, -8, 6}, from -8 .. 6 to 0 .. 1
    const auto& scaled = r.array("table:scaled");
    std::vector<double> expected = {12, 8, 10, 7, 0, 14};
    REQUIRE(scaled.size() == 6);
    for (size_t k = 0; k < 6; ++k) CHECK(scaled[k] == doctest::Approx(expected[k] / 14));
}

TEST_CASE("load_tables: transform arguments from parameters; add_baseline = false keeps the rows as changes") {
    GraphFiles f;
    const std::string scaled =
        "param absolute = true\n"
        "table scaled = transform(raw, rows = 0:3, na = 0, baseline_row = 0, na_baseline = 5, add_baseline = absolute,\n"
        "                         clip_low = where(absolute, 0, -1000), normalise = \"range\")";
    // absolute (baseline added, clipped): {4, 5, 6, 4, 0, 11} → / 11
    auto added = run_ok(tables(f, scaled)).array("table:scaled");
    // as changes, the baseline row's missing cell 5: {4, 5, 2, -1, -8, 6}, from -8 .. 6
    nj::rt::testing::RunOptions options;
    options.overrides = {{"absolute", "false"}};
    auto kept = run_ok(tables(f, scaled), options).array("table:scaled");
    std::vector<double> expected_added = {4, 5, 6, 4, 0, 11}, expected_kept = {12, 13, 10, 7, 0, 14};
    REQUIRE(added.size() == 6);
    REQUIRE(kept.size() == 6);
    for (size_t k = 0; k < 6; ++k) {
        CHECK(added[k] == doctest::Approx(expected_added[k] / 11));
        CHECK(kept[k] == doctest::Approx(expected_kept[k] / 14));
    }
}

TEST_CASE("load_tables: permute_seed relabels a count matrix's rows and columns") {
    GraphFiles f;
    std::string model = tables(
        f,
        "table P = count_matrix(edges_file, pre = ln_nodes, post = pn_nodes, permute_seed = 1042)");
    auto r = run_ok(model);
    std::vector<double> a = r.array("table:P"), b = r.array("table:N_ln_pn");
    CHECK(run_ok(model).array("table:P") == a);  // fixed by the seed
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    CHECK(a == b);
}

TEST_CASE("load_tables: a relabelled row split keeps the rows its relabelled marks name") {
    // The relabelling null model: the mask of the node table and the matrix are permuted alike,
    // the split is computed from the relabelled matrix, and the row split of the relabelled
    // matrix reads those marks in relabelled order.
    GraphFiles f;
    auto r = run_ok(tables(f, R"(
param seed = 1043
table Pm = column_mask(ln_nodes, column = "type", values = ["pLN", "bLN"], permute_seed = seed)
table P = count_matrix(edges_file, pre = ln_nodes, post = pn_nodes, permute_seed = seed)
table P_class = quantile_split(P, q = split_q, rows = Pm, statistic = "nonzero")
table P_low = count_matrix(edges_file, pre = ln_nodes, post = pn_nodes, rows = P_class, row_value = 1, permute_seed = seed)
)"));
    std::vector<double> mask = r.array("table:ln_al"), p_mask = r.array("table:Pm");
    std::vector<double> n = r.array("table:N_ln_pn"), p = r.array("table:P");
    size_t cols = n.size() / mask.size();
    REQUIRE(p_mask.size() == mask.size());
    // each row keeps its own mark: the (mark, row total) pairs are the same set, in a new order
    auto pairs = [&](const std::vector<double>& m, const std::vector<double>& x) {
        std::vector<std::pair<double, double>> out;
        for (size_t a = 0; a < m.size(); ++a) {
            double total = 0;
            for (size_t c = 0; c < cols; ++c) total += x[a * cols + c];
            out.emplace_back(m[a], total);
        }
        return out;
    };
    auto before = pairs(mask, n), after = pairs(p_mask, p);
    CHECK((before != after));  // this seed moves the rows
    std::sort(before.begin(), before.end());
    std::sort(after.begin(), after.end());
    CHECK((before == after));
    // the split's kept rows are whole rows of the relabelled matrix, the others zero
    std::vector<double> cls = r.array("table:P_class"), low = r.array("table:P_low");
    double kept = 0;
    for (size_t a = 0; a < cls.size(); ++a) {
        for (size_t c = 0; c < cols; ++c) {
            CHECK(low[a * cols + c] == (cls[a] == 1 ? p[a * cols + c] : 0.0));
            kept += cls[a] == 1 ? p[a * cols + c] : 0.0;
        }
    }
    CHECK(kept > 0);
}

TEST_CASE("load_tables: json tables are read with learned(); an empty path gives the defaults") {
    std::string json = write_temp("nj_load_values.json",
                                  R"({"tau": 0.03, "v": [1, 2, 3], "W": [[1, 2], [3, 4]]})");
    std::string model = R"(
param dt = 1 ms
param values_file = ")" +
                        json + R"("
table trained = json(values_file)
group G(5) {
  equations {
    a : second
    b : 1
    c : 1
    d : 1
  }
  init: a = learned(10 ms, trained, "tau"); b = learned(-1, trained, "v", i); c = learned(-1, trained, "W", i); d = learned(7, trained, "absent", i)
}
run 1 ms
print learned(2, trained, "tau", 4)
)";
    auto r = run_ok(model);
    CHECK(r.array("G.a") == std::vector<double>(5, 0.03));
    CHECK(r.array("G.b") == std::vector<double>{1, 2, 3, -1, -1});
    CHECK(r.array("G.c") == std::vector<double>{1, 2, 3, 4, -1});
    CHECK(r.array("G.d") == std::vector<double>(5, 7));
    CHECK(r.printed == "0.03\n");  // a single number is the value for every element
    auto defaults = run_ok(model, {.overrides = {{"values_file", "\"\""}}});
    CHECK(defaults.array("G.a") == std::vector<double>(5, 0.01));
    CHECK(defaults.array("G.b") == std::vector<double>(5, -1));
    std::filesystem::remove(json);
}

TEST_CASE(
    "load_tables: a json list read as one number, or an entry that is not numbers, stops the run") {
    std::string json = write_temp("nj_load_bad.json", R"({"v": [1, 2], "name": "x"})");
    std::string model = R"(
param dt = 1 ms
table trained = json(")" +
                        json + R"(")
param key = "v"
group G(2) {
  equations {
    a : 1
  }
  init: a = learned(1, trained, "v")
}
run 1 ms
)";
    auto r = run_model_text(model);
    CHECK_FALSE(r.built);
    CHECK(r.diagnostics.find(
              ": 'v' of table 'trained' (" + json +
              ") is a list of 2 numbers, read here as one number; give an element index") !=
          std::string::npos);
    std::string named = model;
    named.replace(named.find("learned(1, trained, \"v\")"), 24, "learned(1, trained, \"name\", i)");
    r = run_model_text(named);
    CHECK_FALSE(r.built);
    CHECK(r.diagnostics.find("'name' of table 'trained' (" + json + ") is a string") !=
          std::string::npos);
    std::filesystem::remove(json);
}

TEST_CASE(
    "load_tables: a missing file, a missing column, an unknown node or unfit shapes name the "
    "table") {
    GraphFiles f;
    auto r =
        run_model_text(tables(f), {.overrides = {{"nodes_file", "\"/nonexistent/nodes.csv\""}}});
    CHECK_FALSE(r.built);
    CHECK(r.diagnostics.find(
              ": table 'ln_nodes': /nonexistent/nodes.csv: cannot open the table file") !=
          std::string::npos);

    r = run_model_text(tables(
        f, "table bad = node_list(nodes_file, filter_column = \"kind\", filter_values = [\"A\"])"));
    CHECK_FALSE(r.built);
    CHECK(r.diagnostics.find(": table 'bad': " + f.nodes + ": no column 'kind' in the header") !=
          std::string::npos);

    std::string edges =
        write_temp("nj_load_edges_unknown.csv", "pre_id,post_id,synapse_count\n10,11,1\n10,77,1\n");
    r = run_model_text(tables(f), {.overrides = {{"edges_file", "\"" + edges + "\""}}});
    CHECK_FALSE(r.built);
    CHECK(r.diagnostics.find(edges + ":3: the post_id '77' is not a node of " + f.nodes +
                             " (unknown node id)") != std::string::npos);
    std::filesystem::remove(edges);

    r = run_model_text(tables(f, "table bad = matrix_product(N_ln_pn, ln_al, transpose_b = true)"));
    CHECK_FALSE(r.built);
    CHECK(r.diagnostics.find(": table 'bad': the shapes do not fit a product: a is 3 x 3 and b "
                             "transposed is 1 x 3") != std::string::npos);

    r = run_model_text(tables(f), {.overrides = {{"split_q", "2"}}});
    CHECK_FALSE(r.built);
    CHECK(r.diagnostics.find(": table 'ln_class': q must be between 0 and 1, but it is 2") !=
          std::string::npos);
}

TEST_CASE(
    "lower_tables: table arguments of the wrong kind, missing ones and bad words are reported") {
    GraphFiles f;
    auto r = run_model_text(
        tables(f, "table bad = count_matrix(edges_file, pre = N_ln_pn, post = pn_nodes)"));
    CHECK_FALSE(r.built);
    CHECK(r.diagnostics.find(
              "'pre' of the count_matrix table 'bad' must be a node_list table, but 'N_ln_pn' is a "
              "count_matrix table") != std::string::npos);
    r = run_model_text(tables(f, "table bad = count_matrix(edges_file, pre = ln_nodes)"));
    CHECK(r.diagnostics.find("a count_matrix table needs 'post = ...'") != std::string::npos);
    r = run_model_text(
        tables(f, "table bad = quantile_split(N_ln_pn, q = 0.5, statistic = \"mean\")"));
    CHECK(r.diagnostics.find("'statistic' must be \"nonzero\" or \"sum\"") != std::string::npos);
    r = run_model_text(
        tables(f, "table bad = node_list(nodes_file, filter_column = \"population\")"));
    CHECK(r.diagnostics.find(
              "'filter_column' and 'filter_values' of the node_list table 'bad' go together") !=
          std::string::npos);
    r = run_model_text(
        tables(f, "table bad = combinations(n = floor(rows_of(rates) / 2), k = 2)"));
    CHECK(r.diagnostics.find("'n' of the combinations table 'bad' must be a constant, or an "
                             "expression of parameters and table shapes such as rows_of(T) - 1") !=
          std::string::npos);
    r = run_model_text(tables(f, "table bad = transform(raw, rows = 1)"));
    CHECK(r.diagnostics.find(
              "'rows' of the transform table 'bad' must be a slice of rows such as 0:28") !=
          std::string::npos);
    r = run_model_text(tables(f,
                              "table bad = json(\"\")\ngroup H(1) {\n  equations {\n    y = "
                              "rows_of(bad) : 1\n    dv/dt = y / ms : 1\n  }\n}"));
    CHECK(r.diagnostics.find("json table 'bad' has no shape; read its entries with "
                             "learned(default, bad, \"name\")") != std::string::npos);
}

TEST_CASE(
    "load_tables: a table is computed after the tables it reads, whatever their order in the "
    "plan") {
    std::string csv = write_temp("nj_load_order.csv", "1,2\n3,4\n");
    nj::rt::NetworkPlan plan;
    for (int k = 0; k < 3; ++k) plan.arrays.push_back({"table:" + std::to_string(k), 0, 0.0, {}});
    plan.params.assign(9, 0.0);
    auto table = [&](const std::string& name, const std::string& kind, int k) {
        nj::rt::TablePlan t;
        t.name = name;
        t.kind = kind;
        t.where = "m.nj:" + std::to_string(k + 1);
        t.array = k;
        t.rows_param = 3 * k;
        t.cols_param = 3 * k + 1;
        t.max_param = 3 * k + 2;
        return t;
    };
    // P = pairs of 0 .. rows_of(A) + rows_of(A) - 1, and A A^T, declared before A
    nj::rt::TablePlan pairs = table("pairs", "combinations", 0);
    pairs.numbers["n"].ops = {{'p', 0, 6}, {'p', 0, 6}, {'+', 0, -1}};
    pairs.numbers["k"].ops = {{'c', 2, -1}};
    nj::rt::TablePlan product = table("product", "matrix_product", 1);
    product.inputs = {{"a", 2}, {"b", 2}};
    product.numbers["transpose_b"].ops = {{'c', 1, -1}};
    nj::rt::TablePlan a = table("A", "csv", 2);
    a.path = csv;
    a.header = false;
    plan.tables = {pairs, product, a};
    nj::rt::load_tables(plan);
    CHECK(plan.params[0] == 6);  // C(4, 2)
    CHECK(plan.arrays[1].values == std::vector<double>{5, 11, 11, 25});
    CHECK(plan.params[5] == 25);  // max_of(product)
    // a table that reads itself (through another) is an error, not endless work
    plan.tables[2].kind = "matrix_product";
    plan.tables[2].inputs = {{"a", 1}, {"b", 1}};
    std::string message;
    try {
        nj::rt::load_tables(plan);
    } catch (const nj::rt::TableError& e) {
        message = e.what();
    }
    CHECK(message.find("table '") != std::string::npos);
    CHECK(message.find("is computed from itself") != std::string::npos);
    std::filesystem::remove(csv);
}

TEST_CASE("table_warnings: csv, node_list and json tables without a file are named") {
    nj::rt::NetworkPlan plan;
    for (const char* kind : {"csv", "node_list", "json", "count_matrix"}) {
        nj::rt::TablePlan t;
        t.name = std::string("t_") + kind;
        t.kind = kind;
        plan.tables.push_back(t);
    }
    CHECK(nj::rt::table_warnings(plan) ==
          std::vector<std::string>{
              "table 't_csv' has no file (its path is empty); reads of it give NaN",
              "table 't_node_list' has no file (its path is empty); it has no rows",
              "table 't_json' has no file (its path is empty); learned() gives every default"});
}
