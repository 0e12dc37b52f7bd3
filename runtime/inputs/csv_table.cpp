// CSV parsing with line numbers in every message, and loading a plan's tables.
#include "runtime/inputs/csv_table.h"

#include "runtime/network/network.h"

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
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
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

double parse_number(const std::string& cell, const std::string& path, size_t line_no, size_t column) {
    std::string where = " in column " + std::to_string(column + 1);
    if (trim(cell).empty()) fail(path, line_no, "empty cell" + where);
    std::string text(trim(cell));
    errno = 0;
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size()) {
        fail(path, line_no, "'" + text + "'" + where + " is not a number");
    }
    if (!std::isfinite(v)) fail(path, line_no, "'" + text + "'" + where + " is not a finite number");
    return v;
}

/// A table without a file: 0 x 0, its array one NaN, which every (clamped) read then gives.
void load_empty(const TablePlan& t, NetworkPlan& plan) {
    ArrayPlan& a = plan.arrays.at(static_cast<size_t>(t.array));
    a.values.assign(1, std::nan(""));
    a.size = 1;
    plan.params.at(static_cast<size_t>(t.rows_param)) = 0.0;
    plan.params.at(static_cast<size_t>(t.cols_param)) = 0.0;
}

}  // namespace

CsvTable parse_csv_table(std::string_view text, const std::string& path, const CsvOptions& options) {
    CsvTable table;
    size_t line_no = 0, width_line = 0;
    bool header_pending = options.header;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t eol = text.find('\n', pos);
        std::string_view line = text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
        pos = eol == std::string_view::npos ? text.size() : eol + 1;
        ++line_no;
        if (line_no <= options.skip_rows || trim(line).empty()) continue;
        std::vector<std::string> cells = split_cells(line, options.delimiter, path, line_no);
        if (header_pending) {
            header_pending = false;
            table.column_names = cells;
            table.cols = cells.size();
            width_line = line_no;
            continue;
        }
        if (width_line == 0) {
            table.cols = cells.size();
            width_line = line_no;
        } else if (cells.size() != table.cols) {
            fail(path, line_no, "this row has " + std::to_string(cells.size()) + " cells, but line " +
                                    std::to_string(width_line) + " has " + std::to_string(table.cols));
        }
        for (size_t c = 0; c < cells.size(); ++c) {
            table.values.push_back(parse_number(cells[c], path, line_no, c));
        }
        ++table.rows;
    }
    if (table.rows == 0) {
        throw TableError(path + ": no data rows" +
                         (options.header ? std::string(" after the header") : std::string()) +
                         (line_no == 0 ? " (the file is empty)" : ""));
    }
    return table;
}

CsvTable read_csv_table(const std::string& path, const CsvOptions& options) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw TableError(path + ": cannot open the table file: " + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw TableError(path + ": cannot read the table file");
    return parse_csv_table(text.str(), path, options);
}

std::vector<std::string> table_warnings(const NetworkPlan& plan) {
    std::vector<std::string> out;
    for (const auto& t : plan.tables) {
        if (t.path.empty()) out.push_back("table '" + t.name + "' has no file (its path is empty); reads of it give NaN");
    }
    return out;
}

void load_tables(NetworkPlan& plan) {
    for (const auto& t : plan.tables) {
        if (t.path.empty()) {
            load_empty(t, plan);
            continue;
        }
        CsvTable table = read_csv_table(t.path, CsvOptions{t.header, t.skip_rows, t.delimiter});
        std::string shape = std::to_string(table.rows) + " x " + std::to_string(table.cols);
        if (t.one_index && table.rows != 1 && table.cols != 1) {
            throw TableError(t.path + ": table '" + t.name + "' is read with one index, " + t.name +
                             "(k), which needs one row or one column, but it is " + shape +
                             "; write " + t.name + "[row, col]");
        }
        for (const auto& c : t.constant_indices) {
            bool ok = c.col < 0 ? c.row >= 0 && c.row < static_cast<double>(table.values.size())
                                : c.row >= 0 && c.row < static_cast<double>(table.rows) && c.col >= 0 &&
                                      c.col < static_cast<double>(table.cols);
            if (!ok) {
                throw TableError(c.where + ": index outside table '" + t.name + "' (" + shape +
                                 ", rows and columns count from 0) read from " + t.path);
            }
        }
        ArrayPlan& a = plan.arrays.at(static_cast<size_t>(t.array));
        a.size = table.values.size();
        a.values = std::move(table.values);
        plan.params.at(static_cast<size_t>(t.rows_param)) = static_cast<double>(table.rows);
        plan.params.at(static_cast<size_t>(t.cols_param)) = static_cast<double>(table.cols);
    }
}

}  // namespace nj::rt
