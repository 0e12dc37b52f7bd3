// Reads and computes a plan's tables in dependency order (load_tables.h).
#include "runtime/inputs/load_tables.h"

#include "runtime/inputs/csv_table.h"
#include "runtime/inputs/derived_tables.h"
#include "runtime/inputs/json_table.h"
#include "runtime/inputs/node_tables.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

namespace nj::rt {

namespace {

/// A table as loaded: its numbers, and a node list's text when it is one.
struct Loaded {
    Matrix m;
    std::optional<NodeList> nodes;
    bool has_file = true;  ///< false: an empty path (no index checks)
};

class Loader {
public:
    explicit Loader(NetworkPlan& plan)
        : plan_(plan), loaded_(plan.tables.size()), state_(plan.tables.size(), 0) {
        for (size_t k = 0; k < plan.tables.size(); ++k) {
            for (int p :
                 {plan.tables[k].rows_param, plan.tables[k].cols_param, plan.tables[k].max_param}) {
                if (p >= 0) owner_[p] = k;
            }
        }
    }

    void load_all() {
        for (size_t k = 0; k < plan_.tables.size(); ++k) load(k);
    }

private:
    NetworkPlan& plan_;
    std::vector<Loaded> loaded_;
    std::vector<int> state_;       ///< 0 not yet, 1 loading (a cycle when met again), 2 done
    std::map<int, size_t> owner_;  ///< shape parameter → its table
    std::map<std::string, TextTable> files_;  ///< text files by path, read once

    [[noreturn]] void fail(size_t k, const std::string& cause) const {
        const TablePlan& t = plan_.tables[k];
        throw TableError((t.where.empty() ? std::string() : t.where + ": ") + "table '" + t.name +
                         "': " + cause);
    }

    std::vector<size_t> dependencies(size_t k) const {
        std::vector<size_t> deps;
        for (const auto& [name, index] : plan_.tables[k].inputs)
            deps.push_back(static_cast<size_t>(index));
        for (const auto& [name, number] : plan_.tables[k].numbers) {
            for (const auto& op : number.ops) {
                if (auto it = owner_.find(op.param); op.code == 'p' && it != owner_.end())
                    deps.push_back(it->second);
            }
        }
        return deps;
    }

    void load(size_t k) {
        if (state_[k] == 2) return;
        if (state_[k] == 1) fail(k, "it is computed from itself (through the tables it reads)");
        state_[k] = 1;
        for (size_t d : dependencies(k)) load(d);
        const TablePlan& t = plan_.tables[k];
        if (t.kind == "csv") {
            loaded_[k] = load_csv(t);
        } else if (t.kind == "json") {
            load_json(k);
        } else {
            try {
                loaded_[k] = compute(k);
            } catch (const TableError& e) {
                fail(k, e.what());
            }
        }
        store(k);
        state_[k] = 2;
    }

    Loaded load_csv(const TablePlan& t) {
        Loaded l;
        l.has_file = !t.path.empty();
        if (!l.has_file) return l;
        CsvTable c = read_csv_table(t.path, CsvOptions{t.header, t.skip_rows, t.delimiter,
                                                       t.index_column, t.missing_as_nan});
        l.m = Matrix{c.rows, c.cols, std::move(c.values)};
        return l;
    }

    void load_json(size_t k) {
        TablePlan& t = plan_.tables[k];
        JsonTable json;
        if (!t.path.empty()) {
            try {
                json = read_json_table(t.path);
            } catch (const TableError& e) {
                fail(k, e.what());
            }
        }
        for (const TableKey& key : t.keys) {
            ArrayPlan& a = plan_.arrays.at(static_cast<size_t>(key.array));
            double& size = plan_.params.at(static_cast<size_t>(key.size_param));
            auto it = json.find(key.key);
            a.values.assign(1, std::nan(""));
            size = 0;
            if (it != json.end()) {
                const JsonEntry& e = it->second;
                std::string entry =
                    key.where + ": '" + key.key + "' of table '" + t.name + "' (" + t.path + ") ";
                if (!e.problem.empty()) throw TableError(entry + e.problem);
                if (!e.scalar && key.scalar_read) {
                    throw TableError(entry + "is a list of " + std::to_string(e.values.size()) +
                                     " numbers, read here as one number; give an element index: "
                                     "learned(default, " +
                                     t.name + ", \"" + key.key + "\", k)");
                }
                if (!e.values.empty()) a.values = e.values;
                size = e.scalar ? -1.0 : static_cast<double>(e.values.size());
            }
            a.size = a.values.size();
        }
    }

    std::optional<double> number(const TablePlan& t, const std::string& name) const {
        auto it = t.numbers.find(name);
        if (it == t.numbers.end()) return std::nullopt;
        return evaluate_table_number(it->second, plan_.params);
    }

