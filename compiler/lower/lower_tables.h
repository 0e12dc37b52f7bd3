// Lowers tables: `table T = csv(path, ...)`, `timed(values = [...], dt = ...)`, and the tables
// loaded or computed when the network is built (json, node_list, count_matrix, column_mask,
// quantile_split, matrix_product, transform, combinations; arguments in lower_table_arguments.h).
//
// Requires: the model checked without errors; parameters lowered (lower_params).
// Ensures:  each table is a plan array of its values in row-major order. A timed array's values
//           are in the plan now; every other table is a rt::TablePlan the driver loads before
//           building the network (rt::load_tables, in dependency order), its shape and largest
//           entry in three parameters, so the compiler never reads data files. Reads become
//           loads with index arithmetic:
//           - timed T(t): values[k], k = int((t / eps + 0.5) / K) clipped to [0, n - 1], with
//             K = max(2^ceil(log2(8 * T.dt / dt)), 1) and eps = T.dt / K, as Brian2's
//             TimedArray: the value of step k on [k*dt, (k+1)*dt), the first value before 0 and
//             the last one after the end (Brian2's documented behaviour).
//             A list of lists is a 2-D timed array read as T(t, i) (column i, clamped).
//           - loaded T[r, c] and T(r, c): element (r, c); T(k): element k of a one-row or
//             one-column table. Indices are truncated and clamped to the table, never NaN; a
//             constant index outside the table is an error when the table is loaded. A csv
//             table whose path is "" is empty (0 x 0): every read of it gives NaN.
//           - json T: only learned(default, T, "name"[, k]): a single number is the value
//             (for every k); element k of a list, default when k is outside it; default when T
//             has no entry "name" (or no file). Each entry read gets its own array.
//           `rows_of(T)`, `cols_of(T)` and `max_of(T)` read the shape and the largest entry.
//           Other table kinds are reported as run.unsupported.
// Example:  `I_ext = stim(t)`, values [0, 1, 0], dt = 100 ms → a load of table:stim at clip(k, 0, 2).
#pragma once

#include "compiler/lower/lower_context.h"

namespace nj::lower {

/// Registers every table of the model (before groups are lowered).
void lower_tables(LowerContext& context);

/// True when `expr` is a call or index this file lowers: `T(...)`, `T[...]` for a lowered
/// table T, `rows_of(T)` / `cols_of(T)` / `max_of(T)`, or `learned(default, T, ...)`.
bool is_table_read(const ast::Expr& expr, const LowerContext& context);

/// Lowers a read for which is_table_read holds; null after a reported problem.
ir::ExprRef lower_table_read(const ast::Expr& expr, KernelBuilder& builder, const ElementScope& scope,
                             const Bindings& bindings, LowerContext& context);

}  // namespace nj::lower
