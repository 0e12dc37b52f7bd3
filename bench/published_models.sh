#!/usr/bin/env bash
# Wall time of published models' reference configurations against the original code's wall time
# on this machine (quoted by the model issues; the originals are not run here: they need their
# own Python stacks). Usage: bench/published_models.sh [NEUROJIT] [REPEATS]. Prints a table and
# writes bench/results/published_models.json. Each repeat is a cold process (compiled kernels
# come from the on-disk cache after the first repeat, as they would for a user).
set -euo pipefail
bin=$(realpath "${1:-build/neurojit}")
repeats=${2:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p bench/results

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
spread() { sort -g | awk 'NR == 1 {lo = $1} {hi = $1} END {printf "%.2f-%.2f", lo, hi}'; }

# name | model | arguments | original's wall time (s) | what the original's time is
cases=(
  "clustered_lif default|models/clustered_lif.nj||46.8|clustered_lif issue: default 2.5 s spiking run"
  "clustered_lif mf_2cluster|models/clustered_lif.nj|--mode mf_2cluster|97|spec 11.3: 14,400-point landscape alone, Python"
  "lif_qif_force default|models/lif_qif_force.nj||115|lif_qif_force issue: one configuration and seed, 16 loops"
  "lateral_line recipe_fast 200|models/lateral_line.nj|--mode recipe_fast --set n_trials=200|419|lateral_line issue: recipe_fast, 200 trials"
)
printf '%-28s %14s %12s %10s\n' "configuration" "neurojit (s)" "original (s)" "speed-up"
json="{"
for c in "${cases[@]}"; do
    IFS='|' read -r name model args original what <<<"$c"
    times=()
    for r in $(seq "$repeats"); do
        start=$(date +%s.%N)
        # shellcheck disable=SC2086  # the arguments are words on purpose
        "$bin" run "$model" $args --quiet --out "$out/run-$r" >/dev/null
        times+=("$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')")
        rm -rf "$out/run-$r"
    done
    t=$(printf '%s\n' "${times[@]}" | median)
    s=$(printf '%s\n' "${times[@]}" | spread)
    awk -v n="$name" -v t="$t" -v s="$s" -v o="$original" \
        'BEGIN { printf "%-28s %6.2f (%s) %10.1f %9.1fx\n", n, t, s, o, o / t }'
    json+="\"$name\": {\"wall_s\": $t, \"original_s\": $original, \"original\": \"$what\"},"
done
echo "${json%,}}" > bench/results/published_models.json
