// Numeric tables from CSV files, read when the network is built (`table T = csv(path, ...)`).
//
// Requires: a text file of lines of cells separated by one delimiter character; cells may be
//           quoted ("1.5"); blank lines are ignored; `skip_rows` raw lines are skipped first;
//           with `header`, the next non-blank line names the columns.
// Ensures:  every data row has as many cells as the first one (and as the header); every cell
//           is a finite number; the values are kept in row-major order. Any violation (missing
//           or empty file, non-numeric or empty cell, ragged row) throws TableError with the
//           message "path:line: what is wrong" (line 1-based; "path: ..." when no line applies).
// Example:  "a,b\n1,2\n3,4\n" with header → rows 2, cols 2, values {1, 2, 3, 4}.
#pragma once

#include "runtime/abi.h"

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace nj::rt {

/// A malformed or unreadable table; the message names the file and line.
class TableError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct CsvOptions {
    bool header = true;
    size_t skip_rows = 0;
    char delimiter = ',';
};

/// A numeric matrix.
struct CsvTable {
    size_t rows = 0;
    size_t cols = 0;
    std::vector<double> values;             ///< row-major, rows * cols values
    std::vector<std::string> column_names;  ///< from the header (empty without one)
    double at(size_t r, size_t c) const { return values[r * cols + c]; }
};

/// Parses `text`; `path` is used in messages only.
CsvTable parse_csv_table(std::string_view text, const std::string& path, const CsvOptions& options);

/// Reads and parses the file at `path` (relative to the current directory).
CsvTable read_csv_table(const std::string& path, const CsvOptions& options);

/// Loads every table of `plan`: fills its array's values and size and its shape parameters,
/// and checks the constant indices the model uses. Throws TableError on the first problem.
/// A table whose path is empty has no file: it is 0 x 0 and its array holds one NaN, so every
/// (clamped) read of it gives NaN; its indices are not checked.
void load_tables(NetworkPlan& plan);

/// One warning per table of `plan` that has no file (an empty path), for the driver to print.
std::vector<std::string> table_warnings(const NetworkPlan& plan);

}  // namespace nj::rt
