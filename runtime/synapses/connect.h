// Makes the (pre, post) pairs of a connect rule, deterministically for a seed.
//
// Requires: for Pairs and the degree rules, a `row` callback that fills the rule's values for one
//           line (Pairs: the probability of each post neuron for pre neuron `line`; degrees: the
//           degree of every neuron, line unused) and returns them.
// Ensures:  pairs sorted by pre neuron, then post, for Pairs, the degree rules and OneToOne (an
//           InDegree rule draws per post neuron and then orders its pairs by pre, so that a
//           spike's synapses are contiguous); each line drawn from random numbers keyed by
//           (seed, stream, line, position), so the result does not depend on threads or on
//           other synapses objects.
// Example:  Pairs, uniform p = 0.02, 4000 × 4000 → about 320 000 pairs, by geometric skips.
#pragma once

#include "runtime/abi.h"

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace nj::rt {

/// A connect rule that cannot be carried out (an index outside its group, too few candidates).
struct ConnectError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// The chosen pairs, as element indices relative to the pre and post groups.
struct Connections {
    std::vector<uint32_t> pre;
    std::vector<uint32_t> post;
    std::vector<double> values;  ///< files with a weight: one value per synapse
};

/// The random numbers of one synapses object's connect rule.
struct ConnectSeed {
    uint64_t seed = 0;
    uint32_t stream = 0;
};

/// Sizes of the two groups and whether they are the same elements (for autapses).
struct ConnectShape {
    size_t n_pre = 0;
    size_t n_post = 0;
    bool same_group = false;
};

/// Fills `line` (a pre index for Pairs, ignored for degrees) and returns the row's values:
/// n_post probabilities (Pairs) or one degree per neuron (degrees). `counts`, for Pairs with
/// multapses, gets the number of synapses per chosen pair (null when the rule has no `n`).
using RowFunction = std::function<const double*(size_t line, const double** counts)>;

/// Generator rules: the partners generated for one line (NaN: left out) and the sample size
/// (< 0: keep every partner).
struct GeneratedLine {
    const double* partners = nullptr;
    size_t count = 0;
    double sample_size = -1;
};
using GenerateFunction = std::function<GeneratedLine(size_t line)>;

/// Degrees with blocks: the label of every partner-side neuron (plan.block_array's values).
using BlockFunction = std::function<const double*()>;

/// The pairs of `plan` for groups of `shape`. Throws ConnectError. Fixed-degree rules draw their
/// lines on up to `threads` threads; the pairs and their order do not depend on it.
Connections make_connections(const ConnectPlan& plan, const ConnectShape& shape, const ConnectSeed& seed,
                             const RowFunction& row, const GenerateFunction& generate = {},
                             const BlockFunction& blocks = {}, int threads = 1);

}  // namespace nj::rt