    std::string text(const TablePlan& t, const std::string& name,
                     const std::string& fallback = "") const {
        auto it = t.texts.find(name);
        return it == t.texts.end() ? fallback : it->second;
    }

    std::vector<std::string> texts(const TablePlan& t, const std::string& name) const {
        auto it = t.text_lists.find(name);
        return it == t.text_lists.end() ? std::vector<std::string>{} : it->second;
    }

    const Loaded* input(const TablePlan& t, const std::string& name) const {
        auto it = t.inputs.find(name);
        return it == t.inputs.end() ? nullptr : &loaded_[static_cast<size_t>(it->second)];
    }

    /// The node list given as argument `name`.
    const NodeList& nodes(const TablePlan& t, const std::string& name) const {
        const Loaded* l = input(t, name);
        if (!l || !l->nodes) throw TableError(name + " must be a node_list table");
        return *l->nodes;
    }

    const TextTable& text_file(const std::string& path) {
        auto it = files_.find(path);
        if (it == files_.end())
            it = files_.emplace(path, parse_text_table(read_table_file(path), path, {})).first;
        return it->second;
    }

    /// A one-row or one-column table as a list of values, one per row of a `rows`-row matrix.
    std::vector<double> marks(const TablePlan& t, const std::string& name, size_t rows) const {
        const Loaded* l = input(t, name);
        const std::string& from = plan_.tables[static_cast<size_t>(t.inputs.at(name))].name;
        if ((l->m.rows != 1 && l->m.cols != 1) || l->m.values.size() != rows) {
            throw TableError(name + " = " + from + " must be one value per row (" +
                             std::to_string(rows) + "), but it is " + std::to_string(l->m.rows) +
                             " x " + std::to_string(l->m.cols));
        }
        return l->m.values;
    }

