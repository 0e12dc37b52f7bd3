#!/usr/bin/env bash
# Scaling of models/cuba.nj: time per biological second at 4k, 16k, 64k and 256k neurons with a
# fixed in-degree of 80 (p_connect = 80 / N, so every size runs in the same dynamical regime),
# on 1 and 2 threads; synaptic events per second; and memory per synapse.
# Usage: bench/scaling.sh [NEUROJIT] [REPEATS] [SIZES...]. Prints a table; writes
# bench/results/scaling.json.
#
# An event is one spike delivered through one synapse: spikes x synapses / neurons. Times are
# medians of REPEATS runs (seeds 1..REPEATS) of the simulate phase of a 1 s run (10 000 steps);
# build is the network-building phase (drawing the synapses). Memory is the peak resident size
# of the process (/usr/bin/time); memory per synapse is the slope between the two largest sizes,
# so the fixed cost of the process (LLVM, the JIT) drops out.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bin=$(realpath "${1:-build/neurojit}")
repeats=${2:-3}
shift $(( $# > 2 ? 2 : $# ))
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(4000 16000 64000 256000)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p bench/results
[ -x /usr/bin/time ] || { echo "scaling.sh: needs /usr/bin/time (Debian: apt-get install time)"; exit 1; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the runs"
echo "cuba.nj, 1 s at dt 0.1 ms, in-degree 80, median of $repeats runs"
printf "%9s %8s %11s %9s %10s %10s %12s %10s %10s\n" neurons threads synapses rate_Hz build_s simulate_s events_per_s peak_MB bytes/syn
json="["
prev_mem="" prev_syn=""
for n in "${sizes[@]}"; do
    for threads in 1 2; do
        : > "$out/times"
        for seed in $(seq 1 "$repeats"); do
            /usr/bin/time -f "%M" -o "$out/mem" "$bin" run models/cuba.nj --quiet --seed "$seed" --threads "$threads" \
                --set "n_neurons=$n" --set "n_exc=$((n * 4 / 5))" --set "p_connect=80.0 / $n" \
                --format npy --out "$out/run" > /dev/null
            s="$out/run/summary.json"
            echo "$(value "$s" simulate) $(value "$s" build_network) $(value "$s" spikes) $(value "$s" synapses) $(tail -n 1 "$out/mem")" >> "$out/times"
            rm -rf "$out/run"
        done
        sim=$(awk '{print $1}' "$out/times" | median)
        build=$(awk '{print $2}' "$out/times" | median)
        spikes=$(awk '{print $3}' "$out/times" | median)
        syn=$(awk '{print $4}' "$out/times" | median)
        mem_kb=$(awk '{print $5}' "$out/times" | median)
        rate=$(awk -v s="$spikes" -v n="$n" 'BEGIN { printf "%.2f", s / n }')
        events=$(awk -v s="$spikes" -v y="$syn" -v n="$n" -v t="$sim" 'BEGIN { printf "%.3g", s * y / n / t }')
        per_syn="-"
        if [ "$threads" = 1 ]; then
            if [ -n "$prev_mem" ]; then
                per_syn=$(awk -v m="$mem_kb" -v pm="$prev_mem" -v y="$syn" -v py="$prev_syn" 'BEGIN { printf "%.1f", (m - pm) * 1024 / (y - py) }')
            fi
            prev_mem=$mem_kb prev_syn=$syn
        fi
        printf "%9d %8d %11d %9s %10.3f %10.3f %12s %10.0f %10s\n" "$n" "$threads" "$syn" "$rate" "$build" "$sim" "$events" "$((mem_kb / 1024))" "$per_syn"
        json+="{\"neurons\": $n, \"threads\": $threads, \"synapses\": $syn, \"rate_hz\": $rate, \"build_s\": $build, \"simulate_s\": $sim, \"events_per_s\": $events, \"peak_kb\": $mem_kb},"
    done
done
echo "${json%,}]" > bench/results/scaling.json
echo "bytes/syn: growth of the peak memory per added synapse from the next smaller size (1 thread)"
