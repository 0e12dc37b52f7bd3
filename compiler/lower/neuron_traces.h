// Event-driven synapse traces kept once per neuron instead of once per synapse.
//
// In pair-based STDP the trace a presynaptic spike increments (`apre += A`) has the same value
// in every synapse of that neuron: each starts at 0, decays by the same equation and is
// incremented by the same spikes. Kept per synapse, every event advances it from the synapse's
// last update (an exp per synapse and trace). Kept per neuron, it decays once per step for all
// (one product per neuron) and is incremented once per spike; synapse code reads it through
// the pre (or post) index, exactly as it reads `v_pre`. Same values up to rounding.
//
// A trace qualifies when all of these hold (anything else stays per synapse, as before):
// - it is `(event-driven)` and its equation reads only itself, parameters, constants and pure
//   math functions, and no other equation of the synapses reads it;
// - it is written only by top-level statements of on_pre clauses (a pre trace) or only of
//   on_post clauses (a post trace), whose values read only the same things, and no statement of
//   such a clause reads it after the clause wrote it;
// - no default or `init:` sets it (it starts at 0), and nothing outside the synapses declaration
//   names it (monitors, protocol statements, analyses);
// - a pre trace's synapses have no `delay:`, and the synapses no `order: next_step` (every synapse
//   of a spike then runs in the spike's step), and the model trains nothing.
//
// Requires: the model checked without errors.
// Example:  dapre/dt = -apre/taupre (event-driven); on_pre: apre += A; w += apost
//           → `S.apre` is an array over the pre group, decayed by exp(-dt/taupre) each step and
//           incremented by A on each pre spike; on_post reads it as apre[pre[s]].
#pragma once

#include "compiler/lower/lower_equations.h"

#include <string>
#include <vector>

namespace nj::lower {

/// One event-driven synapse variable kept per neuron.
struct NeuronTrace {
    std::string name;
    bool pre = true;  ///< written by on_pre (one value per pre neuron), else by on_post (per post neuron)
    int array = -1;   ///< global array over the root group of its side, set when the arrays are made
};

/// The event-driven variables of `synapses` that qualify (see above).
std::vector<NeuronTrace> find_neuron_traces(const sema::SynapsesInfo& synapses, const Bodies& bodies,
                                            const LowerContext& context);

/// The trace among `traces` that `statement` (of a clause) assigns, or null.
const NeuronTrace* assigned_trace(const ast::Item& statement, const std::vector<NeuronTrace>& traces);

/// The kernel run on each spiking neuron of the clause's side after its synapses: the clause's
/// writes to the traces of that side. Invalid when it writes none.
rt::KernelCall build_trace_writes(const ast::Item& clause, bool from_pre, const std::vector<NeuronTrace>& traces,
                                  const std::string& owner, size_t root_size, LowerContext& context);

/// The exact decay over one step of the traces of one side, over the elements of its root group.
/// Invalid when that side has none; nullopt after an equation that has no exact solution (reported).
std::optional<rt::KernelCall> build_trace_step(const sema::SynapsesInfo& synapses, bool pre,
                                               const std::vector<NeuronTrace>& traces, size_t root_size,
                                               LowerContext& context);

}  // namespace nj::lower
