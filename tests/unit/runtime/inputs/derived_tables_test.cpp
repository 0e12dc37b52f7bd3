// Tests for the tables computed from other tables (derived_tables.h): products, quantile splits,
// transforms, combinations and the random relabelling, with their errors.
#include "runtime/inputs/derived_tables.h"

#include "runtime/inputs/csv_table.h"
#include "tests/unit/runtime/inputs/table_test_helpers.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

using nj::rt::Matrix;
using nj::rt::TableError;

using nj::rt::testing::table_error_of;

namespace {

const double missing = std::nan("");

}  // namespace

TEST_CASE("matrix_product: a b with either factor transposed, and shapes that do not fit") {
    Matrix a{2, 3, {1, 2, 3, 4, 5, 6}};
    Matrix b{3, 1, {1, 0, 2}};
    Matrix ab = nj::rt::matrix_product(a, b, false, false);
    CHECK(ab.rows == 2);
    CHECK(ab.cols == 1);
    CHECK(ab.values == std::vector<double>{7, 16});
    Matrix ata = nj::rt::matrix_product(a, a, true, false);  // 3 x 3
    CHECK(ata.rows == 3);
    CHECK(ata.values == std::vector<double>{17, 22, 27, 22, 29, 36, 27, 36, 45});
    Matrix aat = nj::rt::matrix_product(a, a, false, true);  // 2 x 2
    CHECK(aat.values == std::vector<double>{14, 32, 32, 77});
    CHECK(
        table_error_of([&] { nj::rt::matrix_product(a, a, false, false); }) ==
        "the shapes do not fit a product: a is 2 x 3 and b is 2 x 3 (the columns of the first must "
        "equal the rows of the second)");
    CHECK(table_error_of([&] {
              nj::rt::matrix_product(a, b, true, false);
          }).find("a transposed is 3 x 2") != std::string::npos);
}

TEST_CASE("linear_quantile: numpy.quantile with linear interpolation") {
    CHECK(nj::rt::linear_quantile({4, 1, 3, 2}, 0.5) == doctest::Approx(2.5));
    CHECK(nj::rt::linear_quantile({4, 1, 3, 2}, 0.33) == doctest::Approx(1.99));
    CHECK(nj::rt::linear_quantile({4, 1, 3, 2}, 0.0) == 1);
    CHECK(nj::rt::linear_quantile({4, 1, 3, 2}, 1.0) == 4);
    CHECK(nj::rt::linear_quantile({5}, 0.7) == 5);
}

TEST_CASE(
    "quantile_split: marked rows at or below the quantile are 1, other marked rows 0, unmarked "
    "-1") {
    // nonzero counts per row: 1, 3, 2, 0; sums: 5, 3, 4, 0
    Matrix m{4, 3, {5, 0, 0, 1, 1, 1, 2, 2, 0, 0, 0, 0}};
    std::vector<double> marks = {1, 1, 1, 0};
    // counts of the marked rows {1, 3, 2}: the 0.5-quantile is 2
    CHECK(nj::rt::quantile_split(m, 0.5, &marks, "nonzero").values ==
          std::vector<double>{1, 0, 1, -1});
    // sums {5, 3, 4}: the 0.5-quantile is 4
    CHECK(nj::rt::quantile_split(m, 0.5, &marks, "sum").values == std::vector<double>{0, 1, 1, -1});
    // no marks: every row takes part; counts {1, 3, 2, 0}, 0.25-quantile 0.75
    Matrix all = nj::rt::quantile_split(m, 0.25, nullptr, "nonzero");
    CHECK(all.rows == 4);
    CHECK(all.cols == 1);
    CHECK(all.values == std::vector<double>{0, 0, 0, 1});
    std::vector<double> none = {0, 0, 0, 0};
    CHECK(nj::rt::quantile_split(m, 0.5, &none, "sum").values ==
          std::vector<double>{-1, -1, -1, -1});
    std::vector<double> short_marks = {1, 1};
    CHECK(table_error_of([&] { nj::rt::quantile_split(m, 0.5, &short_marks, "sum"); }) ==
          "rows has 2 values, but the matrix has 4 rows (one mark per row is needed)");
    CHECK(table_error_of([&] { nj::rt::quantile_split(m, 1.5, nullptr, "sum"); }) ==
          "q must be between 0 and 1, but it is 1.5");
    CHECK(table_error_of([&] { nj::rt::quantile_split(m, 0.5, nullptr, "mean"); }) ==
          "statistic must be \"nonzero\" or \"sum\", but it is \"mean\"");
}

