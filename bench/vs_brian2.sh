#!/usr/bin/env bash
# neurojit against Brian2 on the CUBA network (1 s) at its size and at 10x, on COBA (1 s), on
# the STDP network of Song, Miller & Abbott (10 s of models/stdp_song.nj) and on a Brunel-style
# sparse network of 10^5 neurons (1 s of models/brunel_sparse.nj), run side by side.
# Usage: bench/vs_brian2.sh [NEUROJIT] [REPEATS]. Prints a table; writes bench/results/.
# CASES="stdp-small coba-small" runs only those cases (default: all five, then cpp_standalone
# for CUBA and COBA).
#
# Brian2 is Debian's python3-brian, run by /usr/bin/python3 (or $PYTHON); without it the
# comparison is skipped with the reason. Both cache compiled code on disk (Brian2 its Cython
# extensions, neurojit its kernels' object code), so each case first runs both once with empty
# caches of their own (cold: every code object is generated and compiled, as on a first run),
# then REPEATS times in turn with those caches filled (warm). Ratios are Brian2 time / neurojit
# time; warm figures are medians:
#   wall           the whole process, interpreter start and `import brian2` included
#   build+compile  Brian2's groups, synapses, code generation and compilation, against
#                  neurojit's parse + JIT + build_network
#   simulate       the main loop alone
# Peak memory is GNU time's maximum resident set: neurojit's whole process (warm median), and
# the cpp_standalone program alone, run again in its project folder.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bin=${1:-build/neurojit}
repeats=${2:-3}
peer_python vs_brian2 brian2 python3-brian
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p bench/results

col() { awk -v c="$1" '{ print $c }' "$2" | median; }  # col N FILE → median of column N
# peak_mb FILE COMMAND... → runs COMMAND, writing its peak resident memory (MB, GNU time) to FILE
peak_mb() {
    local file=$1
    shift
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f %M -o "$file" "$@"
        awk '{ printf "%.1f\n", $1 / 1024 }' "$file" > "$file.mb" && mv "$file.mb" "$file"
    else
        "$@"
        echo nan > "$file"
    fi
}
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { print b - a }'; }

# A case is NETWORK-SIZE: cuba-small, cuba-large (10x neurons, same in-degree), coba-small,
# stdp-small (1000 inputs onto one neuron, 10 s), brunel-100k (10^5 neurons, in-degree 100).
network_of() { echo "${1%-*}"; }
model_of() {
    case $(network_of "$1") in
    stdp) echo models/stdp_song.nj ;;
    brunel) echo models/brunel_sparse.nj ;;
    *) echo "models/$(network_of "$1").nj" ;;
    esac
}
size_of() { echo "${1#*-}"; }

# brian2 CASE TAG CACHE SEED → "wall target import build simulate spikes rate version"
brian2() {
    local args=(--network "$(network_of "$1")" --seed "$4" --cache-dir "$3") t0 wall f="$out/b2-$1-$2.json"
    if [ "$(size_of "$1")" = large ]; then args+=(--neurons 40000 --exc 32000 --p 0.002); fi
    if [ "$(network_of "$1")" = stdp ]; then args+=(--duration 10); fi
    if [ "$(network_of "$1")" = brunel ]; then args+=(--neurons 100000 --exc 80000); fi
    t0=$(now)
    "$py" bench/brian2_networks.py "${args[@]}" > "$f"
    wall=$(elapsed "$t0")
    echo "$wall $("$py" -c 'import json, sys; d = json.load(open(sys.argv[1])); t = d["timings"]
print(d["target"], t["import"], t["build"], t["simulate"], d["counts"]["spikes"],
      d["rates_hz"]["all"], d["brian2"])' "$f")"
}
# neurojit CASE TAG CACHE SEED → "wall parse+jit+build simulate rate_Hz neurons peak_MB"
neurojit() {
    local args=() t0 wall dir="$out/nj-$1-$2"
    if [ "$(size_of "$1")" = large ]; then
        args=(--set n_neurons=40000 --set n_exc=32000 --set p_connect=0.002)
    fi
    if [ "$(network_of "$1")" = stdp ]; then args=(--set "duration=10 s"); fi
    t0=$(now)
    NEUROJIT_CACHE_DIR="$3" peak_mb "$out/peak" "$bin" run "$(model_of "$1")" --seed "$4" --quiet \
        --out "$dir" ${args[@]+"${args[@]}"} >/dev/null
    wall=$(elapsed "$t0")
    local f="$dir/summary.json"
    echo "$wall" "$(awk -v p="$(value "$f" parse)" -v j="$(value "$f" jit)" \
        -v b="$(value "$f" build_network)" 'BEGIN { print p + j + b }')" \
        "$(value "$f" simulate) $(rate_of "$1" "$f") $(value "$f" neurons) $(cat "$out/peak")"
}
# rate_of CASE SUMMARY → mean rate in Hz: of all neurons over 1 s, or (stdp) of the output neuron
rate_of() {
    if [ "$(network_of "$1")" = stdp ]; then
        "$py" -c 'import json, sys; print(json.load(open(sys.argv[1]))["metrics"]["out_rate"]["value"])' "$2"
    else
        awk -v k="$(value "$2" spikes)" -v n="$(value "$2" neurons)" 'BEGIN { print k / n }'
    fi
}

