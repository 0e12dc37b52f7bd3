// Loading a plan's tables when the network is built: files are read and derived tables are
// computed in dependency order, filling each table's array and shape parameters.
//
// Requires: a plan whose TablePlans were filled by the compiler (lower_tables.h); parameters
//           that numeric table arguments read hold their final values.
// Ensures:  every table with an array has its values (row-major; one NaN when it has none, so
//           clamped reads stay inside it) and its rows, cols and max parameters; json entries
//           read with learned() have their values and size parameters. A table is computed after
//           every table it reads (inputs, and tables whose shape its numbers use). Any problem
//           throws TableError: csv problems as "path:line: what is wrong", other kinds as
//           "model.nj:LINE: table 'T': cause" naming the file and line of the cause.
// Example:  pn_nodes = node_list(...), N = count_matrix(edges, pre = pn_nodes, post = pn_nodes)
//           → pn_nodes is read first; N is rows_of(pn_nodes) x rows_of(pn_nodes).
#pragma once

#include "runtime/abi.h"

#include <string>
#include <vector>

namespace nj::rt {

/// Loads every table of `plan`: fills its array's values and size and its shape parameters,
/// and checks the constant indices the model uses. Throws TableError on the first problem.
/// A csv table whose path is empty has no file: it is 0 x 0 and its array holds one NaN, so
/// every (clamped) read of it gives NaN; its indices are not checked.
void load_tables(NetworkPlan& plan);

/// One warning per table of `plan` that has no file (an empty path), for the driver to print.
std::vector<std::string> table_warnings(const NetworkPlan& plan);

/// The value of `number` with the parameters `params`.
double evaluate_table_number(const TableNumber& number, const std::vector<double>& params);

}  // namespace nj::rt
