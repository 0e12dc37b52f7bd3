// Tests for generating synthetic connectomes (synthetic_connectome.h): exact node columns,
// connection densities and synapse means within sampling error, determinism by seed.
#include "runtime/inputs/synthetic_connectome.h"

#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <set>
#include <string>

using nj::rt::ConnectomeDescription;
using nj::rt::SyntheticConnectome;

namespace {

ConnectomeDescription description(const std::string& text) {
    return nj::rt::parse_connectome_description(text, "test.json");
}

/// Two populations of 200 and 150 nodes, sides alternating, and three pathways.
const char* const two_blocks = R"({
  "populations": [
    {"name": "E", "population": "Exc", "count": 200, "side": {"cycle": ["L", "R"]},
     "cell_type": {"runs": [["big", 50], ["small", 150]]},
     "name_pattern": "{name}-{cell_type}-{index}"},
    {"name": "I", "count": 150, "side": "L", "receptor": {"values": ["r1", "r2", "r3"], "each": 50},
     "pair_id": {"group": 2}}],
  "pathways": [
    {"pre": "E", "post": "E", "probability": 0.1, "no_autapses": true,
     "synapses": {"distribution": "geometric", "mean": 5}},
    {"pre": "E", "post": "I", "mean_in_degree": 40,
     "synapses": {"distribution": "shifted_poisson", "mean": 2.5}},
    {"pre": "I", "post": "E", "probability": 0.3, "probability_other_side": 0.05,
     "synapses": {"distribution": "histogram", "counts": {"1": 1, "4": 1}}}]})";

/// Edge count and synapse total of one pathway, split by whether the ends' sides differ.
struct PathwayTally {
    double edges = 0, synapses = 0, other_side_edges = 0;
    std::set<std::pair<std::uint64_t, std::uint64_t>> pairs;
    bool autapse = false;
};

PathwayTally tally(const SyntheticConnectome& c, size_t pathway) {
    PathwayTally t;
    std::map<std::uint64_t, std::string> side;
    for (const auto& n : c.nodes) side[n.id] = n.side;
    for (const auto& e : c.edges) {
        if (e.pathway != pathway) continue;
        t.edges += 1;
        t.synapses += double(e.synapse_count);
        t.other_side_edges += side[e.pre_id] != side[e.post_id];
        t.pairs.insert({e.pre_id, e.post_id});
        t.autapse = t.autapse || e.pre_id == e.post_id;
    }
    return t;
}

/// |observed - expected| within 5 binomial standard errors sqrt(n p (1 - p)) of a count.
void check_binomial(double observed, double pairs, double p) {
    CHECK(std::abs(observed - pairs * p) < 5 * std::sqrt(pairs * p * (1 - p)));
}

}  // namespace

TEST_CASE("generate_connectome: node counts and columns are exactly as described") {
    SyntheticConnectome c = nj::rt::generate_connectome(description(two_blocks), 1);
    REQUIRE(c.nodes.size() == 350);
    CHECK(c.nodes[0].id == 1);
    CHECK(c.nodes[349].id == 350);
    CHECK(c.nodes[0].population == "Exc");
    CHECK(c.nodes[0].side == "L");
    CHECK(c.nodes[1].side == "R");
    CHECK(c.nodes[49].cell_type == "big");
    CHECK(c.nodes[50].cell_type == "small");
    CHECK(c.nodes[49].name == "E-big-50");
    CHECK(c.nodes[0].pair_id.empty());
    const auto& i0 = c.nodes[200];
    CHECK(i0.population == "I");
    CHECK(i0.side == "L");
    CHECK(i0.cell_type.empty());
    CHECK(i0.receptor == "r1");
    CHECK(c.nodes[250].receptor == "r2");
    CHECK(c.nodes[349].receptor == "r3");
    CHECK(i0.name == "I 1");
    CHECK(c.nodes[200].pair_id == c.nodes[201].pair_id);
    CHECK(c.nodes[202].pair_id != c.nodes[201].pair_id);
}