echo "machine: $(nproc) cores, load average $(cut -d " " -f 1-3 /proc/loadavg) before the runs"
echo "CUBA, COBA and Brunel, 1 s, and STDP, 10 s, at dt 0.1 ms, 1 thread; neurojit against Brian2 ($py), wall-clock seconds;"
echo "warm: median of $repeats side-by-side runs; cold: one run each; ratio = Brian2 / neurojit"
json="{"
for case_name in ${CASES:-cuba-small cuba-large coba-small stdp-small brunel-100k}; do
    nj="$out/nj-$case_name.txt"; b2="$out/b2-$case_name.txt"
    read -r ncwall ncfront _ < <(neurojit "$case_name" cold "$out/nj-cache-$case_name" 1)
    echo "$ncwall" > "$out/nj-$case_name-cold.txt"
    read -r bcwall ctarget _ bcbuild _ < <(brian2 "$case_name" cold "$out/b2-cache-$case_name" 1)
    for r in $(seq "$repeats"); do
        neurojit "$case_name" "$r" "$out/nj-cache-$case_name" "$r" >> "$nj"
        brian2 "$case_name" "$r" "$out/b2-cache-$case_name" "$r" >> "$b2"
    done
    nw=$(col 1 "$nj"); nf=$(col 2 "$nj"); ns=$(col 3 "$nj"); nr=$(col 4 "$nj"); nn=$(col 5 "$nj")
    nm=$(col 6 "$nj")
    bw=$(col 1 "$b2"); bi=$(col 3 "$b2"); bb=$(col 4 "$b2"); bs=$(col 5 "$b2"); br=$(col 7 "$b2")
    read -r target version < <(awk 'NR == 1 { print $2, $8 }' "$b2")
    echo
    echo "$case_name: $nn neurons; Brian2 $version, target $target (cold run: $ctarget)"
    awk -v nw="$nw" -v nf="$nf" -v ns="$ns" -v ncw="$ncwall" -v ncf="$ncfront" -v nr="$nr" \
        -v bw="$bw" -v bi="$bi" -v bb="$bb" -v bs="$bs" -v bcw="$bcwall" -v bcb="$bcbuild" \
        -v br="$br" 'BEGIN {
        f = "  %-32s %10.3f s %10.3f s %8.1fx\n"
        printf "  %-32s %12s %12s %9s\n", "", "neurojit", "Brian2", "ratio"
        printf f, "wall, whole process (warm)", nw, bw, bw / nw
        printf f, "wall, whole process (cold)", ncw, bcw, bcw / ncw
        printf f, "build+compile (warm)", nf, bb, bb / nf
        printf f, "build+compile (cold)", ncf, bcb, bcb / ncf
        printf f, "simulate", ns, bs, bs / ns
        printf "  %-32s %12s %10.3f s\n", "of Brian2 wall: import brian2", "", bi
        printf "  %-32s %9.2f Hz %9.2f Hz\n", "mean rate", nr, br }'
    echo "  peak memory (warm)              $nm MB"
    json+="\"$case_name\": {\"neurons\": $nn, \"brian2_version\": \"$version\","
    json+=" \"brian2_target\": \"$target\", \"neurojit\": {\"wall_s\": $nw, \"peak_mb\": $nm,"
    json+=" \"wall_cold_s\": $ncwall, \"parse_jit_build_s\": $nf,"
    json+=" \"parse_jit_build_cold_s\": $ncfront, \"simulate_s\": $ns, \"rate_hz\": $nr},"
    json+=" \"brian2\": {\"wall_s\": $bw, \"wall_cold_s\": $bcwall, \"import_s\": $bi,"
    json+=" \"build_s\": $bb, \"build_cold_s\": $bcbuild, \"simulate_s\": $bs, \"rate_hz\": $br}},"