TEST_CASE("transform_table: rows, missing cells, baseline, clip and normalise, in that order") {
    // row 0 is the baseline (with a missing cell), rows 1-2 are changes, row 3 is dropped
    Matrix source{4, 3, {2, missing, 10, 1, missing, -20, 4, 3, 5, 100, 100, 100}};
    nj::rt::TransformOptions o;
    o.rows_start = 0;
    o.rows_stop = 3;
    o.na = 0;
    o.baseline_row = 0;
    o.na_baseline = 8;
    o.clip_low = 0;
    Matrix m = nj::rt::transform_table(source, o);
    CHECK(m.rows == 3);
    CHECK(m.cols == 3);
    CHECK(m.values == std::vector<double>{2, 8, 10, 3, 8, 0, 6, 11, 15});
    o.normalise = "max";
    Matrix n = nj::rt::transform_table(source, o);
    for (size_t k = 0; k < n.values.size(); ++k)
        CHECK(n.values[k] == doctest::Approx(m.values[k] / 15));
    // range: m's entries run from 0 to 15, so they map to themselves / 15; changes alone (no
    // baseline) run from -20 to 10
    o.normalise = "range";
    Matrix r = nj::rt::transform_table(source, o);
    for (size_t k = 0; k < r.values.size(); ++k)
        CHECK(r.values[k] == doctest::Approx(m.values[k] / 15));
    nj::rt::TransformOptions changes;
    changes.rows_stop = 3;
    changes.na = 0;
    changes.normalise = "range";
    CHECK(nj::rt::transform_table(source, changes).values ==
          std::vector<double>{22.0 / 30, 20.0 / 30, 1, 21.0 / 30, 20.0 / 30, 0, 24.0 / 30, 23.0 / 30, 25.0 / 30});
    // add_baseline = 0: the baseline row only fills its own missing cells (with na_baseline)
    nj::rt::TransformOptions kept = changes;
    kept.baseline_row = 0;
    kept.na_baseline = 8;
    kept.add_baseline = 0;
    CHECK(nj::rt::transform_table(source, kept).values ==
          std::vector<double>{22.0 / 30, 28.0 / 30, 1, 21.0 / 30, 20.0 / 30, 0, 24.0 / 30, 23.0 / 30, 25.0 / 30});
    kept.add_baseline = 1;
    CHECK(nj::rt::transform_table(source, kept).values == nj::rt::transform_table(source, [&] {
              nj::rt::TransformOptions added = kept;
              added.add_baseline.reset();
              return added;
          }()).values);
    // nothing asked: the same table; without na, missing cells stay NaN
    Matrix same = nj::rt::transform_table(source, {});
    CHECK(same.rows == 4);
    CHECK(std::isnan(same.values[1]));
    nj::rt::TransformOptions high;
    high.clip_high = 4;
    high.na = -1;
    CHECK(nj::rt::transform_table(Matrix{1, 3, {missing, 7, 2}}, high).values ==
          std::vector<double>{-1, 4, 2});
}

TEST_CASE(
    "transform_table: rows outside the source, a bad baseline row and an all-zero maximum are "
    "errors") {
    Matrix source{2, 1, {0, 0}};
    nj::rt::TransformOptions o;
    o.rows_start = 0;
    o.rows_stop = 3;
    CHECK(table_error_of([&] { nj::rt::transform_table(source, o); }) ==
          "rows = 0:3 is not a slice of the source's 2 rows");
    nj::rt::TransformOptions b;
    b.baseline_row = 2;
    CHECK(table_error_of([&] { nj::rt::transform_table(source, b); }) ==
          "baseline_row = 2 is outside the 2 rows kept");
    b.baseline_row = 0.5;
    CHECK(table_error_of([&] { nj::rt::transform_table(source, b); }) ==
          "baseline_row must be a whole number >= 0, but it is 0.5");
    nj::rt::TransformOptions m;
    m.normalise = "max";
    CHECK(table_error_of([&] { nj::rt::transform_table(source, m); }) ==
          "normalise = \"max\" needs a largest entry > 0, but it is 0");
    m.normalise = "range";
    CHECK(table_error_of([&] { nj::rt::transform_table(source, m); }) ==
          "normalise = \"range\" needs entries that differ");
}

