#!/usr/bin/env bash
# Wall time and peak memory of published models' reference configurations against the original code's wall time
# on this machine (quoted by the model issues; the originals are not run here: they need their
# own Python stacks). Usage: bench/published_models.sh [NEUROJIT] [REPEATS]. Prints a table and
# writes bench/results/published_models.json. Each repeat is a cold process (compiled kernels
# come from the on-disk cache after the first repeat, as they would for a user).
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bin=$(realpath "${1:-build/neurojit}")
repeats=${2:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p bench/results

spread() { sort -g | awk 'NR == 1 {lo = $1} {hi = $1} END {printf "%.2f-%.2f", lo, hi}'; }

# name | model | arguments | original's wall time (s) | what the original's time is
cases=(
  "clustered_lif default|models/clustered_lif.nj||46.8|clustered_lif issue: default 2.5 s spiking run"
  "clustered_lif mf_2cluster|models/clustered_lif.nj|--mode mf_2cluster|97|spec 11.3: 14,400-point landscape alone, Python"
  "lif_qif_force default|models/lif_qif_force.nj||115|lif_qif_force issue: one configuration and seed, 16 loops"
  "lateral_line recipe_fast 200|models/lateral_line.nj|--mode recipe_fast --set n_trials=200|419|lateral_line issue: recipe_fast, 200 trials"
)
printf '%-30s %20s %12s %10s %14s\n' "configuration" "neurojit (s)" "original (s)" "speed-up" "peak RSS (MB)"
json="{"
for c in "${cases[@]}"; do
    IFS='|' read -r name model args original what <<<"$c"
    times=(); rss=()
    for r in $(seq "$repeats"); do
        # GNU time: wall seconds and peak resident set (KiB) of the whole process
        # shellcheck disable=SC2086  # the arguments are words on purpose
        /usr/bin/time -f '%e %M' -o "$out/time-$r" "$bin" run "$model" $args --quiet --out "$out/run-$r" >/dev/null
        read -r wall kib < "$out/time-$r"
        times+=("$wall"); rss+=("$kib")
        rm -rf "$out/run-$r"
    done
    t=$(printf '%s\n' "${times[@]}" | median)
    s=$(printf '%s\n' "${times[@]}" | spread)
    m=$(printf '%s\n' "${rss[@]}" | median)
    awk -v n="$name" -v t="$t" -v s="$s" -v o="$original" -v m="$m" \
        'BEGIN { printf "%-30s %7.2f (%s) %12.1f %9.1fx %14.0f\n", n, t, s, o, o / t, m / 1024 }'
    json+="\"$name\": {\"wall_s\": $t, \"peak_rss_mb\": $(awk -v m="$m" 'BEGIN { print m / 1024 }'),"
    json+=" \"original_s\": $original, \"original\": \"$what\"},"
done
echo "${json%,}}" > bench/results/published_models.json
