// CSV parsing with line numbers in every message: text cells, and numeric tables built on them.
#include "runtime/inputs/csv_table.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace nj::rt {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

[[noreturn]] void fail(const std::string& path, size_t line, const std::string& what) {
    throw TableError(path + ":" + std::to_string(line) + ": " + what);
}

/// Splits one line into cells; a cell in double quotes may contain the delimiter ("" is a quote).
std::vector<std::string> split_cells(std::string_view line, char delimiter, const std::string& path,
                                     size_t line_no) {
    std::vector<std::string> cells;
    std::string cell;
    bool quoted = false, was_quoted = false;
    for (size_t k = 0; k < line.size(); ++k) {
        char c = line[k];
        if (quoted) {
            if (c == '"' && k + 1 < line.size() && line[k + 1] == '"') {
                cell += '"';
                ++k;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == '"' && trim(cell).empty()) {
            quoted = was_quoted = true;
            cell.clear();
        } else if (c == delimiter) {
            cells.push_back(was_quoted ? cell : std::string(trim(cell)));
            cell.clear();
            was_quoted = false;
        } else if (!(was_quoted && (c == ' ' || c == '\t' || c == '\r'))) {
            cell += c;
        }
    }
    if (quoted) fail(path, line_no, "a quoted cell is not closed");
    cells.push_back(was_quoted ? cell : std::string(trim(cell)));
    return cells;
}

double parse_number(const std::string& cell, const std::string& path, size_t line_no, size_t column,
                    bool missing_as_nan) {
    std::string where = " in column " + std::to_string(column + 1);
    if (trim(cell).empty()) {
        if (missing_as_nan) return std::nan("");
        fail(path, line_no, "empty cell" + where);
    }
    std::string text(trim(cell));
    errno = 0;
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size()) {
        fail(path, line_no, "'" + text + "'" + where + " is not a number");
    }
    if (!std::isfinite(v))
        fail(path, line_no, "'" + text + "'" + where + " is not a finite number");
    return v;
}

}  // namespace

size_t TextTable::column(const std::string& name, const std::string& path) const {
    for (size_t c = 0; c < column_names.size(); ++c) {
        if (column_names[c] == name) return c;
    }
    std::string names;
    for (const auto& n : column_names) names += (names.empty() ? "" : ", ") + n;
    throw TableError(path + ": no column '" + name + "' in the header (" +
                     (names.empty() ? std::string("it has none") : "columns: " + names) + ")");
}

TextTable parse_text_table(std::string_view text, const std::string& path,
                           const CsvOptions& options) {
    TextTable table;
    size_t line_no = 0, width_line = 0, width = 0;
    bool header_pending = options.header;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t eol = text.find('\n', pos);
        std::string_view line =
            text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
        pos = eol == std::string_view::npos ? text.size() : eol + 1;
        ++line_no;
        if (line_no <= options.skip_rows || trim(line).empty()) continue;
        std::vector<std::string> cells = split_cells(line, options.delimiter, path, line_no);
        if (width_line == 0) {
            width = cells.size();
            width_line = line_no;
        } else if (cells.size() != width) {
            fail(path, line_no,
                 "this row has " + std::to_string(cells.size()) + " cells, but line " +
                     std::to_string(width_line) + " has " + std::to_string(width));
        }
        if (header_pending) {
            header_pending = false;
            table.column_names = std::move(cells);
            continue;
        }
        table.rows.push_back(std::move(cells));
        table.lines.push_back(line_no);
    }
    if (table.rows.empty()) {
        throw TableError(path + ": no data rows" +
                         (options.header ? std::string(" after the header") : std::string()) +
                         (line_no == 0 ? " (the file is empty)" : ""));
    }
    return table;
}

std::string read_table_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw TableError(path + ": cannot open the table file: " + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw TableError(path + ": cannot read the table file");
    return text.str();
}

CsvTable parse_csv_table(std::string_view text, const std::string& path,
                         const CsvOptions& options) {
    TextTable cells = parse_text_table(text, path, options);
    CsvTable table;
    size_t label = cells.rows[0].size();  // no index column: past the last cell
    if (!options.index_column.empty()) {
        if (!options.header) {
            throw TableError(path + ": the index column '" + options.index_column +
                             "' is named in a header, but the table is read without one");
        }
        label = cells.column(options.index_column, path);
    }
    for (size_t c = 0; c < cells.column_names.size(); ++c) {
        if (c != label) table.column_names.push_back(cells.column_names[c]);
    }
    table.cols = cells.rows[0].size() - (label < cells.rows[0].size() ? 1 : 0);
    for (size_t r = 0; r < cells.rows.size(); ++r) {
        const auto& row = cells.rows[r];
        for (size_t c = 0; c < row.size(); ++c) {
            if (c == label) {
                table.row_labels.push_back(row[c]);
            } else {
                table.values.push_back(
                    parse_number(row[c], path, cells.lines[r], c, options.missing_as_nan));
            }
        }
        ++table.rows;
    }
    return table;
}

CsvTable read_csv_table(const std::string& path, const CsvOptions& options) {
    return parse_csv_table(read_table_file(path), path, options);
}

}  // namespace nj::rt
