#!/usr/bin/env bash
# Gradient training speed: examples/train_spiking_classifier.nj (20 -> 30 -> 2 spiking neurons,
# 660 trainable weights, 50 time steps per trial), its `train` statement only.
# Usage: bench/training.sh [NEUROJIT] [REPEATS] [EPOCHS]. Prints, as medians of REPEATS runs: time
# per trial (one forward pass and one backward pass; an epoch is one Adam step over a mini-batch
# of two trials), forward and backward time and their ratio (issue 11's target: backward <= 3x
# forward), the stored trajectory's bytes. Then the same for one forward and backward pass of
# models/olfactory_connectome.nj (fast mode: 28 trials of 368 neurons, 30 steps, 401k synapses,
# hard spikes) with a stand-in loss, mean(KC.va), when ../shared/data is there.
# Writes bench/results/training.json.
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
olfactory="null"
if [ -d ../shared/data/winding2023 ] && [ -d ../shared/data/kreher2008 ]; then
    # the model up to its protocol, then a train statement over the first test chunk
    awk '/^store fresh/ { exit } { print }' models/olfactory_connectome.nj > "$out/olf_train.nj"
    cat >> "$out/olf_train.nj" <<'MODEL'
loss L = mean(KC.va)
set experiment = EXP_TEST, exp_trials = n_class(), exp_key = 0
train L(epochs = 5, lr = 1e-3) {
  set I_inj = 0 pA, a_inj = 0, trial0 = 0
  set OR.a = odour_a(trial0 + b), OR.b2 = odour_b(trial0 + b), OR.c3 = odour_c(trial0 + b), OR.conc = conc_of(trial0 + b), OR.noisy = noisy_of(trial0 + b), OR.z_stim = randn()
  run T_trial
}
MODEL
    ofw=(); obw=()
    for r in $(seq "$repeats"); do
        "$bin" run "$out/olf_train.nj" --mode fast --quiet --out "$out/olf-$r" >/dev/null 2>&1
        ofw+=("$(value "$out/olf-$r/summary.json" forward_s)")
        obw+=("$(value "$out/olf-$r/summary.json" backward_s)")
        obytes=$(value "$out/olf-$r/summary.json" trajectory_bytes)
    done
    of=$(printf '%s\n' "${ofw[@]}" | median)
    ob=$(printf '%s\n' "${obw[@]}" | median)
    awk -v f="$of" -v b="$ob" -v m="$obytes" 'BEGIN {
        printf "olfactory_connectome (fast, 28 trials at once): 5 passes\n"
        printf "  per pass forward %.3f s, backward %.3f s, backward/forward %.2f, trajectory %.0f MB\n",
            f / 5, b / 5, b / f, m / 1e6 }'
    olfactory=$(awk -v f="$of" -v b="$ob" -v m="$obytes" 'BEGIN {
        printf "{\"forward_s_per_pass\": %g, \"backward_s_per_pass\": %g, \"backward_over_forward\": %g, \"trajectory_bytes\": %d}",
            f / 5, b / 5, b / f, m }')
else
    echo "olfactory_connectome: skipped, ../shared/data is missing"
fi
awk -v f="$f" -v b="$b" -v n="$trials" -v m="$bytes" -v o="$olfactory" 'BEGIN {
    printf "{\"olfactory\": %s, \"trials\": %d, \"forward_s\": %g, \"backward_s\": %g, \"us_per_trial\": %g, \"backward_over_forward\": %g, \"trajectory_bytes\": %d}\n",
        o, n, f, b, (f + b) * 1e6 / n, b / f, m }' > bench/results/training.json
