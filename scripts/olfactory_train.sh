#!/usr/bin/env bash
# Trains and evaluates the larval olfactory model for one seed, as spec §9 does it: the rate
# teacher (models/olfactory_teacher.nj), the spiking student started from it
# (models/olfactory_student.nj), then the forward model with hard spikes on the student's trained
# values (models/olfactory_connectome.nj, the §10 metrics). Each run directory is under OUT.
#   scripts/olfactory_train.sh SEED [OUT] [extra options for the student, e.g. --set epochs=100]
# OLFACTORY_OPTIONS holds options for all three runs, e.g. "--set absolute_input=false" (the
# input scaling of models/lib/olfactory_common.nj, which teacher, student and evaluation must share).
# OLFACTORY_ABLATION retrains one condition of spec §11 instead of the canonical model:
#   no_gaps   gap junctions off in the student and the evaluation (the teacher has none)
#   no_apl    the teacher's raw APL gain held at -100, so the student starts at 4 x -100: the APL
#             divides by 1 + 0, and every APL parameter's gradient is 0 (frozen)
#   shuffled  the relabelled connectome (shuffle_connectome, seed + 1000) in all three runs
#   ce_only   the student's loss without the sparsity term (spec §9.2, loss variant R1)
set -euo pipefail
seed=${1:?usage: scripts/olfactory_train.sh SEED [OUT] [student options...]}
out=${2:-runs/olfactory_seed$seed}
shift $(( $# >= 2 ? 2 : 1 ))
nj=${NEUROJIT:-build/neurojit}
read -r -a common <<< "${OLFACTORY_OPTIONS:-}"
teacher=() student=() evaluation=()
case "${OLFACTORY_ABLATION:-}" in
  "") ;;
  no_gaps) student=(--set gaps_on=false); evaluation=(--set gaps_on=false) ;;
  no_apl) teacher=(--set g_apl=-100) ;;
  shuffled) teacher=(--set shuffle_connectome=true); student=("${teacher[@]}"); evaluation=("${teacher[@]}") ;;
  ce_only) student=(--set w_sparse=0) ;;
  *) echo "OLFACTORY_ABLATION must be no_gaps, no_apl, shuffled or ce_only, not '$OLFACTORY_ABLATION'" >&2; exit 2 ;;
esac

mkdir -p "$out"
"$nj" run models/olfactory_teacher.nj --seed "$seed" --set seed="$seed" "${common[@]}" "${teacher[@]}" --out "$out/teacher"
"$nj" run models/olfactory_student.nj --seed "$seed" --set seed="$seed" "${common[@]}" "${student[@]}" \
  --set teacher_file="$out/teacher/L_trained.json" "$@" --out "$out/student"
"$nj" run models/olfactory_connectome.nj --seed "$seed" --set seed="$seed" "${common[@]}" "${evaluation[@]}" \
  --set trained_file="$out/student/L_trained.json" --out "$out/eval"
