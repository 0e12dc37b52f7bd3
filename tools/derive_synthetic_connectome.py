#!/usr/bin/python3
"""Derives a synthetic-connectome description (for `neurojit synth-connectome`) from a real
connectome in the nodes.csv/edges.csv format, so its statistics are reproducible.

Blocks: each population of nodes.csv, split further by cell type where the olfactory model or the
wiring depends on it (AL LNs vs other LNs, uPNs vs mPNs, KCs by claw number). For every ordered
pair of blocks with at least one edge it measures the connection density between and within
sides, and the distribution of synapses per connected pair (written as an exact histogram, or
with --counts geometric as a geometric law with the measured mean). Self-pairs are left out of the
densities of a block onto itself and the pathway gets "no_autapses" (the autapse count is kept in
"_measured").

Usage: tools/derive_synthetic_connectome.py [--data DIR] [--counts histogram|geometric] > OUT.json
(default DIR: ../shared/data/winding2023 relative to the repository root).
"""
import argparse
import collections
import csv
import json
import os
import sys

# The antennal-lobe LN types of the olfactory model (`al_ln_types`, spec §14.3).
AL_LN_TYPES = ["pLN", "bLN-Trio", "bLN-Duet", "cLN", "keystone"]


def block_of(node):
    """The block (synthetic population) a node of the real connectome belongs to."""
    population, cell_type = node["population"], node["cell_type"]
    if population == "LN":
        return "LN_AL" if cell_type in AL_LN_TYPES else "LN_other"
    if population == "PN":
        return "PN_uni" if cell_type == "uPN" else "PN_multi"
    if population == "KC":
        return cell_type.replace("-", "_")  # KC_1claw ... KC_6claw
    return population


def runs(values):
    """[[value, count], ...] of consecutive equal values."""
    out = []
    for v in values:
        if out and out[-1][0] == v:
            out[-1][1] += 1
        else:
            out.append([v, 1])
    return out


def column(values):
    """The shortest rule giving `values` in order: one value, or runs."""
    if len(set(values)) == 1:
        return values[0]
    return {"runs": runs(values)}


def paired_block(name, members):
    """Rule for a block whose nodes come in L/R pairs of one receptor (ORNs, uPNs)."""
    by_receptor = collections.OrderedDict()
    for n in sorted(members, key=lambda n: n["receptor"]):
        by_receptor.setdefault(n["receptor"], []).append(n)
    if not all(sorted(m["side"] for m in ms) == ["L", "R"] for ms in by_receptor.values()):
        return None
    return {
        "side": {"cycle": ["L", "R"]},
        "cell_type": column([n["cell_type"] for n in members]),
        "receptor": {"values": list(by_receptor), "each": 2},
        "name_pattern": "{receptor} " + members[0]["population"] + " {side}",
        "pair_id": {"group": 2},
    }


def population_entry(name, members):
    entry = {"name": name, "population": members[0]["population"], "count": len(members)}
    paired = paired_block(name, members) if any(n["receptor"] for n in members) else None
    if paired:
        entry.update(paired)
        return entry
    # Sides first, then cell types within each side, as the real file is sorted.
    members = sorted(members, key=lambda n: (n["side"], n["cell_type"]))
    entry["side"] = column([n["side"] for n in members])
    entry["cell_type"] = column([n["cell_type"] for n in members])
    return entry


def pathway_entry(pre, post, blocks, edges, counts_form):
    """The pathway pre -> post measured from `edges` ({(pre_id, post_id): synapses})."""
    same = pre == post
    pairs = {"same": 0, "other": 0}
    hits = {"same": 0, "other": 0}
    histogram = collections.Counter()
    autapses = 0
    for a in blocks[pre]:
        for b in blocks[post]:
            if same and a["id"] == b["id"]:
                autapses += (a["id"], b["id"]) in edges
                continue
            side = "same" if a["side"] == b["side"] else "other"
            pairs[side] += 1
            n = edges.get((a["id"], b["id"]))
            if n:
                hits[side] += 1
                histogram[n] += 1
    n_edges = hits["same"] + hits["other"]
    if n_edges == 0:
        return None
    synapses = sum(k * c for k, c in histogram.items())
    mean = synapses / n_edges
    density = lambda s: hits[s] / pairs[s] if pairs[s] else 0.0
    entry = {"pre": pre, "post": post, "probability": round(density("same"), 6)}
    if pairs["other"]:
        entry["probability_other_side"] = round(density("other"), 6)
    if same:
        entry["no_autapses"] = True
    if counts_form == "geometric":
        entry["synapses"] = {"distribution": "geometric", "mean": round(mean, 4)}
    else:
        entry["synapses"] = {"distribution": "histogram",
                             "counts": {str(k): histogram[k] for k in sorted(histogram)}}
    entry["_measured"] = {"edges": n_edges, "synapses": synapses,
                          "density": round(n_edges / (pairs["same"] + pairs["other"]), 6),
                          "mean_synapses_per_edge": round(mean, 4), "autapses": autapses}
    return entry


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.path.join(root, "..", "shared", "data", "winding2023"))
    parser.add_argument("--counts", choices=["histogram", "geometric"], default="histogram")
    args = parser.parse_args()
    with open(os.path.join(args.data, "nodes.csv"), newline="") as f:
        nodes = list(csv.DictReader(f))
    with open(os.path.join(args.data, "edges.csv"), newline="") as f:
        edges = {(r["pre_id"], r["post_id"]): int(r["synapse_count"]) for r in csv.DictReader(f)}
    blocks = collections.OrderedDict()
    for n in nodes:  # file order: populations in the order the file lists them
        blocks.setdefault(block_of(n), []).append(n)
    description = {
        "source": "measured from shared/data/winding2023/{nodes,edges}.csv (Winding et al. 2023 "
                  "larval connectome, olfactory subgraph) by tools/derive_synthetic_connectome.py "
                  "--counts " + args.counts,
        "description": "stochastic block model of the larval olfactory pathway: one block per "
                       "population and cell-type group; per block pair the same-side and "
                       "other-side connection densities and the synapses per connected pair",
        "populations": [population_entry(name, members) for name, members in blocks.items()],
        "pathways": [],
    }
    for pre in blocks:
        for post in blocks:
            entry = pathway_entry(pre, post, blocks, edges, args.counts)
            if entry:
                description["pathways"].append(entry)
    write(description, sys.stdout)


def write(description, out):
    """JSON with one line per population and pathway, so diffs stay readable."""
    out.write("{\n")
    for key in ("source", "description"):
        out.write('  "%s": %s,\n' % (key, json.dumps(description[key])))
    for key in ("populations", "pathways"):
        items = ",\n    ".join(json.dumps(item) for item in description[key])
        out.write('  "%s": [\n    %s\n  ]%s\n' % (key, items, "," if key == "populations" else ""))
    out.write("}\n")


if __name__ == "__main__":
    main()
