// The description a synthetic connectome is generated from: populations of nodes with their column
// values, and pathways between populations with a connection probability and a synapse-count
// distribution. Read from JSON (docs/synthetic_connectome.md has the format).
//
// Requires: a JSON object {"populations": [...], "pathways": [...]} and optionally "source",
//           "description", "first_id"; keys starting with "_" are comments and are ignored.
// Ensures:  every population has a unique name and count >= 1, and each column rule gives exactly
//           `count` values; every pathway names two known populations, at most one pathway per
//           (pre, post) pair, probabilities lie in [0, 1] (a mean in-degree is converted to one),
//           synapse means are >= 1. Any violation throws ConnectomeDescriptionError whose message
//           names the file, the population or pathway, and the problem.
// Example:  {"populations": [{"name": "A", "count": 4}],
//            "pathways": [{"pre": "A", "post": "A", "probability": 0.5, "no_autapses": true,
//                          "synapses": {"distribution": "geometric", "mean": 3}}]}
#pragma once

#include "runtime/inputs/synapse_count_distribution.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace nj::rt {

/// A malformed or unreadable description; the message is complete ("path: what is wrong").
class ConnectomeDescriptionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// How one text column of a population's nodes is filled, node by node in file order.
struct ColumnRule {
    enum class Kind { Fixed, Cycle, Runs };
    Kind kind = Kind::Fixed;
    std::vector<std::string> values;  ///< Fixed: one value; Cycle: the cycle; Runs: one a run
    std::vector<std::uint64_t> run_lengths;  ///< Runs: nodes per value (they sum to the count)

    /// The value of node `k` (0-based within its population).
    const std::string& value_of(std::uint64_t k) const;
};

/// One population (a block of consecutive nodes in nodes.csv).
struct PopulationSpec {
    std::string name;        ///< the name pathways use; unique in the description
    std::string population;  ///< the `population` column (defaults to `name`)
    std::uint64_t count = 0;
    ColumnRule side, cell_type, receptor;
    std::string name_pattern;  ///< with {name} {population} {index} {side} {cell_type} {receptor}
    std::uint64_t pair_group =
        0;  ///< consecutive groups of this many nodes share a pair_id; 0: none
};

/// Connections from every node of `pre` to every node of `post`, each pair independently.
struct PathwaySpec {
    std::string pre, post;
    std::size_t pre_index = 0, post_index = 0;  ///< positions in `populations`
    double probability = 0.0;
    std::optional<double> probability_other_side;  ///< for pairs whose `side` values differ
    bool no_autapses = false;                      ///< no node connects to itself
    SynapseCountSpec synapses;
};

/// Everything the generator needs.
struct ConnectomeDescription {
    std::string path;
    std::string source;          ///< where the statistics come from (free text)
    std::uint64_t first_id = 1;  ///< node ids are first_id, first_id + 1, ... in file order
    std::vector<PopulationSpec> populations;
    std::vector<PathwaySpec> pathways;
};

/// Parses the JSON `text` of the description file `path` (used in messages only).
ConnectomeDescription parse_connectome_description(std::string_view text, const std::string& path);

/// Reads and parses the description file at `path`.
ConnectomeDescription read_connectome_description(const std::filesystem::path& path);

}  // namespace nj::rt
