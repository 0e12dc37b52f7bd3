#!/usr/bin/env bash
# scripts/olfactory_train.sh end to end in the models' fast modes: each OLFACTORY_ABLATION reaches
# the runs it should (teacher, student, evaluation) and does what spec §11 says, checked on the
# trained values and parameters the runs write; an unknown ablation stops before writing anything.
#
# usage: olfactory_train_cli.sh NEUROJIT SOURCE_DIR
#
# Needs the connectome and odour data in SOURCE_DIR/../shared/data; skips with a reason without.
set -u

neurojit=$(realpath "$1")
source_dir=$(realpath "$2")
if [[ ! -f $source_dir/../shared/data/winding2023/edges.csv ]]; then
    echo "skipped: no $source_dir/../shared/data/winding2023 (the olfactory data)"
    exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nj-olf-train.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$source_dir" || exit 1   # the models read ../shared/data from here

failures=0
fail() {
    echo "FAIL $1: $2"
    failures=$((failures + 1))
}

# train ABLATION: one fast teacher/student/evaluation under $tmp/ABLATION; fails on a non-zero exit.
train() {
    OLFACTORY_ABLATION=$1 OLFACTORY_OPTIONS="--mode fast" NEUROJIT=$neurojit \
        bash scripts/olfactory_train.sh 7 "$tmp/$1" > "$tmp/$1.log" 2>&1 ||
        fail "$1" "exit code $?: $(tail -n 3 "$tmp/$1.log")"
}

# near NAME FILE KEY VALUE: the number after "KEY": in FILE is VALUE to 1e-12 (relative).
near() {
    local got
    got=$(grep -o "\"$3\": [-0-9.e+]*" "$2" | head -n 1 | cut -d' ' -f2)
    awk -v g="${got:-nan}" -v v="$4" 'BEGIN { d = g / v - 1; exit !(d < 1e-12 && d > -1e-12) }' ||
        fail "$1" "$(basename "$(dirname "$2")")/$(basename "$2"): $3 is ${got:-missing}, not $4"
}

# has NAME FILE PATTERN: FILE contains PATTERN (a fixed string).
has() {
    grep -qF -- "$3" "$2" || fail "$1" "$(basename "$(dirname "$2")")/$(basename "$2") lacks '$3'"
}

OLFACTORY_ABLATION=no_such bash scripts/olfactory_train.sh 7 "$tmp/bad" > "$tmp/bad.out" 2> "$tmp/bad.err"
rc=$?
[[ $rc -eq 2 ]] || fail "unknown ablation" "exit code $rc, expected 2"
grep -q "OLFACTORY_ABLATION must be no_gaps, no_apl, shuffled or ce_only, not 'no_such'" "$tmp/bad.err" ||
    fail "unknown ablation" "stderr: $(cat "$tmp/bad.err")"
[[ ! -e $tmp/bad ]] || fail "unknown ablation" "wrote $tmp/bad"

# no APL: the teacher's raw gain held at -100 and the student's at 4 x that; the divisor is then
# 1 + 0, so the other APL parameters get no gradient and keep their initial values
train no_apl
has no_apl "$tmp/no_apl/teacher/L_trained.json" '"g_apl": -100.0'
has no_apl "$tmp/no_apl/student/L_trained.json" '"apl_gamma": -400.0'
near no_apl "$tmp/no_apl/student/L_trained.json" apl_gamma_d 0.1
near no_apl "$tmp/no_apl/student/L_trained.json" tau_apl 0.015

# no gaps: off in the student (so their conductances keep the initial 0.1 nS) and the evaluation
train no_gaps
for run in student eval; do has no_gaps "$tmp/no_gaps/$run/params.json" '"gaps_on": false'; done
for g in ll pp ep; do near no_gaps "$tmp/no_gaps/student/L_trained.json" "g_gap_$g" 1e-10; done

# shuffled: the relabelled connectome in all three runs
train shuffled
for run in teacher student eval; do has shuffled "$tmp/shuffled/$run/params.json" '"shuffle_connectome": true'; done

# cross-entropy only: the student's sparsity weight is 0
train ce_only
grep -A2 '"w_sparse"' "$tmp/ce_only/student/params.json" | grep -q '"value": 0' ||
    fail ce_only "the student's w_sparse is not 0"

if [[ $failures -gt 0 ]]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "olfactory_train.sh: all ablations reach their runs"
