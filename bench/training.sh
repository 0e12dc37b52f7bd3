#!/usr/bin/env bash
# Gradient training speed: examples/train_spiking_classifier.nj (20 -> 30 -> 2 spiking neurons,
# 660 trainable weights, 50 time steps per trial), its `train` statement only.
# Usage: bench/training.sh [NEUROJIT] [REPEATS] [EPOCHS]. Prints, as medians of REPEATS runs: time
# per trial (one forward pass and one backward pass; an epoch is one Adam step over a mini-batch
# of two trials), forward and backward time and their ratio (issue 11's target: backward <= 3x
# forward), the stored trajectory's bytes. Writes bench/results/training.json.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bin=$(realpath "${1:-build/neurojit}")
repeats=${2:-5}
epochs=${3:-200}
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p bench/results
trials=$((2 * epochs))  # one mini-batch of two trials (one of each class) per epoch
fw=(); bw=(); bytes=0
for r in $(seq "$repeats"); do
    "$bin" run examples/train_spiking_classifier.nj --quiet --set epochs="$epochs" --set n_test=0 \
        --out "$out/run-$r" >/dev/null
    fw+=("$(value "$out/run-$r/summary.json" forward_s)")
    bw+=("$(value "$out/run-$r/summary.json" backward_s)")
    bytes=$(value "$out/run-$r/summary.json" trajectory_bytes)
done
f=$(printf '%s\n' "${fw[@]}" | median)
b=$(printf '%s\n' "${bw[@]}" | median)
echo "machine: $(nproc) cores, load average $(cut -d " " -f 1-3 /proc/loadavg) before the runs"
awk -v f="$f" -v b="$b" -v n="$trials" -v m="$bytes" -v r="$repeats" 'BEGIN {
    printf "train_spiking_classifier: %d trials (forward + backward), median of %d runs\n", n, r
    printf "  per trial %.1f us (forward %.1f us, backward %.1f us), backward/forward %.2f, trajectory %d bytes\n",
        (f + b) * 1e6 / n, f * 1e6 / n, b * 1e6 / n, b / f, m }'
awk -v f="$f" -v b="$b" -v n="$trials" -v m="$bytes" 'BEGIN {
    printf "{\"trials\": %d, \"forward_s\": %g, \"backward_s\": %g, \"us_per_trial\": %g, \"backward_over_forward\": %g, \"trajectory_bytes\": %d}\n",
        n, f, b, (f + b) * 1e6 / n, b / f, m }' > bench/results/training.json
