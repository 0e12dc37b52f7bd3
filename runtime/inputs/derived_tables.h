// Tables computed from other tables or from numbers when the network is built: matrix_product,
// quantile_split, transform, combinations, and the random relabelling of count matrices.
//
// Requires: the input matrices are loaded (rt::load_tables computes tables in dependency order).
// Ensures:  each function returns a new matrix and never changes its inputs; a problem (shapes
//           that do not fit, an argument out of range) throws TableError with the cause only,
//           to which the caller adds the table's name.
// Example:  combinations(4, 2) → 6 x 2: [0 1] [0 2] [0 3] [1 2] [1 3] [2 3].
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nj::rt {

/// A numeric table: rows x cols values in row-major order.
struct Matrix {
    size_t rows = 0;
    size_t cols = 0;
    std::vector<double> values;
    double at(size_t r, size_t c) const { return values[r * cols + c]; }
};

/// a b, with either transposed first.
Matrix matrix_product(const Matrix& a, const Matrix& b, bool transpose_a, bool transpose_b);

/// numpy.quantile(x, q) with linear interpolation; x not empty, q in [0, 1].
double linear_quantile(std::vector<double> x, double q);

/// One class per row of `m` (a rows x 1 matrix): 1 where the row is marked (`marks` null, or
/// marks[r] == 1) and its statistic ("nonzero": nonzero entries, "sum": their sum) is at most
/// the q-quantile of the statistic over the marked rows; 0 for the other marked rows; -1 for
/// the unmarked rows. `marks` has one value per row of m.
Matrix quantile_split(const Matrix& m, double q, const std::vector<double>* marks,
                      const std::string& statistic);

/// What transform() does, in this order (an absent option skips its step).
struct TransformOptions {
    std::optional<double> rows_start, rows_stop;  ///< keep rows [start, stop)
    std::optional<double> na;                     ///< missing (NaN) cells become this
    std::optional<double> baseline_row;           ///< added to every other row
    std::optional<double> add_baseline;           ///< 0: the baseline row is not added (default 1)
    std::optional<double> na_baseline;  ///< missing cells of the baseline row (default na)
    std::optional<double> clip_low, clip_high;
    std::string normalise;  ///< "", "max": divide by the largest entry, "range": map [min, max] to [0, 1]
};

/// The transform of `source`: a new matrix with the steps of `options` applied.
Matrix transform_table(const Matrix& source, const TransformOptions& options);

/// The k-element combinations i0 < i1 < ... of 0..n-1 (one per row) in lexicographic order;
/// with `sample`, that many of them drawn without replacement (by `seed`), kept in
/// lexicographic order.
Matrix combinations(double n, double k, std::optional<double> sample, uint64_t seed);

/// A random permutation of 0..n-1 drawn from (seed, stream) by a fixed generator (splitmix64),
/// the same on every machine.
std::vector<size_t> random_permutation(size_t n, uint64_t seed, uint64_t stream);

/// m with its rows and its columns permuted at random (row r of the result is row
/// perm_rows[r] of m): stream 0 of `seed` for the rows, stream 1 for the columns.
Matrix permute_matrix(const Matrix& m, uint64_t seed);

/// The largest entry that is a number (0 for an empty table or one of NaNs only).
double max_entry(const std::vector<double>& values);

}  // namespace nj::rt
