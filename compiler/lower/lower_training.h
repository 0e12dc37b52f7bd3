// Lowers `train LOSS(settings) { body }` and the `loss` it names, and differentiates the kernels
// a forward pass can run.
//
// Requires: groups, synapses and the other statements lowered (their arrays exist).
// Ensures:  lower_train: a Train op whose TrainPlan holds
//           - one term per `sum(G.v)`, `mean(G.v)` or `cross_entropy(G.z, G.target[, G.trial])`
//             of the loss expression (variables of a group or subgroup, or of a synapses object
//             over all its synapses), each read through a fresh parameter slot, and a
//             one-element loss kernel over those slots;
//           - the trainable parameters (`param p = ... { trainable: log; bounds: a .. b; lr: r }`)
//             and the variables flagged `(trainable)`;
//           - a one-element kernel per setting (epochs, batches, batch, lr, clip_norm, beta1,
//             beta2, eps) and the parameter slots named by `epoch = p`, `batch_index = p`,
//             `sample = p`.
//           attach_adjoints: every Train op gets the adjoint (ir::adjoint_kernel) of every step
//           kernel with respect to the trainable parameters it reads, or the reason it has none;
//           the adjoint kernels join `kernels`. A loss term that is not a reduction of a
//           variable, or a setting the runtime does not know, is reported at its place.
// Example:  loss L = mean(Out.err) + 0.1 * sum(Hidden.s)
//           train L(epochs = 50, lr = 0.01) { run 20 ms }
#pragma once

#include "compiler/lower/lower_context.h"

#include <functional>

namespace nj::lower {

/// A one-element kernel computing `expr` into a scratch array (the protocol's scalar values).
using ScalarLowerer = std::function<rt::ProtocolOp(const ast::Expr& expr, const char* stem)>;

/// Lowers the train statement `item` into `op` (its body is lowered by the caller); false after
/// a reported problem.
bool lower_train(const ast::Item& item, LowerContext& context, const ScalarLowerer& scalar, rt::ProtocolOp& op);

/// Differentiates the step kernels for every Train op of the protocol (see the file comment).
void attach_adjoints(LowerContext& context);

}  // namespace nj::lower
