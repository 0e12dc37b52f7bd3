// Tables from CSV files, read when the network is built (`table T = csv(path, ...)`): numeric
// tables, and the text cells that node lists and edge lists are made of.
//
// Requires: a text file of lines of cells separated by one delimiter character; cells may be
//           quoted ("1.5"); blank lines are ignored; `skip_rows` raw lines are skipped first;
//           with `header`, the next non-blank line names the columns.
// Ensures:  every data row has as many cells as the first one (and as the header); every cell
//           of a numeric table is a finite number (an empty one is NaN with missing_as_nan);
//           the index column, when named, holds row labels and is not data; the values are kept
//           in row-major order. Any violation (missing or empty file, non-numeric or empty cell,
//           ragged row, unknown index column) throws TableError with the message
//           "path:line: what is wrong" (line 1-based; "path: ..." when no line applies).
// Example:  "a,b\n1,2\n3,4\n" with header → rows 2, cols 2, values {1, 2, 3, 4}.
#pragma once

#include "runtime/abi.h"
#include "runtime/inputs/load_tables.h"  // load_tables and table_warnings, declared here before

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
    std::string index_column = "";  ///< a header column of row labels, left out of the numbers
    bool missing_as_nan = false;    ///< an empty cell is a missing value (NaN), not an error
};

/// A numeric matrix.
struct CsvTable {
    size_t rows = 0;
    size_t cols = 0;
    std::vector<double> values;  ///< row-major, rows * cols values
    std::vector<std::string>
        column_names;                     ///< from the header (empty without one; no index column)
    std::vector<std::string> row_labels;  ///< the index column's cells (empty without one)
    double at(size_t r, size_t c) const { return values[r * cols + c]; }
};

/// The cells of a CSV file as text: node lists, edge lists.
struct TextTable {
    std::vector<std::string> column_names;       ///< from the header (empty without one)
    std::vector<std::vector<std::string>> rows;  ///< equally long rows of trimmed cells
    std::vector<size_t> lines;                   ///< the file line (1-based) of each row
    /// The position of the header column `name`; throws TableError naming the file and the
    /// columns there are when it has no such column.
    size_t column(const std::string& name, const std::string& path) const;
};

/// Parses `text` into cells; `path` is used in messages only.
TextTable parse_text_table(std::string_view text, const std::string& path,
                           const CsvOptions& options);

/// The contents of the file at `path`; throws TableError when it cannot be read.
std::string read_table_file(const std::string& path);

/// Parses `text`; `path` is used in messages only.
CsvTable parse_csv_table(std::string_view text, const std::string& path, const CsvOptions& options);

/// Reads and parses the file at `path` (relative to the current directory).
CsvTable read_csv_table(const std::string& path, const CsvOptions& options);

}  // namespace nj::rt