TEST_CASE("generate_connectome: densities and synapse means match within sampling error") {
    // Each pair connects independently, so an edge count is Binomial(pairs, p): 5 standard
    // errors sqrt(pairs p (1 - p)) make a false failure a ~1e-6 event. The mean synapse count
    // of m edges has standard error sd / sqrt(m), with sd from the distribution (geometric
    // mean 5: sd sqrt(20); 1 + Poisson(1.5): sd sqrt(1.5); {1, 4} equally: sd 1.5).
    SyntheticConnectome c = nj::rt::generate_connectome(description(two_blocks), 7);
    PathwayTally ee = tally(c, 0);
    check_binomial(ee.edges, 200.0 * 199.0, 0.1);
    CHECK_FALSE(ee.autapse);
    CHECK(std::abs(ee.synapses / ee.edges - 5.0) < 5 * std::sqrt(20.0 / ee.edges));
    CHECK(ee.pairs.size() == size_t(ee.edges));  // pairs are unique

    PathwayTally ei = tally(c, 1);  // mean in-degree 40 of 200: p = 0.2
    check_binomial(ei.edges, 200.0 * 150.0, 0.2);
    CHECK(std::abs(ei.synapses / ei.edges - 2.5) < 5 * std::sqrt(1.5 / ei.edges));

    PathwayTally ie =
        tally(c, 2);  // I is all L; E alternates, so 100 E nodes are on the other side
    check_binomial(ie.edges - ie.other_side_edges, 150.0 * 100.0, 0.3);
    check_binomial(ie.other_side_edges, 150.0 * 100.0, 0.05);
    CHECK(std::abs(ie.synapses / ie.edges - 2.5) < 5 * 1.5 / std::sqrt(ie.edges));
}

TEST_CASE("generate_connectome: the same seed gives the same connectome, another seed another") {
    ConnectomeDescription d = description(two_blocks);
    SyntheticConnectome a = nj::rt::generate_connectome(d, 11);
    SyntheticConnectome b = nj::rt::generate_connectome(d, 11);
    SyntheticConnectome other = nj::rt::generate_connectome(d, 12);
    auto same = [](const SyntheticConnectome& x, const SyntheticConnectome& y) {
        if (x.edges.size() != y.edges.size()) return false;
        for (size_t k = 0; k < x.edges.size(); ++k) {
            const auto &e = x.edges[k], &f = y.edges[k];
            if (e.pre_id != f.pre_id || e.post_id != f.post_id ||
                e.synapse_count != f.synapse_count) {
                return false;
            }
        }
        return true;
    };
    CHECK(same(a, b));
    CHECK_FALSE(same(a, other));
}

TEST_CASE("generate_connectome: probabilities 0 and 1 connect no pair and every pair") {
    SyntheticConnectome c = nj::rt::generate_connectome(description(R"({
        "populations": [{"name": "A", "count": 3}, {"name": "B", "count": 2}],
        "pathways": [{"pre": "A", "post": "A", "probability": 1, "no_autapses": true,
                      "synapses": {"distribution": "constant", "value": 2}},
                     {"pre": "A", "post": "B", "probability": 0,
                      "synapses": {"distribution": "constant", "value": 1}}]})"),
                                                        3);
    REQUIRE(c.edges.size() == 6);
    CHECK(c.edges[0].pre_id == 1);
    CHECK(c.edges[0].post_id == 2);
    CHECK(c.edges[0].synapse_count == 2);
}

TEST_CASE("generate_connectome: the olfactory description gives the nodes the model selects") {
    // models/olfactory_connectome.nj orders ORNs by `orn_receptors` then side, and masks LNs
    // by `al_ln_types`: every receptor must name one L and one R ORN, and there are 26 AL LNs.
    ConnectomeDescription d = nj::rt::read_connectome_description(
        std::string(NJ_SOURCE_DIR) + "/models/data/olfactory_synthetic_connectome.json");
    SyntheticConnectome c = nj::rt::generate_connectome(d, 1);
    std::map<std::string, int> per_population;
    std::map<std::string, std::set<std::string>> orn_sides;
    int al_lns = 0;
    const std::set<std::string> al_types = {"pLN", "bLN-Trio", "bLN-Duet", "cLN", "keystone"};
    for (const auto& n : c.nodes) {
        ++per_population[n.population];
        if (n.population == "ORN") orn_sides[n.receptor].insert(n.side);
        if (n.population == "LN" && al_types.count(n.cell_type)) ++al_lns;
    }
    CHECK(per_population == std::map<std::string, int>{
                                {"APL", 2}, {"KC", 144}, {"LN", 108}, {"ORN", 42}, {"PN", 70}});
    CHECK(al_lns == 26);
    for (const char* receptor : {"Or1a", "Or33a", "Or63a", "Or94a+Or94b", "Or47a+Or33b", "Or85c"}) {
        CHECK(orn_sides[receptor] == std::set<std::string>{"L", "R"});
    }
    CHECK(orn_sides.size() == 21);
}
