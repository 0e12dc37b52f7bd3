// Lowers tables: `table T = csv(path, ...)` and `table T = timed(values = [...], dt = ...)`.
//
// Requires: the model checked without errors; parameters lowered (lower_params).
// Ensures:  each csv or timed table is a plan array of its values in row-major order. A timed
//           array's values are in the plan now; a csv table is a rt::TablePlan the driver loads
//           before building the network (rt::load_tables), its shape in two parameters, so the
//           compiler never reads data files. Reads become loads with index arithmetic:
//           - timed T(t): values[k], k = int((t / eps + 0.5) / K) clipped to [0, n - 1], with
//             K = max(2^ceil(log2(8 * T.dt / dt)), 1) and eps = T.dt / K, as Brian2's
//             TimedArray: the value of step k on [k*dt, (k+1)*dt), the first value before 0 and
//             the last one after the end (Brian2's documented behaviour).
//             A list of lists is a 2-D timed array read as T(t, i) (column i, clamped).
//           - csv T[r, c] and T(r, c): element (r, c); T(k): element k of a one-row or
//             one-column table. Indices are truncated and clamped to the table, never NaN; a
//             constant index outside the table is an error when the table is loaded. A csv
//             table whose path is "" is empty (0 x 0): every read of it gives NaN.
//           `rows_of(T)` and `cols_of(T)` read the shape. Other table kinds, and table reads in
//           `init:` statements (tables are filled after init kernels run), are reported as
//           run.unsupported.
// Example:  `I_ext = stim(t)`, values [0, 1, 0], dt = 100 ms → a load of table:stim at clip(k, 0, 2).
#pragma once

#include "compiler/lower/lower_context.h"

namespace nj::lower {

/// Registers every table of the model (before groups are lowered).
void lower_tables(LowerContext& context);

/// True when `expr` is a call or index this file lowers: `T(...)`, `T[...]` for a lowered
/// table T, or `rows_of(T)` / `cols_of(T)`.
bool is_table_read(const ast::Expr& expr, const LowerContext& context);

/// Lowers a read for which is_table_read holds; null after a reported problem.
ir::ExprRef lower_table_read(const ast::Expr& expr, KernelBuilder& builder, const ElementScope& scope,
                             const Bindings& bindings, LowerContext& context);

}  // namespace nj::lower
