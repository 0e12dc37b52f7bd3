#!/usr/bin/env bash
# Benchmarks of the build path and of the neuron update, read from each run's summary.json.
# Usage: bench/front_and_jit.sh [NEUROJIT] [REPEATS]. Prints a table; writes bench/results/.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bin=${1:-build/neurojit}
repeats=${2:-5}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p bench/results

printf '%-28s %12s %12s %12s\n' "model (mode fast)" "parse+check" "jit" "simulate"
json="{"
for model in examples/*.nj bench/lif_100k.nj; do
    name=$(basename "$model" .nj)
    parse=(); jit=(); sim=()
    for r in $(seq "$repeats"); do
        "$bin" run "$model" --mode fast --quiet --out "$out/$name-$r" >/dev/null
        parse+=("$(value "$out/$name-$r/summary.json" parse)")
        jit+=("$(value "$out/$name-$r/summary.json" jit)")
        sim+=("$(value "$out/$name-$r/summary.json" simulate)")
    done
    p=$(printf '%s\n' "${parse[@]}" | median); j=$(printf '%s\n' "${jit[@]}" | median)
    s=$(printf '%s\n' "${sim[@]}" | median)
    awk -v n="$name" -v p="$p" -v j="$j" -v s="$s" \
        'BEGIN { printf "%-28s %10.1f ms %10.1f ms %10.1f ms\n", n, p * 1000, j * 1000, s * 1000 }'
    json+="\"$name\": {\"parse_s\": $p, \"jit_s\": $j, \"simulate_s\": $s},"
done

# Cost per neuron-step of the full-size LIF benchmark (exact integration, 1 thread).
"$bin" run bench/lif_100k.nj --quiet --out "$out/full" >/dev/null
s=$(value "$out/full/summary.json" simulate)
ns=$(awk -v s="$s" 'BEGIN { print s * 1e9 / (100000 * 10000) }')
printf '\nlif_100k, 1 s at dt 0.1 ms, 1 thread: %.2f s simulate = %.2f ns per neuron-step\n' "$s" "$ns"
json+="\"lif_100k_ns_per_neuron_step\": $ns}"
echo "$json" > bench/results/front_and_jit.json
