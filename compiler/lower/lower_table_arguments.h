// The arguments of tables loaded or computed when the network is built (json, node_list,
// count_matrix, column_mask, quantile_split, matrix_product, transform, combinations), checked
// and written into their rt::TablePlan (lower_tables.h registers the tables first).
//
// Requires: every table of the model registered in context.tables (its plan entry made), so a
//           table argument may name a table declared later.
// Ensures:  strings and lists of strings as text, table arguments as plan indices of tables of
//           the right kind, numbers as constants or, where they read table shapes (rows_of(T)),
//           as programs the loader evaluates once those tables are loaded; a missing required
//           argument, a wrong kind of table or a bad value is reported at the argument.
// Example:  `count_matrix(edges_file, pre = ln_nodes, post = pn_nodes, permute_seed = -1)`
//           → path "...", inputs {pre: 3, post: 4}, numbers {permute_seed: [c -1]}.
#pragma once

#include "compiler/lower/instance_call.h"
#include "compiler/lower/lower_context.h"

namespace nj::lower {

/// True for the table constructors lower_table_arguments handles.
bool is_loaded_table_kind(const std::string& constructor);

/// Fills the plan entry of table `decl` (a call of constructor `call.name`) from its arguments.
void lower_table_arguments(const ast::InstanceDecl& decl, const InstanceCall& call,
                           LowerContext& context);

}  // namespace nj::lower
