// Node lists, edge-count matrices and column masks from graph CSV files.
#include "runtime/inputs/node_tables.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <map>

namespace nj::rt {

namespace {

/// The cell as a finite number, or nothing.
std::optional<double> as_number(const std::string& cell) {
    if (cell.empty()) return std::nullopt;
    char* end = nullptr;
    double v = std::strtod(cell.c_str(), &end);
    if (end != cell.c_str() + cell.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

/// Sort-key comparison of two cells: by value when both are numbers, else as text.
bool cell_less(const std::string& a, const std::string& b) {
    auto x = as_number(a), y = as_number(b);
    if (x && y) return *x < *y;
    return a < b;
}

std::string quoted_list(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "\"" : ", \"") + v + "\"";
    return "[" + out + "]";
}

/// Position of each id of `nodes` (all rows of its file when `whole`, else the kept rows);
/// throws on a duplicate id.
std::map<std::string, size_t> id_positions(const NodeList& nodes, size_t column, bool whole) {
    std::map<std::string, size_t> at;
    size_t n = whole ? nodes.file.rows.size() : nodes.kept.size();
    for (size_t k = 0; k < n; ++k) {
        size_t row = whole ? k : nodes.kept[k];
        auto [it, fresh] = at.emplace(canonical_id(nodes.file.rows[row][column]), k);
        if (!fresh && whole) {
            throw TableError(nodes.path + ":" + std::to_string(nodes.file.lines[row]) +
                             ": the id '" + nodes.file.rows[row][column] +
                             "' is used again (node ids must be unique)");
        }
    }
    return at;
}

}  // namespace

std::string canonical_id(const std::string& cell) {
    auto v = as_number(cell);
    if (v && *v == std::floor(*v) && std::fabs(*v) < 9.0e15)
        return std::to_string(static_cast<long long>(*v));
    return cell;
}

NodeList select_nodes(TextTable file, const std::string& path, const NodeListOptions& o) {
    NodeList list;
    list.path = path;
    list.id_column = o.id_column;
    list.file = std::move(file);
    const TextTable& f = list.file;
    if (o.id_column_given) id_positions(list, f.column(o.id_column, path), true);
    std::optional<size_t> filter, order, then_by;
    if (!o.filter_column.empty()) filter = f.column(o.filter_column, path);
    if (!o.order_column.empty()) order = f.column(o.order_column, path);
    if (!o.then_by.empty()) then_by = f.column(o.then_by, path);
    std::vector<size_t> rank(f.rows.size(), 0);
    for (size_t r = 0; r < f.rows.size(); ++r) {
        const auto& row = f.rows[r];
        if (filter && std::find(o.filter_values.begin(), o.filter_values.end(), row[*filter]) ==
                          o.filter_values.end()) {
            continue;
        }
        if (order) {
            auto it = std::find(o.order_values.begin(), o.order_values.end(), row[*order]);
            if (it == o.order_values.end()) {
                throw TableError(path + ":" + std::to_string(f.lines[r]) + ": this node's " +
                                 o.order_column + " '" + row[*order] +
                                 "' is not one of the order_values " + quoted_list(o.order_values));
            }
            rank[r] = static_cast<size_t>(it - o.order_values.begin());
        }
        list.kept.push_back(r);
    }
    std::stable_sort(list.kept.begin(), list.kept.end(), [&](size_t a, size_t b) {
        if (rank[a] != rank[b]) return rank[a] < rank[b];
        return then_by && cell_less(f.rows[a][*then_by], f.rows[b][*then_by]);
    });
    size_t cols = f.rows.empty() ? f.column_names.size() : f.rows[0].size();
    list.numbers = Matrix{list.kept.size(), cols, {}};
    for (size_t r : list.kept) {
        for (const auto& cell : f.rows[r])
            list.numbers.values.push_back(as_number(cell).value_or(std::nan("")));
    }
    return list;
}

Matrix count_matrix(const TextTable& edges, const std::string& path, const NodeList& pre,
                    const NodeList& post, const EdgeColumns& columns,
                    const std::string& id_column) {
    size_t pre_col = edges.column(columns.pre, path), post_col = edges.column(columns.post, path);
    size_t weight_col = edges.column(columns.weight, path);
    const NodeList* lists[2] = {&pre, &post};
    std::map<std::string, size_t> in_list[2];
    std::map<std::string, size_t> in_file[2];
    for (int s = 0; s < 2; ++s) {
        const NodeList& nodes = *lists[s];
        if (nodes.path.empty()) continue;  // a list without a file has no nodes
        size_t id = nodes.file.column(id_column.empty() ? nodes.id_column : id_column, nodes.path);
        in_file[s] = id_positions(nodes, id, true);
        in_list[s] = id_positions(nodes, id, false);
    }
    Matrix n{pre.kept.size(), post.kept.size(),
             std::vector<double>(pre.kept.size() * post.kept.size(), 0.0)};
    for (size_t e = 0; e < edges.rows.size(); ++e) {
        const auto& row = edges.rows[e];
        std::string at = path + ":" + std::to_string(edges.lines[e]) + ": ";
        std::string ends[2] = {canonical_id(row[pre_col]), canonical_id(row[post_col])};
        for (int s = 0; s < 2; ++s) {
            if (!lists[s]->path.empty() && !in_file[s].count(ends[s])) {
                throw TableError(at + "the " + (s == 0 ? columns.pre : columns.post) + " '" +
                                 row[s == 0 ? pre_col : post_col] + "' is not a node of " +
                                 lists[s]->path + " (unknown node id)");
            }
        }
        auto w = as_number(row[weight_col]);
        if (!w)
            throw TableError(at + "the " + columns.weight + " '" + row[weight_col] +
                             "' is not a number");
        auto a = in_list[0].find(ends[0]), b = in_list[1].find(ends[1]);
        if (a == in_list[0].end() || b == in_list[1].end()) continue;
        n.values[a->second * n.cols + b->second] += *w;
    }
    return n;
}

Matrix column_mask(const NodeList& nodes, const std::string& column,
                   const std::vector<std::string>& values) {
    if (nodes.path.empty()) return Matrix{0, 1, {}};  // a list without a file has no nodes
    size_t c = nodes.file.column(column, nodes.path);
    std::vector<std::string> wanted;
    for (const auto& v : values) wanted.push_back(canonical_id(v));
    Matrix mask{nodes.kept.size(), 1, {}};
    for (size_t r : nodes.kept) {
        bool hit = std::find(wanted.begin(), wanted.end(), canonical_id(nodes.file.rows[r][c])) !=
                   wanted.end();
        mask.values.push_back(hit ? 1.0 : 0.0);
    }
    return mask;
}

}  // namespace nj::rt
