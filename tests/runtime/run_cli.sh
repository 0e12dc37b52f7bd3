#!/usr/bin/env bash
# End-to-end check of `neurojit run` with the real binary: run directory contents, exit codes,
# the non-finite stop, unsupported models, reuse of --out folders, multi-seed runs (--seeds) and
# --format hdf5/both (run.h5).
#
# usage: run_cli.sh NEUROJIT SOURCE_DIR
#
# Runs in a fresh temporary folder (also the working directory, so a stray default runs/ folder
# would be noticed) and removes it afterwards. Prints a FAIL line per failed check.
set -u

neurojit=$(realpath "$1")
helpers=$(realpath "$(dirname "${BASH_SOURCE[0]}")/cli_helpers.sh")
source_dir=$(realpath "$2")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nj-run-cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

# shellcheck source=cli_helpers.sh
source "$helpers"

# The first six bytes of an .npy file are "\x93NUMPY".
check_npy() {
    local file=$1 magic
    magic=$(head -c 6 "$file" | od -An -tx1 | tr -d ' \n')
    [[ $magic == 934e554d5059 ]] || fail "$file" "does not start with \\x93NUMPY (got $magic)"
}

# check_run_dir NAME DIR COMPLETE: the fixed files exist and summary.json says "complete": COMPLETE.
check_run_dir() {
    local name=$1 dir=$2 complete=$3 f
    for f in model.nj params.json summary.json; do
        [[ -f $dir/$f ]] || fail "$name" "no $f in $dir"
    done
    grep -q "\"complete\": $complete" "$dir/summary.json" 2> /dev/null ||
        fail "$name" "summary.json does not say \"complete\": $complete"
}

# 1. An example in fast mode writes the whole run directory.
out="$tmp/fi"
run fi run "$source_dir/examples/lif_fi_curve.nj" --mode fast --out "$out" --quiet
expect_rc fi 0
check_run_dir fi "$out" true
cmp -s "$out/model.nj" "$source_dir/examples/lif_fi_curve.nj" ||
    fail fi "model.nj is not the model's source"
