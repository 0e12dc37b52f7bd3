#!/usr/bin/env bash
# Checks every library model and example in every mode it declares: each must check cleanly
# (exit 0, no errors). Usage: check_library.sh NEUROJIT_BINARY SOURCE_DIR
set -u
bin=$1
src=$2
failed=0
passed=0
for file in "$src"/models/*.nj "$src"/examples/*.nj; do
    [ -f "$file" ] || continue
    modes=("" $(sed -n 's/^[[:space:]]*mode[[:space:]]\+\([A-Za-z_][A-Za-z_0-9]*\).*/\1/p' "$file"))
    for mode in "${modes[@]}"; do
        args=(check "$file" --color never)
        [ -n "$mode" ] && args+=(--mode "$mode")
        if out=$("$bin" "${args[@]}" 2>&1); then
            passed=$((passed + 1))
        else
            failed=$((failed + 1))
            echo "FAILED: neurojit ${args[*]}"
            echo "$out" | head -n 40
        fi
    done
done
echo "library models: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
