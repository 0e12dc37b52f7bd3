#!/usr/bin/env bash
# Builds the parse+check fuzz target with clang/libFuzzer and runs it briefly on the model corpus.
# A crash, a sanitizer report or a hang fails the run. Skips (exit 0) with a reason when clang's
# libFuzzer runtime is missing.
set -euo pipefail
build_dir=${1:-build-fuzz}
seconds=${2:-45}

if ! command -v clang++ >/dev/null; then
  echo "fuzz-smoke: skipped (clang++ not installed)"; exit 0
fi
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNJ_FUZZ=ON \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build "$build_dir" --target nj_fuzz_check

corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
cp models/*.nj examples/*.nj "$corpus"/ 2>/dev/null || true
find tests/errors -name '*.nj' -exec cp {} "$corpus"/ \; 2>/dev/null || true

echo "fuzz-smoke: fuzzing parse+check for ${seconds}s"
"$build_dir"/nj_fuzz_check -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 "$corpus" 2>&1 | tail -n 15
echo "fuzz-smoke: no crash"
