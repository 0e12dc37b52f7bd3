#!/usr/bin/python3
"""Compares structure of connectomes in the nodes.csv/edges.csv format that a block model of
densities does not fit by construction: receptor-matched ORN -> uPN wiring (glomeruli), PN
"sister" pairs, reciprocity, autapses and the LN fan-out split the olfactory model uses.

Usage: tools/compare_connectome_structure.py DIR [DIR ...]   (each DIR holds nodes.csv, edges.csv)
Prints one column per DIR.
"""
import csv
import os
import sys

import numpy as np

AL_LN_TYPES = {"pLN", "bLN-Trio", "bLN-Duet", "cLN", "keystone"}


def load(folder):
    with open(os.path.join(folder, "nodes.csv"), newline="") as f:
        nodes = list(csv.DictReader(f))
    index = {n["id"]: k for k, n in enumerate(nodes)}
    counts = np.zeros((len(nodes), len(nodes)))
    with open(os.path.join(folder, "edges.csv"), newline="") as f:
        for r in csv.DictReader(f):
            counts[index[r["pre_id"]], index[r["post_id"]]] += int(r["synapse_count"])
    return nodes, counts


def rows(nodes, test):
    return np.array([k for k, n in enumerate(nodes) if test(n)])


def statistics(folder):
    nodes, n = load(folder)
    orn = rows(nodes, lambda x: x["population"] == "ORN")
    upn = rows(nodes, lambda x: x["cell_type"] == "uPN")
    pn = rows(nodes, lambda x: x["population"] == "PN")
    kc = rows(nodes, lambda x: x["population"] == "KC")
    al_ln = rows(nodes, lambda x: x["population"] == "LN" and x["cell_type"] in AL_LN_TYPES)
    orn_upn = n[np.ix_(orn, upn)]
    matched = np.array([[nodes[a]["receptor"] == nodes[b]["receptor"] for b in upn] for a in orn])
    shared = (n[np.ix_(orn, pn)] > 0).astype(int)
    sisters = (shared.T @ shared) > 0
    kk = n[np.ix_(kc, kc)] > 0
    np.fill_diagonal(kk, False)
    fan_out = (n[np.ix_(al_ln, pn)] > 0).sum(axis=1)
    fan_out = fan_out[fan_out > 0]
    q = np.quantile(fan_out, 0.33) if len(fan_out) else float("nan")
    pn_kc_in = (n[np.ix_(pn, kc)] > 0).sum(axis=0)
    return {
        "ORN->uPN synapses onto the uPN of the same receptor (%)":
            100 * orn_upn[matched].sum() / max(orn_upn.sum(), 1),
        "uPNs whose strongest ORN input has their receptor":
            sum(nodes[orn[np.argmax(orn_upn[:, j])]]["receptor"] == nodes[upn[j]]["receptor"]
                for j in range(len(upn)) if orn_upn[:, j].any()),
        "PN sister pairs (shared ORN input)": int(np.triu(sisters, 1).sum()),
        "KC->KC edges with a reverse edge (%)": 100 * (kk & kk.T).sum() / max(kk.sum(), 1),
        "autapses": int(np.trace(n > 0)),
        "AL LNs excitatory at the 0.33 fan-out quantile": int((fan_out <= q).sum()),
        "PN->KC in-degree per KC: mean": pn_kc_in.mean(),
        "PN->KC in-degree per KC: sd": pn_kc_in.std(),
    }


def main():
    folders = sys.argv[1:]
    if not folders:
        sys.exit(__doc__)
    table = [statistics(f) for f in folders]
    print("statistic".ljust(58) + "".join(os.path.basename(os.path.normpath(f))[:14].rjust(15)
                                          for f in folders))
    for key in table[0]:
        print(key.ljust(58) + "".join(("%.4g" % t[key]).rjust(15) for t in table))


if __name__ == "__main__":
    main()
