// Lowers matrix reads of a synapses object's variable: `S.var[a, b]`, the value of `var` at the
// synapse of S from pre element a to post element b (Brian2's S.var[i, j]).
//
// Requires: the model checked without errors; the synapses objects registered in the plan
//           (lower_synapses), so neuron code, lowered before them, cannot read S this way.
// Ensures:  S gets a pair table (rt::SynapsesPlan::pair_index, one array of N_pre * N_post
//           values) that the runtime fills when it connects S: the index of the first synapse
//           made from a to b, -1 where there is none. A read becomes
//           select(inside and k >= 0, var[max(k, 0)], 0) with k = pair[a * N_post + b]: a and b
//           are rounded to whole numbers, and a pair outside S's groups (or a NaN index) reads 0
//           like an absent synapse; the table load is clamped, so it never leaves the table.
//           Reported (run.unsupported): a table of more than max_matrix_pairs pairs, reads of a
//           synaptic subexpression, reads from a connect rule, `init:` or `delay:` that run
//           before S is connected (the checker lets code name only objects declared before it,
//           and objects are connected in declaration order, so only S's own connect rule can),
//           and reads from neuron code (which the checker already refuses).
// Example:  `wt = W.w[j, i]` in B → select(... , W.w[max(W.pair[j * N_post + i], 0)], 0).
#pragma once

#include "compiler/lower/lower_context.h"

namespace nj::lower {

/// The most (pre, post) pairs a pair table may have (400 MB of doubles).
inline constexpr double max_matrix_pairs = 5e7;

/// True when `expr` is `S.var[a, b]` for a synapses object S of the model.
bool is_matrix_read(const ast::Expr& expr, const LowerContext& context);

/// Lowers a read for which is_matrix_read holds; null after a reported problem.
ir::ExprRef lower_matrix_read(const ast::Expr& expr, KernelBuilder& builder,
                              const ElementScope& scope, const Bindings& bindings,
                              LowerContext& context);

}  // namespace nj::lower