    Loaded compute(size_t k);
    Loaded node_list(const TablePlan& t);
    Loaded count(const TablePlan& t);
    Matrix relabelled(const TablePlan& t, Matrix m) const;
    void store(size_t k);
};

Loaded Loader::node_list(const TablePlan& t) {
    Loaded l;
    NodeListOptions o;
    o.filter_column = text(t, "filter_column");
    o.filter_values = texts(t, "filter_values");
    o.order_column = text(t, "order_column");
    o.order_values = texts(t, "order_values");
    o.then_by = text(t, "then_by");
    o.id_column_given = t.texts.count("id_column") > 0;
    o.id_column = text(t, "id_column", "id");
    if (t.path.empty()) {
        l.has_file = false;
        l.nodes = NodeList{};
        l.nodes->id_column = o.id_column;
        return l;
    }
    l.nodes = select_nodes(text_file(t.path), t.path, o);
    l.m = l.nodes->numbers;
    return l;
}

/// `m` with its rows and columns permuted by the table's permute_seed (none below 0): the same
/// relabelling for every table of that seed and those sizes.
Matrix Loader::relabelled(const TablePlan& t, Matrix m) const {
    double seed = number(t, "permute_seed").value_or(-1.0);
    if (seed < 0) return m;
    if (seed != std::floor(seed))
        throw TableError("permute_seed must be a whole number, but it is " + std::to_string(seed));
    return permute_matrix(m, static_cast<uint64_t>(seed));
}

Loaded Loader::count(const TablePlan& t) {
    const NodeList& pre = nodes(t, "pre");
    const NodeList& post = nodes(t, "post");
    Loaded l;
    if (t.path.empty()) {
        l.m = Matrix{pre.kept.size(), post.kept.size(),
                     std::vector<double>(pre.kept.size() * post.kept.size(), 0.0)};
    } else {
        EdgeColumns columns{text(t, "pre_column", "pre_id"), text(t, "post_column", "post_id"),
                            text(t, "weight_column", "synapse_count")};
        l.m = count_matrix(text_file(t.path), t.path, pre, post, columns, text(t, "id_column"));
    }
    // relabel first: a row split's marks come from tables of the relabelled matrices
    l.m = relabelled(t, std::move(l.m));
    if (t.inputs.count("rows")) {
        std::vector<double> keep = marks(t, "rows", l.m.rows);
        double value = number(t, "row_value").value_or(1.0);
        for (size_t r = 0; r < l.m.rows; ++r) {
            if (keep[r] == value) continue;
            std::fill_n(l.m.values.begin() + static_cast<std::ptrdiff_t>(r * l.m.cols), l.m.cols,
                        0.0);
        }
    }
    return l;
}

Loaded Loader::compute(size_t k) {
    const TablePlan& t = plan_.tables[k];
    Loaded l;
    if (t.kind == "node_list") return node_list(t);
    if (t.kind == "count_matrix") return count(t);
    if (t.kind == "column_mask") {
        l.m = relabelled(t, column_mask(nodes(t, "source"), text(t, "column"), texts(t, "values")));
    } else if (t.kind == "quantile_split") {
        const Matrix& m = input(t, "matrix")->m;
        std::optional<std::vector<double>> rows;
        if (t.inputs.count("rows")) rows = marks(t, "rows", m.rows);
        l.m = quantile_split(m, number(t, "q").value_or(0.5), rows ? &*rows : nullptr,
                             text(t, "statistic", "nonzero"));
    } else if (t.kind == "matrix_product") {
        l.m = matrix_product(input(t, "a")->m, input(t, "b")->m,
                             number(t, "transpose_a").value_or(0) != 0,
                             number(t, "transpose_b").value_or(0) != 0);
    } else if (t.kind == "transform") {
        TransformOptions o{number(t, "rows_start"),   number(t, "rows_stop"),
                           number(t, "na"),           number(t, "baseline_row"),
                           number(t, "add_baseline"), number(t, "na_baseline"),
                           number(t, "clip_low"),     number(t, "clip_high"),
                           text(t, "normalise")};
        l.m = transform_table(input(t, "source")->m, o);
    } else if (t.kind == "combinations") {
        double seed = number(t, "seed").value_or(0);
        if (!(seed >= 0) || seed != std::floor(seed))
            throw TableError("seed must be a whole number >= 0, but it is " + std::to_string(seed));
        l.m = combinations(number(t, "n").value_or(0), number(t, "k").value_or(0),
                           number(t, "sample"), static_cast<uint64_t>(seed));
    } else {
        throw TableError("a '" + t.kind + "' table cannot be loaded");
    }
    return l;
}

void Loader::store(size_t k) {
    const TablePlan& t = plan_.tables[k];
    if (t.array < 0) return;
    const Matrix& m = loaded_[k].m;
    std::string shape = std::to_string(m.rows) + " x " + std::to_string(m.cols);
    std::string where = t.kind == "csv" ? t.path : t.where;
    if (loaded_[k].has_file) {
        if (t.one_index && m.rows != 1 && m.cols != 1) {
            throw TableError(where + ": table '" + t.name + "' is read with one index, " + t.name +
                             "(k), which needs one row or one column, but it is " + shape +
                             "; write " + t.name + "[row, col]");
        }
        for (const auto& c : t.constant_indices) {
            bool ok = c.col < 0 ? c.row >= 0 && c.row < static_cast<double>(m.values.size())
                                : c.row >= 0 && c.row < static_cast<double>(m.rows) && c.col >= 0 &&
                                      c.col < static_cast<double>(m.cols);
            if (!ok) {
                throw TableError(c.where + ": index outside table '" + t.name + "' (" + shape +
                                 ", rows and columns count from 0)" +
                                 (t.kind == "csv" ? " read from " + t.path : ""));
            }
        }
    }
    ArrayPlan& a = plan_.arrays.at(static_cast<size_t>(t.array));
    a.values = m.values.empty() ? std::vector<double>{std::nan("")} : m.values;
    a.size = a.values.size();
    plan_.params.at(static_cast<size_t>(t.rows_param)) = static_cast<double>(m.rows);
    plan_.params.at(static_cast<size_t>(t.cols_param)) = static_cast<double>(m.cols);
    if (t.max_param >= 0) plan_.params.at(static_cast<size_t>(t.max_param)) = max_entry(m.values);
}

}  // namespace

double evaluate_table_number(const TableNumber& number, const std::vector<double>& params) {
    std::vector<double> stack;
    for (const auto& op : number.ops) {
        if (op.code == 'c' || op.code == 'p') {
            stack.push_back(op.code == 'c' ? op.value : params.at(static_cast<size_t>(op.param)));
            continue;
        }
        if (op.code == 'n') {
            stack.back() = -stack.back();
            continue;
        }
        double b = stack.back();
        stack.pop_back();
        double& a = stack.back();
        switch (op.code) {
            case '+':
                a += b;
                break;
            case '-':
                a -= b;
                break;
            case '*':
                a *= b;
                break;
            case '/':
                a /= b;
                break;
            case '<':
                a = std::min(a, b);
                break;
            case '>':
                a = std::max(a, b);
                break;
            default:
                break;
        }
    }
    return stack.empty() ? 0.0 : stack.back();
}

void load_tables(NetworkPlan& plan) {
    Loader(plan).load_all();
}

std::vector<std::string> table_warnings(const NetworkPlan& plan) {
    std::vector<std::string> out;
    for (const auto& t : plan.tables) {
        if (!t.path.empty()) continue;
        std::string head = "table '" + t.name + "' has no file (its path is empty); ";
        if (t.kind == "csv") out.push_back(head + "reads of it give NaN");
        if (t.kind == "node_list") out.push_back(head + "it has no rows");
        if (t.kind == "json") out.push_back(head + "learned() gives every default");
    }
    return out;
}

}  // namespace nj::rt
