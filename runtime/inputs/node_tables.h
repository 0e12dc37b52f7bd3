// Tables from graph files, read when the network is built: node_list (rows of a node CSV),
// count_matrix (edge counts between two node lists) and column_mask (a 0/1 column of a node
// list's text).
//
// Requires: header rows in the node and edge CSVs; node ids unique within a node file.
// Ensures:  a node list keeps its file's text (for masks and ids) and its numbers (a cell that
//           is not a number reads as NaN). Ids compare as text, except that numbers compare by
//           value ("7" and "7.0" are one id). Problems (a missing column, a duplicate id, an edge
//           naming a node that is not in the node file, a weight that is not a number) throw
//           TableError "path:line: what is wrong" ("path: ..." when no line applies).
// Example:  nodes "id,pop\n1,A\n2,B\n3,A\n" filtered pop in [A] → rows for ids 1, 3; edges
//           "pre_id,post_id,synapse_count\n1,3,2\n1,3,1\n" → N[0, 1] = 3 from that list to itself.
#pragma once

#include "runtime/inputs/csv_table.h"
#include "runtime/inputs/derived_tables.h"

#include <set>
#include <string>
#include <vector>

namespace nj::rt {

/// What node_list keeps of a node file.
struct NodeListOptions {
    std::string filter_column;  ///< "" keeps every row
    std::vector<std::string> filter_values;
    std::string order_column;  ///< "" keeps the file order
    std::vector<std::string> order_values;
    std::string then_by;  ///< a second sort key (after order_column), or ""
    std::string id_column = "id";
    bool id_column_given = false;  ///< an explicit id_column must exist
};

/// Rows of a node file: the kept rows' text and their numbers.
struct NodeList {
    std::string path;
    TextTable file;            ///< every row of the file
    std::vector<size_t> kept;  ///< rows of `file` in the list, in list order
    std::string id_column;
    Matrix numbers;  ///< kept rows x every column; NaN where a cell is not a number
};

/// The rows of `file` (read from `path`) that `options` keep, in their order.
NodeList select_nodes(TextTable file, const std::string& path, const NodeListOptions& options);

/// The text an id compares by: a whole number in any notation is its decimal digits.
std::string canonical_id(const std::string& cell);

/// Column names of a count_matrix's edge file.
struct EdgeColumns {
    std::string pre = "pre_id";
    std::string post = "post_id";
    std::string weight = "synapse_count";
};

/// N[a, b] = summed weight of the edges from node a of `pre` to node b of `post` (ids in
/// `id_column`, or each list's own when empty). Edges between nodes outside the two lists are
/// skipped; an edge end that is not a node of the list's file at all is an error.
Matrix count_matrix(const TextTable& edges, const std::string& path, const NodeList& pre,
                    const NodeList& post, const EdgeColumns& columns, const std::string& id_column);

/// A rows x 1 matrix: 1 where the node's `column` is one of `values` (compared as ids are), else 0.
Matrix column_mask(const NodeList& nodes, const std::string& column,
                   const std::vector<std::string>& values);

}  // namespace nj::rt
