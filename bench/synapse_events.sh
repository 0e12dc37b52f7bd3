#!/usr/bin/env bash
# Synaptic event throughput of models/cuba.nj (1 s) at its size and at 10x, and how the cost grows.
# Usage: bench/synapse_events.sh [NEUROJIT] [REPEATS]. Prints two tables; writes bench/results/.
#
# An event is one spike delivered through one synapse: spikes x mean out-degree, with the
# out-degree as synapses / neurons (both from summary.json). The 10x network keeps ~80 inputs
# per neuron (p_connect / 10), so it stays in the same regime; its rates are printed to show it.
# Times are medians of REPEATS runs (seeds 1..REPEATS) of the simulate phase; the JSON also keeps
# the fastest. The sizes take turns, so both see the same load. The issue's bound: cost per event
# (large / small) at most 1.5.
#
# The first table divides the whole simulate time (neuron updates included) by the events. The
# second isolates delivery: the same networks with zero weights (so every neuron fires at its
# uncoupled rate, ~19 Hz) minus the same with no synapses (p_connect = 0); both runs produce the
# same spike trains, so the difference is the cost of pushing and delivering their events. There
# the small network runs 10 s, so that both sizes do the same work and the difference stands out
# of the noise of a shared machine.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bin=${1:-build/neurojit}
repeats=${2:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p bench/results
steps=10000  # 1 s at dt = 0.1 ms, the model's defaults

col() { awk -v c="$1" '{ print $c }' "$2"; }  # col N FILE → column N of FILE

# run1 NAME SEED [--set ...]: one run; appends "neurons synapses spikes simulate_s" to NAME.txt
run1() {
    local name=$1 seed=$2; shift 2
    local f="$out/$name-$seed/summary.json"
    "$bin" run models/cuba.nj --seed "$seed" --quiet --out "$out/$name-$seed" "$@" >/dev/null
    echo "$(value "$f" neurons) $(value "$f" synapses) $(value "$f" spikes)" \
        "$(value "$f" simulate)" >> "$out/$name.txt"
}
# stats NAME → "neurons synapses spikes simulate_median_s simulate_min_s" (counts: medians)
stats() {
    local t="$out/$1.txt"
    echo "$(col 1 "$t" | median) $(col 2 "$t" | median) $(col 3 "$t" | median)" \
        "$(col 4 "$t" | median) $(col 4 "$t" | sort -g | head -n 1)"
}

small=()
large=(--set n_neurons=40000 --set n_exc=32000)
zero_w=(--set we=0mV --set wi=0mV)

echo "machine: $(nproc) cores, load average $(cut -d " " -f 1-3 /proc/loadavg) before the runs"
echo "CUBA, 1 s at dt 0.1 ms, 1 thread, median of $repeats runs: whole simulate time per event"
for r in $(seq "$repeats"); do
    run1 small "$r" ${small[@]+"${small[@]}"}
    run1 large "$r" "${large[@]}" --set p_connect=0.002
done
printf '%-6s %7s %9s %8s %8s %10s %11s %9s %12s\n' size neurons synapses out-deg "rate Hz" \
    simulate events/s ns/event ns/nrn-step
json="{"
declare -A ns_event
for size in small large; do
    read -r n syn k s smin < <(stats "$size")
    read -r deg rate events eps nse nsn < <(awk -v s="$s" -v k="$k" -v n="$n" -v syn="$syn" \
        -v st="$steps" 'BEGIN { deg = syn / n; ev = k * deg
            print deg, k / n, ev, ev / s, s * 1e9 / ev, s * 1e9 / (n * st) }')
    ns_event[$size]=$nse
    awk -v z="$size" -v n="$n" -v syn="$syn" -v d="$deg" -v r="$rate" -v s="$s" -v e="$eps" \
        -v ne="$nse" -v nn="$nsn" 'BEGIN {
            printf "%-6s %7d %9d %8.1f %8.2f %7.1f ms %9.1f M %9.1f %12.2f\n",
                z, n, syn, d, r, s * 1000, e / 1e6, ne, nn }'
    json+="\"$size\": {\"neurons\": $n, \"synapses\": $syn, \"out_degree\": $deg,"
    json+=" \"spikes\": $k, \"rate_hz\": $rate, \"simulate_s\": $s, \"simulate_min_s\": $smin,"
    json+=" \"events\": $events,"
    json+=" \"events_per_s\": $eps, \"ns_per_event\": $nse, \"ns_per_neuron_step\": $nsn},"
done
ratio=$(awk -v a="${ns_event[large]}" -v b="${ns_event[small]}" 'BEGIN { print a / b }')
verdict=$(awk -v r="$ratio" 'BEGIN { print (r <= 1.5) ? "within" : "OVER" }')
printf 'cost per event, large / small: %.2f (%s the bound of 1.5)\n' "$ratio" "$verdict"
json+="\"cost_per_event_ratio\": $ratio,"

echo
# A difference of two times: the fastest of more runs is steadier than a median on a busy machine.
drepeats=$((repeats + 2))
echo "delivery alone, fastest of $drepeats runs: zero weights minus no synapses (same spike trains)"
for r in $(seq "$drepeats"); do
    for size in small large; do
        if [ "$size" = small ]; then
            opts=(${small[@]+"${small[@]}"} --set duration=10s); p=0.02
        else
            opts=("${large[@]}" --set duration=1s); p=0.002
        fi
        run1 "$size-nosyn" "$r" "${opts[@]}" --set p_connect=0
        run1 "$size-zerow" "$r" "${opts[@]}" --set p_connect=$p "${zero_w[@]}"
    done
done
printf '%-6s %9s %12s %12s %11s %9s\n' size simulated "no synapses" "zero weights" events ns/event
declare -A ns_delivery
for size in small large; do
    if [ "$size" = small ]; then secs=10; else secs=1; fi
    read -r n _ k0 _ s0 < <(stats "$size-nosyn")
    read -r n syn k _ s < <(stats "$size-zerow")
    if [ "$k" != "$k0" ]; then
        echo "note: spike counts differ ($k0 without synapses, $k with zero weights)" >&2
    fi
    read -r events nsd < <(awk -v s="$s" -v s0="$s0" -v k="$k" -v n="$n" -v syn="$syn" \
        'BEGIN { ev = k * syn / n; print ev, (s - s0) * 1e9 / ev }')
    ns_delivery[$size]=$nsd
    awk -v z="$size" -v t="$secs" -v a="$s0" -v b="$s" -v e="$events" -v d="$nsd" 'BEGIN {
        printf "%-6s %7d s %9.1f ms %9.1f ms %9.1f M %9.2f\n",
            z, t, a * 1000, b * 1000, e / 1e6, d }'
    json+="\"delivery_$size\": {\"simulated_s\": $secs, \"simulate_no_synapses_s\": $s0,"
    json+=" \"simulate_zero_weights_s\": $s, \"events\": $events, \"ns_per_event\": $nsd},"
done
dratio=$(awk -v a="${ns_delivery[large]}" -v b="${ns_delivery[small]}" 'BEGIN { print a / b }')
printf 'delivery cost per event, large / small: %.2f\n' "$dratio"
json+="\"delivery_cost_ratio\": $dratio, \"repeats\": $repeats}"
echo "$json" > bench/results/synapse_events.json
