#!/usr/bin/env python3
"""Cross-seed consistency of trained olfactory models (spec section 10.9), as JSON.

Usage: /usr/bin/python3 scripts/olfactory_seed_consistency.py RUN RUN [RUN ...]

Each RUN is a directory made by scripts/olfactory_train.sh: RUN/student/L_trained.json (the
learned values) and RUN/eval/centroid_accuracy_centroids.npy (the forward model's mean KC count
vector per odour over its centroid-accuracy trials, with hard spikes).

kc_pattern_cosine      per odour, the cosine between two seeds' mean KC vectors (an odour that
                       is silent in either seed counts 0), averaged over odours, then over pairs
parameter_correlation  Pearson correlation between two seeds' learned values, averaged over
                       pairs. Scalars are taken as trained: log of the `trainable: log` ones, the
                       logit of the `logit` ones, `linear` ones as they are, except the KC->APL
                       strength apl_lambda, exponentiated as the model uses it; thresholds in
                       volts, receptor gains (raw) and the decoder as stored.
Both come with their values for every pair of seeds.
"""
import itertools
import json
import math
import pathlib
import re
import sys

import numpy as np

LIB = pathlib.Path(__file__).resolve().parent.parent / "models" / "lib" / "olfactory_common.nj"
EXPONENTIATED = {"apl_lambda"}


def parametrisations():
    """Each learned scalar's parametrisation, from the lib's `trainable:` clauses."""
    found = {}
    for line in LIB.read_text().splitlines():
        m = re.match(r"\s*param\s+(\w+)\s*=.*\{\s*trainable:\s*(\w+)", line)
        if m:
            found[m.group(1)] = m.group(2)
    return found


def as_trained(name, value, transform):
    if name in EXPONENTIATED:
        return math.exp(value)
    if transform == "log":
        return math.log(value)
    if transform == "logit":
        return math.log(value / (1.0 - value))
    return value


def learned_vector(run, transforms):
    values = json.loads((run / "student" / "L_trained.json").read_text())
    out = []
    for name in sorted(values):
        v = values[name]
        if isinstance(v, list):
            out.extend(float(x) for x in v)
        elif name in transforms:
            out.append(as_trained(name, float(v), transforms[name]))
    return np.array(out)


def kc_cosine(a, b):
    """Mean over odours (rows) of the cosine of two seeds' mean KC vectors."""
    norms = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    dots = np.sum(a * b, axis=1)
    cos = np.where(norms > 0, dots / np.where(norms > 0, norms, 1.0), 0.0)
    return float(cos.mean())


def main(argv):
    runs = [pathlib.Path(a) for a in argv[1:]]
    if len(runs) < 2:
        sys.exit(__doc__)
    for run in runs:
        for f in ("student/L_trained.json", "eval/centroid_accuracy_centroids.npy"):
            if not (run / f).exists():
                sys.exit(f"olfactory_seed_consistency: {run / f} is missing (run scripts/olfactory_train.sh)")
    transforms = parametrisations()
    params = {run: learned_vector(run, transforms) for run in runs}
    patterns = {run: np.load(run / "eval" / "centroid_accuracy_centroids.npy") for run in runs}
    pairs = []
    for a, b in itertools.combinations(runs, 2):
        if params[a].shape != params[b].shape or patterns[a].shape != patterns[b].shape:
            sys.exit(f"olfactory_seed_consistency: {a} and {b} hold differently shaped results")
        pairs.append({
            "runs": [str(a), str(b)],
            "kc_pattern_cosine": kc_cosine(patterns[a], patterns[b]),
            "parameter_correlation": float(np.corrcoef(params[a], params[b])[0, 1]),
        })
    print(json.dumps({
        "kc_pattern_cosine": float(np.mean([p["kc_pattern_cosine"] for p in pairs])),
        "parameter_correlation": float(np.mean([p["parameter_correlation"] for p in pairs])),
        "learned_values": int(next(iter(params.values())).size),
        "odours": int(next(iter(patterns.values())).shape[0]),
        "pairs": pairs,
    }, indent=2))


if __name__ == "__main__":
    main(sys.argv)
