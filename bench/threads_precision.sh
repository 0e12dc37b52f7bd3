#!/usr/bin/env bash
# Two engine options side by side, each against the default in the same invocation:
#  - threads: models/brunel_sparse.nj (10^5 neurons, 10^7 synapses) with 1 and 2 threads; the
#    spike trains must be identical (exit 1 otherwise);
#  - precision: bench/lif_100k.nj and models/cuba.nj at 256 000 neurons (in-degree 80) in
#    double and single precision: simulate time and peak memory.
# Runs alternate between the two settings, so load from other processes hits both alike.
# Usage: bench/threads_precision.sh [NEUROJIT] [REPEATS] [BRUNEL_DURATION]. Prints medians; writes
# bench/results/threads_precision.json.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bin=$(realpath "${1:-build/neurojit}")
repeats=${2:-3}
duration=${3:-200 ms}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p bench/results
[ -x /usr/bin/time ] || { echo "threads_precision.sh: needs /usr/bin/time (Debian: apt-get install time)"; exit 1; }
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the runs"

# run NAME ARGS... → appends "simulate peak_MB" of one run to $out/NAME; keeps its run directory
run() {
    local name=$1
    shift
    /usr/bin/time -f "%M" -o "$out/mem" "$bin" run "$@" --quiet --out "$out/run-$name" > /dev/null
    echo "$(value "$out/run-$name/summary.json" simulate) $(( $(tail -n 1 "$out/mem") / 1024 ))" >> "$out/$name"
}
med() { cut -d' ' -f"$2" "$out/$1" | median; }

cuba=(models/cuba.nj --set n_neurons=256000 --set n_exc=204800 --set "p_connect=80.0 / 256000")
for _ in $(seq 1 "$repeats"); do
    run brunel_1 models/brunel_sparse.nj --set "duration=$duration" --threads 1
    run brunel_2 models/brunel_sparse.nj --set "duration=$duration" --threads 2
    cmp -s "$out/run-brunel_1/spikes_P_i.npy" "$out/run-brunel_2/spikes_P_i.npy" &&
        cmp -s "$out/run-brunel_1/spikes_P_t.npy" "$out/run-brunel_2/spikes_P_t.npy" ||
        { echo "threads_precision.sh: 1 and 2 threads gave different spikes"; exit 1; }
    run lif_double bench/lif_100k.nj --precision double
    run lif_single bench/lif_100k.nj --precision single
    run cuba_double "${cuba[@]}" --precision double
    run cuba_single "${cuba[@]}" --precision single
done

printf "%-34s %12s %12s %8s\n" "" default option speed-up
row() {  # LABEL BASE OPTION COLUMN
    local a b
    a=$(med "$2" "$4")
    b=$(med "$3" "$4")
    printf "%-34s %12.3f %12.3f %8s\n" "$1" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2fx", a / b }')"
}
row "brunel 10^5 simulate s, 2 threads" brunel_1 brunel_2 1
row "lif_100k simulate s, single" lif_double lif_single 1
row "cuba 256k simulate s, single" cuba_double cuba_single 1
row "cuba 256k peak MB, single" cuba_double cuba_single 2
echo "(brunel: $duration of model time, identical spikes on both thread counts; medians of $repeats)"

json="{"
for name in brunel_1 brunel_2 lif_double lif_single cuba_double cuba_single; do
    json+="\"$name\": {\"simulate_s\": $(med "$name" 1), \"peak_mb\": $(med "$name" 2)},"
done
json="${json%,}, \"repeats\": $repeats, \"brunel_duration\": \"$duration\"}"
echo "$json" > bench/results/threads_precision.json
