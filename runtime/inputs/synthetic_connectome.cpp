// Synthetic connectomes: nodes from population rules, edges drawn pathway by pathway.
#include "runtime/inputs/synthetic_connectome.h"

#include "runtime/rng/counter_rng.h"

namespace nj::rt {

namespace {

/// The pattern with each {placeholder} replaced by the node's value.
std::string node_name(const std::string& pattern, const PopulationSpec& population,
                      const SyntheticNode& node, std::uint64_t index) {
    std::string out;
    for (size_t k = 0; k < pattern.size(); ++k) {
        size_t close = pattern[k] == '{' ? pattern.find('}', k) : std::string::npos;
        if (close == std::string::npos) {
            out += pattern[k];
            continue;
        }
        std::string field = pattern.substr(k + 1, close - k - 1);
        if (field == "name") out += population.name;
        if (field == "population") out += node.population;
        if (field == "index") out += std::to_string(index + 1);
        if (field == "side") out += node.side;
        if (field == "cell_type") out += node.cell_type;
        if (field == "receptor") out += node.receptor;
        k = close;
    }
    return out;
}

void add_nodes(const ConnectomeDescription& d, SyntheticConnectome& out) {
    std::uint64_t id = d.first_id;
    std::uint64_t pair_counter = 0;  // pair ids are unique across populations
    for (size_t b = 0; b < d.populations.size(); ++b) {
        const PopulationSpec& p = d.populations[b];
        for (std::uint64_t k = 0; k < p.count; ++k) {
            SyntheticNode node;
            node.id = id++;
            node.side = p.side.value_of(k);
            node.cell_type = p.cell_type.value_of(k);
            node.population = p.population;
            node.receptor = p.receptor.value_of(k);
            node.block = b;
            if (p.pair_group > 0) {
                if (k % p.pair_group == 0) ++pair_counter;
                node.pair_id = std::to_string(pair_counter);
            }
            node.name = node_name(p.name_pattern, p, node, k);
            out.nodes.push_back(std::move(node));
        }
    }
}

/// Position of each population's first node in the node list.
std::vector<size_t> first_nodes(const ConnectomeDescription& d) {
    std::vector<size_t> first;
    size_t at = 0;
    for (const auto& p : d.populations) {
        first.push_back(at);
        at += p.count;
    }
    return first;
}

/// The connection probability of one pair: sides count only when both nodes have one.
double pair_probability(const PathwaySpec& w, const SyntheticNode& pre, const SyntheticNode& post) {
    bool other_side = !pre.side.empty() && !post.side.empty() && pre.side != post.side;
    return other_side && w.probability_other_side ? *w.probability_other_side : w.probability;
}

void add_pathway_edges(const ConnectomeDescription& d, size_t w, const std::vector<size_t>& first,
                       std::uint64_t seed, SyntheticConnectome& out) {
    const PathwaySpec& pathway = d.pathways[w];
    const RngKey key{seed, static_cast<std::uint32_t>(w)};
    const std::uint64_t n_pre = d.populations[pathway.pre_index].count;
    const std::uint64_t n_post = d.populations[pathway.post_index].count;
    const bool same = pathway.pre_index == pathway.post_index;
    for (std::uint64_t i = 0; i < n_pre; ++i) {
        const SyntheticNode& pre = out.nodes[first[pathway.pre_index] + i];
        for (std::uint64_t j = 0; j < n_post; ++j) {
            if (same && i == j && pathway.no_autapses) continue;
            const SyntheticNode& post = out.nodes[first[pathway.post_index] + j];
            const auto post_position = static_cast<std::uint32_t>(j);
            // Draw 0 decides the connection; sample_synapse_count uses draw 1 of the same pair.
            const double p = pair_probability(pathway, pre, post);
            if (uniform01(key, i, post_position, 0) >= p) continue;
            const std::uint64_t synapses =
                sample_synapse_count(pathway.synapses, key, i, post_position);
            out.edges.push_back({pre.id, post.id, synapses, w});
        }
    }
}

}  // namespace

SyntheticConnectome generate_connectome(const ConnectomeDescription& description,
                                        std::uint64_t seed) {
    SyntheticConnectome out;
    add_nodes(description, out);
    const std::vector<size_t> first = first_nodes(description);
    for (size_t w = 0; w < description.pathways.size(); ++w) {
        add_pathway_edges(description, w, first, seed, out);
    }
    return out;
}

}  // namespace nj::rt
