#!/usr/bin/env bash
# Gradient training speed, the `train` statements only (forward passes with their trajectory
# stored, backward passes), as medians of REPEATS runs:
# - examples/train_spiking_classifier.nj (20 -> 30 -> 2 spiking neurons, 660 trainable weights,
#   50 time steps per trial; an epoch is one Adam step over a mini-batch of two trials): time per
#   trial, forward and backward time and their ratio (issue 11's target: backward <= 3x forward),
#   the stored trajectory's bytes;
# and, when ../shared/data is there:
# - models/olfactory_teacher.nj (the olfactory model's rate teacher: 366 units, 4 steps per
#   sample, 4 101 trainable values; an epoch is 18 Adam steps over mini-batches of 16): time per
#   epoch;
# - models/olfactory_student.nj (the spiking student: 368 cells with soft spikes, 18k synapses,
#   30 steps per trial; an epoch is 18 Adam steps over mini-batches of 16): time per epoch and
#   backward/forward;
# - one forward and backward pass of models/olfactory_connectome.nj (fast mode: 28 trials of 368
#   neurons, 30 steps, 401k synapses, hard spikes) with a stand-in loss, mean(KC.va).
# Usage: bench/training.sh [NEUROJIT] [REPEATS] [EPOCHS]. Writes bench/results/training.json.
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

# time_train NAME NEUROJIT_RUN_ARGS... → sets fwd, bwd and bfwd (median forward, backward and
# batch-term forward seconds of the loss L over $repeats runs) and bytes (the stored trajectory)
time_train() {
    local name=$1 r fws=() bws=() bfs=()
    shift
    for r in $(seq "$repeats"); do
        "$bin" run "$@" --quiet --out "$out/$name-$r" >/dev/null 2>&1
        fws+=("$(value "$out/$name-$r/summary.json" forward_s)")
        bws+=("$(value "$out/$name-$r/summary.json" backward_s)")
        bfs+=("$(value "$out/$name-$r/summary.json" batch_forward_s)")
        bytes=$(value "$out/$name-$r/summary.json" trajectory_bytes)
    done
    fwd=$(printf '%s\n' "${fws[@]}" | median)
    bwd=$(printf '%s\n' "${bws[@]}" | median)
    bfwd=$(printf '%s\n' "${bfs[@]}" | median)
}

echo "machine: $(nproc) cores, load average $(cut -d " " -f 1-3 /proc/loadavg) before the runs"
trials=$((2 * epochs))  # one mini-batch of two trials (one of each class) per epoch
time_train classifier examples/train_spiking_classifier.nj --set epochs="$epochs" --set n_test=0
f=$fwd b=$bwd cbytes=$bytes
awk -v f="$f" -v b="$b" -v n="$trials" -v m="$cbytes" -v r="$repeats" 'BEGIN {
    printf "train_spiking_classifier: %d trials (forward + backward), median of %d runs\n", n, r
    printf "  per trial %.1f us (forward %.1f us, backward %.1f us), backward/forward %.2f, trajectory %d bytes\n",
        (f + b) * 1e6 / n, f * 1e6 / n, b * 1e6 / n, b / f, m }'

teacher="null" student="null" olfactory="null"
if [ -d ../shared/data/winding2023 ] && [ -d ../shared/data/kreher2008 ]; then
    # epoch_report NAME EPOCHS WHAT: prints the epoch time of the last time_train (epochs of 288
    # trials) and sets `report` to its JSON
    epoch_report() {
        awk -v f="$fwd" -v b="$bwd" -v u="$bfwd" -v e="$2" -v n="$1" -v w="$3" 'BEGIN {
            printf "%s: %d epochs of 288 %s\n", n, e, w
            printf "  per epoch %.3f s (forward %.3f s, backward %.3f s, batch-term passes %.3f s), per trial %.0f us, backward/forward %.2f\n",
                (f + b + u) / e, f / e, b / e, u / e, (f + b + u) * 1e6 / (e * 288), b / f }'
        report=$(awk -v f="$fwd" -v b="$bwd" -v u="$bfwd" -v e="$2" 'BEGIN {
            printf "{\"epochs\": %d, \"s_per_epoch\": %g, \"backward_over_forward\": %g, \"batch_forward_s_per_epoch\": %g}", e, (f + b + u) / e, b / f, u / e }')
    }
    time_train teacher models/olfactory_teacher.nj --set epochs=20 --set n_test_reps=1
    epoch_report olfactory_teacher 20 "samples (4 steps)"
    teacher=$report
    time_train student models/olfactory_student.nj --set epochs=2 --set n_test_reps=1
    epoch_report olfactory_student 2 "trials (30 steps, soft spikes)"
    student=$report

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
    time_train olfactory "$out/olf_train.nj" --mode fast
    awk -v f="$fwd" -v b="$bwd" -v m="$bytes" 'BEGIN {
        printf "olfactory_connectome (fast, 28 trials at once): 5 passes\n"
        printf "  per pass forward %.3f s, backward %.3f s, backward/forward %.2f, trajectory %.0f MB\n",
            f / 5, b / 5, b / f, m / 1e6 }'
    olfactory=$(awk -v f="$fwd" -v b="$bwd" -v m="$bytes" 'BEGIN {
        printf "{\"forward_s_per_pass\": %g, \"backward_s_per_pass\": %g, \"backward_over_forward\": %g, \"trajectory_bytes\": %d}",
            f / 5, b / 5, b / f, m }')
else
    echo "olfactory_teacher, olfactory_student, olfactory_connectome: skipped, ../shared/data is missing"
fi
awk -v f="$f" -v b="$b" -v n="$trials" -v m="$cbytes" -v o="$olfactory" -v t="$teacher" -v st="$student" 'BEGIN {
    printf "{\"olfactory\": %s, \"olfactory_teacher\": %s, \"olfactory_student\": %s, \"trials\": %d, \"forward_s\": %g, \"backward_s\": %g, \"us_per_trial\": %g, \"backward_over_forward\": %g, \"trajectory_bytes\": %d}\n",
        o, t, st, n, f, b, (f + b) * 1e6 / n, b / f, m }' > bench/results/training.json
