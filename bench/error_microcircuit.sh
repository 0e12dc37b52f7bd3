#!/usr/bin/env bash
# The error microcircuit (errormc student 4-2-1, layered, against an ANN teacher 4-2-1, step input,
# nudging and learning on) per time step: neurojit against a numpy peer written from the spec in
# the style of the original (bench/errormc_numpy.py; the original, kma-code/Error-Neuron-
# Microcircuits, is not run here). Issue target: neurojit >= 20x faster per step than numpy.
# Usage: bench/error_microcircuit.sh [NEUROJIT] [REPEATS]. Prints a table; writes
# bench/results/error_microcircuit.json. Needs numpy in /usr/bin/python3 (or $PYTHON); without
# it the comparison is skipped with the reason.
#
# Each repeat runs, in turn: the numpy peer (settling untimed, then 20 000 timed training steps),
# and neurojit's whole protocol (models/error_microcircuit.nj --mode errormc, layered) at
# epochs = 1 and epochs = 11. An epoch is 100 samples x 20 steps = 2 000 steps. Both epoch counts
# are prime to 10, so each run has exactly one validation (after epoch 0), and simulates
#   2 000 settle + 2 000 x epochs training + 2 000 validation + 2 000 compare replay (800
#   synapse_angle analyses) + 2 000 test + 2 000 untrained settle + 2 000 untrained test
#   = 2 000 x epochs + 12 000 steps,
# the teacher alongside the student at every step. Figures (medians over the repeats):
#   training step   (simulate(11) - simulate(1)) / 20 000: the 20 000 extra training steps
#                   alone, like the numpy peer's; the fixed parts (analyses included) cancel
#   whole run       simulate(11) / 32 000: every phase, analyses included
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bin=$(realpath "${1:-build/neurojit}")
repeats=${2:-3}
peer_python error_microcircuit numpy python3-numpy
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p bench/results

short=1; long=11; steps_per_epoch=2000; fixed_steps=12000
numpy_steps=$(( (long - short) * steps_per_epoch ))
target=20
nj_args=(--mode errormc --set fw_skip=false --set bw_skip=false --set realistic_conn=false
         --set dataset_size=100 --quiet)

col() { awk -v c="$1" '{ print $c }' "$2" | median; }  # col N FILE → median of column N
metric() {  # metric SUMMARY NAME → the value of a scalar metric in summary.json
    "$py" -c 'import json, sys
print(json.load(open(sys.argv[1]))["metrics"][sys.argv[2]]["value"])' "$1" "$2"
}

echo "machine: $(nproc) cores, load average $(cut -d " " -f 1-3 /proc/loadavg) before the runs"
echo "errormc 4-2-1 (layered) + ANN teacher 4-2-1, step input, dt 0.01 ms;" \
    "medians of $repeats side-by-side repeats"
: > "$out/np.txt"; : > "$out/nj.txt"
for r in $(seq "$repeats"); do
    "$py" bench/errormc_numpy.py --steps "$numpy_steps" --repeats 1 > "$out/np-$r.json"
    "$py" -c 'import json, sys; d = json.load(open(sys.argv[1]))
print(d["per_step_median_s"], d["mse_first"], d["mse_last"], d["numpy"])' "$out/np-$r.json" \
        >> "$out/np.txt"
    line=""
    for e in $short $long; do
        dir="$out/nj-$e-$r"
        "$bin" run models/error_microcircuit.nj "${nj_args[@]}" --set epochs="$e" --out "$dir" \
            >/dev/null 2>"$out/nj-$e-$r.err" || { cat "$out/nj-$e-$r.err" >&2; exit 1; }
        line+=" $(value "$dir/summary.json" simulate)"
    done
    f="$out/nj-$long-$r/summary.json"
    echo "$line $(metric "$f" test_mse_errormc) $(metric "$f" untrained_test_mse_errormc)" \
        >> "$out/nj.txt"
done

np_step=$(col 1 "$out/np.txt"); np_first=$(col 2 "$out/np.txt"); np_last=$(col 3 "$out/np.txt")
numpy_version=$(awk 'NR == 1 { print $4 }' "$out/np.txt")
sim_short=$(col 1 "$out/nj.txt"); sim_long=$(col 2 "$out/nj.txt")
nj_test=$(col 3 "$out/nj.txt"); nj_untrained=$(col 4 "$out/nj.txt")
long_steps=$(( long * steps_per_epoch + fixed_steps ))
read -r nj_step nj_whole ratio_step ratio_whole < <(awk -v a="$sim_short" -v b="$sim_long" \
    -v n="$numpy_steps" -v s="$long_steps" -v np="$np_step" \
    'BEGIN { st = (b - a) / n; wh = b / s; print st, wh, np / st, np / wh }')

echo
awk -v np="$np_step" -v st="$nj_step" -v wh="$nj_whole" -v t="$target" -v n="$numpy_steps" \
    -v ls="$long_steps" 'BEGIN {
    f = "  %-48s %9.2f us %9.2f us %7.1fx  %s\n"
    printf "  %-48s %12s %12s %8s  target >= %gx\n", "per step", "numpy", "neurojit", "ratio", t
    printf f, "training step (" n " steps; neurojit: difference)", np * 1e6, st * 1e6, np / st,
        (np / st >= t ? "met" : "NOT met")
    printf f, "neurojit: whole run (" ls " steps, analyses in)", np * 1e6, wh * 1e6, np / wh,
        (np / wh >= t ? "met" : "NOT met")
    printf "  %-48s %12s %12s  %.1f-%.1fx (training step)\n", "the original: 50-170 us (issue)",
        "", "", 50e-6 / st, 170e-6 / st }'
printf '  %-48s %.3f s at epochs %d, %.3f s at epochs %d\n' "neurojit simulate (median)" \
    "$sim_short" "$short" "$sim_long" "$long"
printf '  sanity, numpy: output MSE %.4f over the first 2000 training steps, %.4f over the last\n' \
    "$np_first" "$np_last"
printf '  sanity, neurojit (epochs %d): test MSE %.4f, untrained (initial weights) %.4f\n' \
    "$long" "$nj_test" "$nj_untrained"

cat > bench/results/error_microcircuit.json <<EOF
{"configuration": "errormc 4-2-1 layered, ANN teacher 4-2-1, step input, dt 0.01 ms",
 "repeats": $repeats, "numpy_version": "$numpy_version",
 "numpy": {"per_step_s": $np_step, "steps": $numpy_steps,
           "mse_first_2000": $np_first, "mse_last_2000": $np_last},
 "neurojit": {"training_step_s": $nj_step, "whole_run_step_s": $nj_whole,
              "simulate_epochs_${short}_s": $sim_short, "simulate_epochs_${long}_s": $sim_long,
              "steps_epochs_${long}": $long_steps,
              "test_mse": $nj_test, "untrained_test_mse": $nj_untrained},
 "ratio_training_step": $ratio_step, "ratio_whole_run": $ratio_whole, "target_ratio": $target}
EOF
