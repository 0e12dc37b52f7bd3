// Generates a synthetic connectome (nodes and synapse-count edges) from a description: a
// stochastic block model whose blocks are the description's populations.
//
// Requires: a description that parse_connectome_description accepted.
// Ensures:  nodes in description order, ids first_id, first_id + 1, ...; each pathway connects
//           each (pre, post) pair independently with its probability (probability_other_side
//           when both have a side and the sides differ), skipping self-pairs with no_autapses,
//           and gives each connected pair a synapse count >= 1 from its distribution. Edges are
//           ordered by pathway, then pre node, then post node, and (pre, post) pairs are unique.
//           Every random number is a Philox draw keyed by (seed, pathway number, pre position,
//           post position), so the same seed gives the same connectome on any machine, and a
//           pathway's edges do not depend on the other pathways.
// Example:  populations A (2 nodes), pathway A -> A with probability 1 and no_autapses →
//           edges (1, 2) and (2, 1).
#pragma once

#include "runtime/inputs/connectome_description.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nj::rt {

/// One row of nodes.csv.
struct SyntheticNode {
    std::uint64_t id = 0;
    std::string side, cell_type, population, name, pair_id, receptor;
    std::size_t block = 0;  ///< index of its population in the description
};

/// One row of edges.csv.
struct SyntheticEdge {
    std::uint64_t pre_id = 0, post_id = 0, synapse_count = 0;
    std::size_t pathway = 0;  ///< index of the pathway in the description that made it
};

/// A generated connectome.
struct SyntheticConnectome {
    std::vector<SyntheticNode> nodes;
    std::vector<SyntheticEdge> edges;
};

/// The nodes and edges of `description` for `seed`.
SyntheticConnectome generate_connectome(const ConnectomeDescription& description,
                                        std::uint64_t seed);

}  // namespace nj::rt