TEST_CASE("combinations: all k-subsets in lexicographic order, or a fixed random sample of them") {
    Matrix c = nj::rt::combinations(4, 2, std::nullopt, 0);
    CHECK(c.rows == 6);
    CHECK(c.cols == 2);
    CHECK(c.values == std::vector<double>{0, 1, 0, 2, 0, 3, 1, 2, 1, 3, 2, 3});
    CHECK(nj::rt::combinations(27, 2, std::nullopt, 0).rows == 351);
    CHECK(nj::rt::combinations(27, 3, std::nullopt, 0).rows == 2925);
    CHECK(nj::rt::combinations(2, 3, std::nullopt, 0).rows == 0);
    Matrix s = nj::rt::combinations(27, 3, 20.0, 1042);
    CHECK(s.rows == 20);
    CHECK(s.cols == 3);
    std::vector<std::vector<double>> rows;
    for (size_t r = 0; r < s.rows; ++r) {
        CHECK(s.at(r, 0) < s.at(r, 1));
        CHECK(s.at(r, 1) < s.at(r, 2));
        CHECK(s.at(r, 2) < 27);
        rows.push_back({s.at(r, 0), s.at(r, 1), s.at(r, 2)});
    }
    CHECK(std::is_sorted(rows.begin(), rows.end()));
    CHECK(std::adjacent_find(rows.begin(), rows.end()) == rows.end());  // without replacement
    CHECK(nj::rt::combinations(27, 3, 20.0, 1042).values == s.values);  // fixed by the seed
    CHECK(nj::rt::combinations(27, 3, 20.0, 7).values != s.values);
    CHECK(nj::rt::combinations(4, 2, 6.0, 3).values == c.values);  // every one of them
    CHECK(table_error_of([] { nj::rt::combinations(4, 2, 7.0, 0); }) ==
          "sample = 7 is more than the 6 combinations there are");
    CHECK(table_error_of([] { nj::rt::combinations(4, 0, std::nullopt, 0); }) == "k must be at least 1");
    CHECK(table_error_of([] { nj::rt::combinations(-1, 2, std::nullopt, 0); }) ==
          "n must be a whole number >= 0, but it is -1");
    CHECK(table_error_of([] { nj::rt::combinations(1000, 5, std::nullopt, 0); }) ==
          "n = 1000, k = 5 gives more than 10000000 combinations");
}

TEST_CASE("permute_matrix: a relabelling of rows and columns, fixed by the seed") {
    Matrix m{3, 4, {}};
    for (int k = 0; k < 12; ++k) m.values.push_back(k);
    Matrix p = nj::rt::permute_matrix(m, 1042);
    CHECK(nj::rt::permute_matrix(m, 1042).values == p.values);
    CHECK(p.values != m.values);
    // every row of p is a row of m with its columns permuted the same way
    std::vector<double> sorted = p.values;
    std::sort(sorted.begin(), sorted.end());
    CHECK(sorted == m.values);
    for (size_t r = 0; r < 3; ++r) {
        double row = std::floor(p.at(r, 0) / 4);
        for (size_t c = 0; c < 4; ++c) CHECK(std::floor(p.at(r, c) / 4) == row);
        for (size_t c = 0; c < 4; ++c) CHECK(std::fmod(p.at(r, c), 4) == std::fmod(p.at(0, c), 4));
    }
    std::vector<size_t> perm = nj::rt::random_permutation(10, 5, 0);
    std::vector<size_t> sorted_perm = perm;
    std::sort(sorted_perm.begin(), sorted_perm.end());
    CHECK(sorted_perm == std::vector<size_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    CHECK(nj::rt::random_permutation(10, 5, 1) != perm);  // another stream
}

TEST_CASE("max_entry: the largest number, ignoring NaN; 0 when there is none") {
    CHECK(nj::rt::max_entry({1, missing, 3, -2}) == 3);
    CHECK(nj::rt::max_entry({-5, -2}) == -2);
    CHECK(nj::rt::max_entry({}) == 0);
    CHECK(nj::rt::max_entry({missing}) == 0);
}