done
# Brian2's cpp_standalone target on CUBA and COBA (4 000 neurons), for the cases that ran: a C++
# project generated, compiled by make and run as its own program; cold = fresh project folder
# (its first run, whole process: Python, import, code generation, make, the program), warm = the
# same folder again.
standalone() {  # standalone NETWORK PROJECT SEED → "codegen make binary main_loop rate"
    "$py" bench/brian2_networks.py --network "$1" --target cpp_standalone --cache-dir "$2" --seed "$3" |
        "$py" -c 'import json, sys; d = json.load(sys.stdin); s = d["standalone"]
print(s["codegen"], s["make"], s["binary"], s["main_loop"], d["rates_hz"]["all"])'
}
for net in cuba coba; do
    [ -f "$out/nj-$net-small.txt" ] || continue  # CASES left it out
    t0=$(now)
    read -r scg smk sbin sloop srate < <(standalone "$net" "$out/standalone-$net" 1)
    swall=$(elapsed "$t0"); ncwall=$(cat "$out/nj-$net-small-cold.txt")
    : > "$out/standalone-$net-warm.txt"
    for r in $(seq "$repeats"); do standalone "$net" "$out/standalone-$net" "$r" >> "$out/standalone-$net-warm.txt"; done
    wcg=$(col 1 "$out/standalone-$net-warm.txt"); wmk=$(col 2 "$out/standalone-$net-warm.txt")
    wloop=$(col 4 "$out/standalone-$net-warm.txt"); nsim=$(col 3 "$out/nj-$net-small.txt")
    # the compiled program alone, run again in its project folder, against neurojit's whole process
    (cd "$out/standalone-$net" && peak_mb "$out/standalone-peak" ./main >/dev/null)
    speak=$(cat "$out/standalone-peak"); npeak=$(col 6 "$out/nj-$net-small.txt")
    echo
    echo "$net-small against Brian2 cpp_standalone (main loop = the program's own measure)"
    awk -v scg="$scg" -v smk="$smk" -v sloop="$sloop" -v wcg="$wcg" -v wmk="$wmk" -v wloop="$wloop" \
        -v ns="$nsim" -v sr="$srate" -v sw="$swall" -v nc="$ncwall" 'BEGIN {
        printf "  %-32s %10.3f s cold %10.3f s warm\n", "code generation", scg, wcg
        printf "  %-32s %10.3f s cold %10.3f s warm\n", "make (compile + link)", smk, wmk
        printf "  %-32s %10.3f s (neurojit cold %.3f s, ratio %.1fx)\n", "first run, whole process", sw, nc, sw / nc
        printf "  %-32s %10.3f s (neurojit simulate %.3f s, ratio %.1fx)\n", "main loop (warm median)", wloop, ns, wloop / ns
        printf "  %-32s %9.2f Hz\n", "mean rate", sr }'
    echo "  peak memory: the program $speak MB; neurojit run (warm) $npeak MB"
    json+=" \"${net}_small_cpp_standalone\": {\"first_run_wall_s\": $swall, \"codegen_cold_s\": $scg,"
    json+=" \"make_cold_s\": $smk, \"peak_mb\": $speak,"
    json+=" \"codegen_warm_s\": $wcg, \"make_warm_s\": $wmk, \"main_loop_s\": $wloop},"
done
echo "$json \"repeats\": $repeats}" > bench/results/vs_brian2.json