shopt -s nullglob
spike_files=("$out"/spikes_*_i.npy "$out"/spikes_*_t.npy)
shopt -u nullglob
[[ ${#spike_files[@]} -eq 2 ]] ||
    fail fi "expected one spikes_*_i.npy and one spikes_*_t.npy, found: ${spike_files[*]:-none}"
for f in "${spike_files[@]}"; do check_npy "$f"; done
grep -q '"rate_top"' "$out/summary.json" 2> /dev/null ||
    fail fi "summary.json has no metric rate_top"

# 2. A state that becomes infinite stops the run: exit 2, a message naming it, and an incomplete
#    summary next to what was recorded so far.
cat > "$tmp/nonfinite.nj" <<'EOF'
param dt = 0.1 ms
neuron Grow {
  equations { dv/dt = v / ms : 1 }
  method: euler
}
group Blow = Grow(2) { init: v = 1 }
monitor trace = state(Blow, v, every = 10 ms)
run 2 s
EOF
out="$tmp/nonfinite-run"
run nonfinite run "$tmp/nonfinite.nj" --out "$out" --quiet
expect_rc nonfinite 2
[[ $err == *"became NaN or infinite"* ]] ||
    fail nonfinite "no 'became NaN or infinite' in stderr: $err"
[[ $err == *"'v' of group 'Blow'"* ]] ||
    fail nonfinite "the message does not name 'v' of group 'Blow': $err"
check_run_dir nonfinite "$out" false
if [[ -f $out/trace_v.npy ]]; then
    check_npy "$out/trace_v.npy"
else
    fail nonfinite "the trace recorded before the stop was not written"
fi

# 3. A construct the runtime does not support yet is refused before anything is written.
cat > "$tmp/unsupported.nj" <<'EOF'
param dt = 0.1 ms
neuron LIF {
  equations { dv/dt = -v / (10 ms) : 1 }
  threshold: v > 1
  reset: v = 0
}
group G = LIF(10)
synapses S(G -> G) {
  equations { w : 1 }
  on_pre: v_post += w
  connect: p = 0.1
  dt: 2 * dt
}
run 10 ms
EOF
out="$tmp/unsupported-run"
run unsupported run "$tmp/unsupported.nj" --out "$out" --quiet
expect_rc unsupported 2
[[ $err == *"not supported by 'neurojit run' yet"* ]] ||
    fail unsupported "no 'not supported by 'neurojit run' yet' in stderr: $err"
[[ ! -e $out ]] || fail unsupported "a run directory was created"

# 3b. A connect rule that cannot be carried out is an input error, and nothing is written.
sed -e 's/connect: p = 0.1/connect: i = [0, 12], j = [1, 2]/' -e '/dt: 2 \* dt/d' "$tmp/unsupported.nj" > "$tmp/badpair.nj"
out="$tmp/badpair-run"
run badpair run "$tmp/badpair.nj" --out "$out" --quiet
expect_rc badpair 1
[[ $err == *"error[run.connect]"*"outside the groups"* ]] ||
    fail badpair "no run.connect error naming the pair in stderr: $err"
[[ ! -e $out ]] || fail badpair "a run directory was created"

# 4. --out below folders that do not exist yet creates them.
out="$tmp/deep/er/run"
run deep run "$source_dir/examples/lif_fi_curve.nj" --mode fast --out "$out" --quiet
expect_rc deep 0
check_run_dir deep "$out" true

# 5. Running again into the same --out folder replaces the earlier run.
run again run "$source_dir/examples/lif_fi_curve.nj" --mode fast --out "$out" --quiet
expect_rc again 0
check_run_dir again "$out" true

# 6. A malformed CSV table is an input error: exit 1, the file and line in stderr, no run
#    directory. Table paths are relative to the current directory (here $tmp).
printf 'x,y\n1,2\n3,zz\n' > "$tmp/bad.csv"
cat > "$tmp/table.nj" <<'EOF'
param dt = 1 ms
table data = csv("bad.csv")
neuron N {
  equations { db/dt = data[i, 1] / ms : 1 }
  method: euler
}
group G = N(2)
run 2 ms
EOF
out="$tmp/table-run"
run table run "$tmp/table.nj" --out "$out" --quiet
expect_rc table 1
[[ $err == *"bad.csv:3: 'zz' in column 2 is not a number"* ]] ||
    fail table "no 'bad.csv:3: ...' in stderr: $err"
[[ ! -e $out ]] || fail table "a run directory was created"
printf 'x,y\n1,2\n3,4\n' > "$tmp/bad.csv"
run table_ok run "$tmp/table.nj" --out "$out" --quiet
expect_rc table_ok 0
# A csv table whose path is empty has no file: one warning naming it, and its reads give NaN,
# which stops the run like any non-finite value.
cat > "$tmp/empty_table.nj" <<'EOF'
param dt = 1 ms
param data_file = ""
table data = csv(data_file, header = false)
neuron N {
  equations { db/dt = data[i, 1] / ms : 1 }
  method: euler
}
group G = N(2)
run 2 ms
EOF
run empty_table run "$tmp/empty_table.nj" --out "$tmp/empty-table-run" --quiet
expect_rc empty_table 2
[[ $err == *"warning: table 'data' has no file (its path is empty); reads of it give NaN"* ]] ||
    fail empty_table "no warning naming the empty table: $err"

# 7. --seeds runs every seed as its own child run: seed-<S>/ run directories, a log per seed and
#    an aggregate summary.json; seeds of a stochastic model differ, and a seed's run is the same
#    as a single run with --seed.
out="$tmp/seeds"
run seeds run "$source_dir/examples/ou_process.nj" --mode fast --seeds 1..3 --jobs 2 --out "$out" --quiet
expect_rc seeds 0
for s in 1 2 3; do
    check_run_dir seeds "$out/seed-$s" true
    [[ -f $out/logs/seed-$s.log ]] || fail seeds "no logs/seed-$s.log"
    [[ -f $out/seed-$s/x_trace_x.npy ]] || fail seeds "no x_trace_x.npy in seed-$s"
done
[[ -z $err ]] || fail seeds "--quiet printed on stderr: $err"
for key in '"multi_seed": true' '"complete": true' '"jobs": 2' '"failed": \[\]' '"metrics": {'; do
    grep -q "$key" "$out/summary.json" 2> /dev/null || fail seeds "summary.json has no $key"
done
seeds_line=$(tr -d ' \n' < "$out/summary.json" | grep -o '"seeds":\[[0-9,]*\]')
[[ $seeds_line == '"seeds":[1,2,3]' ]] || fail seeds "summary.json lists the seeds as '$seeds_line'"
cmp -s "$out/seed-1/x_trace_x.npy" "$out/seed-2/x_trace_x.npy" &&
    fail seeds "seeds 1 and 2 of a stochastic model recorded the same trace"
run seed2 run "$source_dir/examples/ou_process.nj" --mode fast --seed 2 --out "$tmp/seed2" --quiet
expect_rc seed2 0
cmp -s "$out/seed-2/x_trace_x.npy" "$tmp/seed2/x_trace_x.npy" ||
    fail seeds "seed-2/ of --seeds differs from a single run with --seed 2"

# 7b. Metrics are aggregated per seed: mean, sd (n - 1), n, values and unit.
out="$tmp/seeds-fi"
run seeds_fi run "$source_dir/examples/lif_fi_curve.nj" --mode fast --seeds 4,9 --out "$out" --quiet
expect_rc seeds_fi 0
block=$(sed -n '/"rate_top": {/,/}/p' "$out/summary.json" 2> /dev/null | tr -d ' \n')
for key in '"mean":182.0' '"n":2' '"sd":0.0' '"unit":"hertz"' '"values":[182.0,182.0]'; do
    [[ $block == *"$key"* ]] || fail seeds_fi "the rate_top aggregate has no $key: $block"
done

# 7c. A failing seed makes the whole command fail with its exit code, and the summary says so.
out="$tmp/seeds-nonfinite"
run seeds_bad run "$tmp/nonfinite.nj" --seeds 1,2 --out "$out" --quiet
expect_rc seeds_bad 2
tr -d ' \n' < "$out/summary.json" 2> /dev/null |
    grep -q '"failed":\[{"exit_code":2,"seed":1},{"exit_code":2,"seed":2}\]' ||
    fail seeds_bad "summary.json does not list seeds 1 and 2 as failed with exit code 2"
[[ $err == *"seed 1: failed with exit code 2"*"became NaN or infinite"* ]] ||
    fail seeds_bad "stderr does not report the failed seed and why: $err"

# 7d. Bad --seeds values are usage errors (exit 1) that create nothing.
for bad in 3..1 x 1,1 '' ; do
    run seeds_usage run "$source_dir/examples/ou_process.nj" --mode fast --seeds "$bad" --out "$tmp/seeds-usage" --quiet
    expect_rc "seeds_usage($bad)" 1
    [[ $err == *"error[usage]: --seeds"* ]] || fail "seeds_usage($bad)" "no --seeds usage error: $err"
    [[ ! -e $tmp/seeds-usage ]] || fail "seeds_usage($bad)" "a run directory was created"
done
run seeds_seed run "$source_dir/examples/ou_process.nj" --mode fast --seeds 1..2 --seed 3 --out "$tmp/seeds-usage"
expect_rc seeds_seed 1
[[ $err == *"--seed and --seeds cannot be combined"* ]] || fail seeds_seed "no usage error: $err"
[[ ! -e $tmp/seeds-usage ]] || fail seeds_seed "a run directory was created"

# 8. The model's `seed:` setting picks the seed unless --seed is given; `precision: single` stores
#    the state as float (summary.json says which precision ran) and --precision overrides it.
printf '%s\n' 'seed: 123' 'neuron N { equations { v : 1 } }' 'group G = N(2) { init: v = rand() }' \
    'run 0.1 ms' > "$tmp/seeded.nj"
run seeded run "$tmp/seeded.nj" --out "$tmp/seeded-run" --quiet
expect_rc seeded 0
grep -q '"seed": 123' "$tmp/seeded-run/summary.json" || fail seeded "summary.json does not record seed 123"
grep -q '"precision": "double"' "$tmp/seeded-run/summary.json" || fail seeded "summary.json does not record double precision"
run seeded_override run "$tmp/seeded.nj" --seed 5 --out "$tmp/seeded-override" --quiet
grep -q '"seed": 5' "$tmp/seeded-override/summary.json" || fail seeded_override "--seed 5 did not override seed: 123"
sed 's/^seed: 123$/precision: single/' "$tmp/seeded.nj" > "$tmp/single.nj"
run single run "$tmp/single.nj" --out "$tmp/single-run" --quiet
expect_rc single 0
grep -q '"precision": "single"' "$tmp/single-run/summary.json" || fail single "precision: single did not run in single"
run single_override run "$tmp/single.nj" --precision double --out "$tmp/single-override" --quiet
expect_rc single_override 0
grep -q '"precision": "double"' "$tmp/single-override/summary.json" || fail single_override "--precision double did not override"
run single_cli run "$tmp/seeded.nj" --precision single --out "$tmp/single-cli" --quiet
grep -q '"precision": "single"' "$tmp/single-cli/summary.json" || fail single_cli "--precision single did not run in single"
run precision_bad run "$tmp/seeded.nj" --precision half --out "$tmp/precision-bad" --quiet
expect_rc precision_bad 1
[[ $err == *"--precision must be double or single; got 'half'"* ]] || fail precision_bad "no usage error: $err"
[[ ! -e $tmp/precision-bad ]] || fail precision_bad "a run directory was created"

# 8b. A linked variable cannot be bound yet: run refuses it at its line instead of running it unlinked.
printf '%s\n' 'neuron N { equations { u : 1 (linked) } }' 'group G = N(2)' 'run 1 ms' > "$tmp/linked.nj"
run linked run "$tmp/linked.nj" --out "$tmp/linked-run" --quiet
expect_rc linked 2
[[ $err == *"linked.nj:1:24: error[run.unsupported]: the linked variable 'u'"* ]] || fail linked "no refusal: $err"
[[ ! -e $tmp/linked-run ]] || fail linked "a run directory was created"

# 9. summary.json names the unit of every recorded array (figures label their axes with it).
printf '%s\n' 'neuron L { equations { dv/dt = (-70 mV - v) / (10 ms) : volt } }' \
    'group G = L(2) { init: v = -60 mV }' 'monitor trace = state(G, v)' 'monitor pop = rate(G)' \
    'run 1 ms' > "$tmp/units.nj"
run units run "$tmp/units.nj" --out "$tmp/units-run" --quiet
expect_rc units 0
for pair in '"trace_v": "volt"' '"trace_t": "second"' '"pop_rate": "hertz"'; do
    grep -q "$pair" "$tmp/units-run/summary.json" || fail units "summary.json lacks $pair"
done

# 10. The final report names the run's scalar metrics (not with --quiet).
run report run "$source_dir/examples/lif_fi_curve.nj" --mode fast --out "$tmp/report-run"
expect_rc report 0
[[ $err == *"rate_all = "*"Hz"*"metrics in summary.json)"* ]] || fail report "no metrics in the final report: $err"

# 11. --format hdf5 writes run.h5 (HDF5 signature "\x89HDF\r\n\x1a\n") instead of .npy files,
#     --format both writes both, and a bad value is a usage error. A build without HDF5 (its
#     run --help says so) must refuse hdf5 with a clear usage error before running anything.
check_h5() {
    local file=$1 magic
    magic=$(head -c 8 "$file" | od -An -tx1 | tr -d ' \n')
    [[ $magic == 894844460d0a1a0a ]] || fail "$file" "is not an HDF5 file (starts with $magic)"
}
npy_count() { find "$1" -maxdepth 1 -name '*.npy' | wc -l; }
run format_help run --help
if [[ $(tr -s '[:space:]' ' ' < "$tmp/format_help.out") == *"which this build lacks"* ]]; then
    run h5_missing run "$tmp/units.nj" --format hdf5 --out "$tmp/h5-run" --quiet
    expect_rc h5_missing 1
    [[ $err == *"error[usage]: --format hdf5: this build of neurojit has no HDF5 support"* ]] ||
        fail h5_missing "no clear usage error: $err"
    [[ ! -e $tmp/h5-run ]] || fail h5_missing "a run directory was created"
else
    run h5 run "$tmp/units.nj" --format hdf5 --out "$tmp/h5-run" --quiet
    expect_rc h5 0
    check_run_dir h5 "$tmp/h5-run" true
    check_h5 "$tmp/h5-run/run.h5"
    [[ $(npy_count "$tmp/h5-run") -eq 0 ]] || fail h5 "--format hdf5 wrote .npy files"
    if command -v h5dump > /dev/null; then
        dump=$(h5dump -A "$tmp/h5-run/run.h5" 2>&1)
        for item in 'DATASET "trace_v"' 'DATASET "pop_rate"' 'ATTRIBUTE "summary_json"' \
            'ATTRIBUTE "params_json"' 'ATTRIBUTE "unit"' '"volt"' 'H5T_IEEE_F64LE'; do
            [[ $dump == *"$item"* ]] || fail h5 "h5dump shows no $item"
        done
    fi
    run h5_both run "$tmp/units.nj" --format both --out "$tmp/h5-both" --quiet
    expect_rc h5_both 0
    check_h5 "$tmp/h5-both/run.h5"
    [[ -f $tmp/h5-both/trace_v.npy ]] || fail h5_both "--format both wrote no trace_v.npy"
    run h5_npy run "$tmp/units.nj" --out "$tmp/h5-npy" --quiet
    [[ ! -e $tmp/h5-npy/run.h5 ]] || fail h5_npy "the default format wrote run.h5"
    # run.h5 cannot replace a non-empty folder of that name: a write failure, exit 2, no temporary.
    rm -f "$tmp/h5-run/run.h5" && mkdir -p "$tmp/h5-run/run.h5/x"
    run h5_fail run "$tmp/units.nj" --format hdf5 --out "$tmp/h5-run" --quiet
    expect_rc h5_fail 2
    [[ $err == *"error[run.output]: cannot write '"*"run.h5'"* ]] || fail h5_fail "no run.output error: $err"
    check_run_dir h5_fail "$tmp/h5-run" false
    [[ -z $(find "$tmp/h5-run" -maxdepth 1 -name 'run.h5.tmp-*') ]] || fail h5_fail "a temporary was left"
    run h5_seeds run "$source_dir/examples/ou_process.nj" --mode fast --seeds 1,2 --format hdf5 \
        --out "$tmp/h5-seeds" --quiet
    expect_rc h5_seeds 0
    for s in 1 2; do
        check_h5 "$tmp/h5-seeds/seed-$s/run.h5"
        [[ $(npy_count "$tmp/h5-seeds/seed-$s") -eq 0 ]] || fail h5_seeds "seed-$s has .npy files"
    done
fi
run h5_bad run "$tmp/units.nj" --format netcdf --out "$tmp/h5-bad" --quiet
expect_rc h5_bad 1
[[ $err == *"error[usage]: --format must be npy, hdf5 or both; got 'netcdf'"* ]] ||
    fail h5_bad "no usage error: $err"
[[ ! -e $tmp/h5-bad ]] || fail h5_bad "a run directory was created"

# 12. `neurojit ir --adjoint` prints the adjoint of each kernel (or why it has none).
run adjoint ir "$source_dir/models/cuba.nj" --adjoint
expect_rc adjoint 0
printed=$(cat "$tmp/adjoint.out")
[[ $printed == *"kernel nj_P_update_1_adjoint (adjoint)"* && $printed == *"adj_P.v[i] ="* ]] ||
    fail adjoint "no adjoint of the update kernel in: ${printed:0:300}"

# 13. `train` writes its trained values as JSON, and a model reads them back with json() and
#     learned(): the trained bias, not the declared one, is what the second run's group starts from.
cat > "$tmp/train.nj" <<'MODEL'
param dt = 1 ms
param bias = 0.1 { trainable: linear }
group G(2) {
  equations {
    dv/dt = (bias + 0.5 * i - v) / (5 ms) : 1
    derr/dt = (v - 1)**2 / (10 ms) : 1
  }
  method: euler
}
loss L = mean(G.err)
train L(epochs = 20, lr = 0.05) {
  run 10 ms
}
MODEL
run train run "$tmp/train.nj" --out "$tmp/train-run" --quiet
expect_rc train 0
for f in L_loss.npy L_gradient_norm.npy L_trained.json; do
    [[ -f $tmp/train-run/$f ]] || fail train "no $f in the run directory"
done
trained=$(sed -n 's/.*"bias": \([-0-9.e+]*\).*/\1/p' "$tmp/train-run/L_trained.json")
[[ -n $trained && $trained != 0.1 ]] || fail train "L_trained.json has no trained bias: $(cat "$tmp/train-run/L_trained.json")"
cat > "$tmp/trained.nj" <<MODEL
param values = "$tmp/train-run/L_trained.json"
table T = json(values)
group H(1) {
  equations { b : 1 }
  init: b = learned(0.1, T, "bias")
}
run 1 ms
analyse b0 = metric(H.b[0])
MODEL
run trained run "$tmp/trained.nj" --out "$tmp/trained-run" --quiet
expect_rc trained 0
grep -q "\"value\": $trained" "$tmp/trained-run/summary.json" 2> /dev/null ||
    fail trained "the trained bias $trained was not read back: $(grep -A3 b0 "$tmp/trained-run/summary.json")"

# --profile: summary.json gets the kernel timings, one call of the update kernel per step, the
# spike deliveries of pathways, and the run prints them (50 steps of 0.1 ms).
cat > "$tmp/profiled.nj" <<'MODEL'
param dt = 0.1 ms
group G(10) {
  equations { dv/dt = -v / (10 ms) : 1 }
  init: v = 1
}
poisson P(20, rate = 2 kHz)
synapses S(P -> G) {
  connect: all
  on_pre: v_post += 0.01
}
run 5 ms
MODEL
run profile run "$tmp/profiled.nj" --out "$tmp/profile-run" --profile
expect_rc profile 0
tr -d ' \n' < "$tmp/profile-run/summary.json" | grep -q '{"calls":50,"fraction":[-0-9.e+]*,"kernel":"nj_G_update_[0-9]*"' ||
    fail profile "summary.json has no profile entry of 50 calls of G's update: $(grep -A12 '"profile"' "$tmp/profile-run/summary.json")"
grep -q '"kernel": "nj_[a-z_]*S_on_pre_' "$tmp/profile-run/summary.json" || fail profile "no pathway delivery in the profile"
grep -q '^profile: .* s in kernels' "$tmp/profile.err" || fail profile "no profile line on stderr: $err"
grep -q '"profile"' "$tmp/fi/summary.json" && fail profile "a run without --profile wrote a profile"

# The object cache: a first run compiles (opening the LLVM module), a second links the cached
# kernels itself and never opens it (glibc's LD_DEBUG lists every library a process opens).
cache="$tmp/kernel-cache"
NEUROJIT_CACHE_DIR="$cache" run cache-cold run "$tmp/profiled.nj" --out "$tmp/cache-cold"
expect_rc cache-cold 0
grep -q '"kernels": "compiled"' "$tmp/cache-cold/summary.json" || fail cache-cold "summary.json does not say \"kernels\": \"compiled\""
NEUROJIT_CACHE_DIR="$cache" LD_DEBUG=files "$neurojit" run "$tmp/profiled.nj" --out "$tmp/cache-warm" --quiet 2> "$tmp/cache-warm.err"
grep -q '"kernels": "cache"' "$tmp/cache-warm/summary.json" || fail cache-warm "summary.json does not say \"kernels\": \"cache\""
if [[ $(uname -m) == x86_64 ]]; then  # elsewhere the JIT links cached objects too
    grep -q 'file=.*libneurojit_llvm' "$tmp/cache-warm.err" && fail cache-warm "a run with every kernel cached opened the LLVM module"
    grep -q 'file=.*libLLVM' "$tmp/cache-warm.err" && fail cache-warm "a run with every kernel cached loaded libLLVM"
fi

# Every run named --out: nothing may have gone to the default runs/ folder.
[[ ! -e $tmp/runs ]] || fail cwd "a default runs/ folder was created"

if [[ $failures -gt 0 ]]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "run_cli: all checks passed"
