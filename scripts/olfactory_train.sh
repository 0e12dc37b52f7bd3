#!/usr/bin/env bash
# Trains and evaluates the larval olfactory model for one seed, as spec §9 does it: the rate
# teacher (models/olfactory_teacher.nj), the spiking student started from it
# (models/olfactory_student.nj), then the forward model with hard spikes on the student's trained
# values (models/olfactory_connectome.nj, the §10 metrics). Each run directory is under OUT.
#   scripts/olfactory_train.sh SEED [OUT] [extra options for the student, e.g. --set epochs=100]
# OLFACTORY_OPTIONS holds options for all three runs, e.g. "--set absolute_input=false" (the
# input scaling of models/lib/olfactory_common.nj, which teacher, student and evaluation must share).
set -euo pipefail
seed=${1:?usage: scripts/olfactory_train.sh SEED [OUT] [student options...]}
out=${2:-runs/olfactory_seed$seed}
shift $(( $# >= 2 ? 2 : 1 ))
nj=${NEUROJIT:-build/neurojit}
read -r -a common <<< "${OLFACTORY_OPTIONS:-}"

mkdir -p "$out"
"$nj" run models/olfactory_teacher.nj --seed "$seed" --set seed="$seed" "${common[@]}" --out "$out/teacher"
"$nj" run models/olfactory_student.nj --seed "$seed" --set seed="$seed" "${common[@]}" \
  --set teacher_file="$out/teacher/L_trained.json" "$@" --out "$out/student"
"$nj" run models/olfactory_connectome.nj --seed "$seed" --set seed="$seed" "${common[@]}" \
  --set trained_file="$out/student/L_trained.json" --out "$out/eval"
