#!/usr/bin/env bash
# Trials per second of models/olfactory_connectome.nj: one 30-step trial of the 368-neuron
# network, run one trial at a time (n_batch = 1) and batched (n_batch = 140, 1 and 2 threads).
# Usage: bench/olfactory_trials.sh [NEUROJIT] [REPEATS]. Prints a table; writes
# bench/results/olfactory_trials.json. Skips (exit 0) when the model's data is missing.
#
# The model's protocol runs every experiment of the spec and its analyses, and analyses pool the
# trials of all their calls, so their cost grows with the number of chunks. To time trials
# alone, the script runs a copy of the model whose protocol is the test-set loop without its
# analyses: store the fresh state; per chunk of n_batch trials, restore it, set the trials'
# stimuli and input noise, run 30 ms. n_test_reps sets the trial count (28 classes x reps).
# The time is the `simulate` timing of summary.json (the whole protocol: restores, sets, steps
# and the two monitors of 10 neurons), median of REPEATS runs.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bin=$(realpath "${1:-build/neurojit}")
repeats=${2:-3}
cd "$(dirname "${BASH_SOURCE[0]}")/.."  # the model reads its data relative to the repository root
model=models/olfactory_connectome.nj
for d in ../shared/data/winding2023 ../shared/data/kreher2008; do
    if [ ! -d "$d" ]; then
        echo "olfactory_trials.sh: skipped, the model's data directory $d is missing"
        exit 0
    fi
done
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p bench/results

# The model up to its protocol, then the protocol's first loop (the test set) without `analyse`
# and `print` lines: the loop ends at the first line that is a lone closing brace.
awk '/^store fresh/ { proto = 1 }
     !proto { print; next }
     /^[[:space:]]*(analyse|print)[[:space:]]/ { next }
     { print }
     /^}/ { exit }' "$model" > "$out/trials.nj"
grep -q '^repeat ' "$out/trials.nj" || { echo "olfactory_trials.sh: no trial loop found in $model" >&2; exit 1; }

# name | n_batch | threads | n_test_reps (trials = 28 x reps) | environment. The threads split
# each kernel's range with OpenMP; its default wait policy spins between the ~30 kernel calls
# of a step, which costs dearly when other processes hold the cores, so the 2-thread case also
# runs with OMP_WAIT_POLICY=passive.
cases=(
  "single|1|1|5|"
  "batched|28|1|25|"
  "batched|140|1|50|"
  "batched|140|2|50|"
  "batched|140|2|50|OMP_WAIT_POLICY=passive"
)
echo "machine: $(nproc) cores, load average $(cut -d " " -f 1-3 /proc/loadavg) before the runs"
echo "olfactory_connectome, 368 neurons per trial, 30 steps at dt 1 ms, median of $repeats runs"
printf '%-8s %7s %7s %7s %7s %12s %10s %10s  %s\n' "" n_batch threads trials chunks simulate ms/trial trials/s env
json="{"
for c in "${cases[@]}"; do
    IFS='|' read -r name batch threads reps envs <<<"$c"
    sims=()
    for r in $(seq "$repeats"); do
        dir="$out/run-$batch-$threads-$r"
        # its warnings (unused names of the dropped protocol, no trained file) only on failure
        # shellcheck disable=SC2086  # envs is a list of words on purpose
        if ! env $envs "$bin" run "$out/trials.nj" --mode fast --quiet --threads "$threads" --out "$dir" \
            --set n_batch="$batch" --set n_test_reps="$reps" >/dev/null 2>"$out/stderr"; then
            cat "$out/stderr" >&2
            exit 1
        fi
        sims+=("$(value "$dir/summary.json" simulate)")
        rm -rf "$dir"
    done
    s=$(printf '%s\n' "${sims[@]}" | median)
    trials=$((28 * reps))
    chunks=$(((trials + batch - 1) / batch))
    read -r ms tps < <(awk -v s="$s" -v n="$trials" 'BEGIN { print s * 1000 / n, n / s }')
    awk -v z="$name" -v b="$batch" -v t="$threads" -v n="$trials" -v k="$chunks" -v s="$s" \
        -v ms="$ms" -v tps="$tps" -v e="$envs" 'BEGIN {
            printf "%-8s %7d %7d %7d %7d %9.3f s %10.2f %10.1f  %s\n", z, b, t, n, k, s, ms, tps, e }'
    key="${name}_b${batch}_t${threads}${envs:+_passive}"
    json+="\"$key\": {\"n_batch\": $batch, \"threads\": $threads, \"env\": \"$envs\","
    json+=" \"trials\": $trials, \"chunks\": $chunks, \"simulate_s\": $s,"
    json+=" \"ms_per_trial\": $ms, \"trials_per_s\": $tps},"
done
json+="\"repeats\": $repeats}"
echo "$json" > bench/results/olfactory_trials.json
