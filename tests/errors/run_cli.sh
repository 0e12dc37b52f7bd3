#!/usr/bin/env bash
# End-to-end check of the error corpus with the real binary: `neurojit check` on every bad model.
#
# usage: run_cli.sh NEUROJIT CORPUS_DIR        (checks the cases in parallel, one process each)
#        run_cli.sh --one NEUROJIT FILE         (checks one case; prints FAIL lines)
#
# For each case (helpers under lib/ and *.inc.nj are skipped) it requires:
#   - exit code 1 when the file expects an error, 0 when it expects only warnings;
#   - stderr that starts with a diagnostic at the expected place (the file's path, an imported
#     file next to it, a --set value, or "neurojit: error[" for diagnostics without a location);
#   - every expected code to appear as "error[CODE]" or "warning[CODE]";
#   - no crash or foreign error text (ANTLR, LLVM, C++ exceptions);
#   - no run directory or any other file written to the working directory.
# The exact set of diagnostics is compared by the unit test errors_corpus_test.cpp.
set -u
shopt -s nullglob dotglob

if [[ ${1:-} == --one ]]; then
    one=1
    neurojit=$2
    corpus=$3
else
    one=0
    neurojit=$(realpath "$1")
    corpus=$(realpath "$2")
fi

# Matched against the lower-cased stderr.
forbidden='terminate called|mismatched input|expecting \{|extraneous input|no viable alternative|token recognition error|antlr|llvm error|std::|what\(\)|segmentation fault|aborted|core dumped|internal error|assertion'

failures=0

fail() {
    echo "FAIL $1: $2"
    failures=$((failures + 1))
}

check_case() {
    local file=$1
    local args=() wants_error=0 prefixes=() codes=()
    local line location code before=$failures
    while IFS= read -r line; do
        if [[ $line == "# args:"* ]]; then
            read -r -a args <<< "${line#\# args:}"
        elif [[ $line == "# expect:"* ]]; then
            read -r _ _ severity location code _ <<< "$line"
            [[ $severity == error ]] && wants_error=1
            codes+=("$severity[$code]")
            case $location in
                -) prefixes+=("neurojit: error[") ;;
                --set:*) prefixes+=("<--set ") ;;
                [0-9]*) prefixes+=("$file:") ;;
                *) prefixes+=("${file%/*}/") ;;
            esac
        fi
    done < "$file"
    if [[ ${#codes[@]} -eq 0 ]]; then
        fail "$file" "no '# expect:' line"
        return
    fi

    local stderr rc workdir
    workdir=$(mktemp -d)
    stderr=$(cd "$workdir" && "$neurojit" check "$file" "${args[@]}" --color never 2>&1 >/dev/null)
    rc=$?
    if [[ $rc -ne $wants_error ]]; then
        fail "$file" "exit code $rc, expected $wants_error"
    fi
    if [[ ${stderr,,} =~ $forbidden ]]; then
        fail "$file" "foreign or crash text in stderr: '${BASH_REMATCH[0]}'"
    fi
    local first=${stderr%%$'\n'*} ok=0 prefix
    for prefix in "${prefixes[@]}"; do
        [[ $first == "$prefix"* ]] && ok=1
    done
    if [[ $ok -eq 0 ]]; then
        fail "$file" "stderr starts with '$first'"
    fi
    for code in "${codes[@]}"; do
        if [[ $stderr != *"$code"* ]]; then
            fail "$file" "stderr does not show $code"
        fi
    done
    local written=("$workdir"/*)
    if [[ ${#written[@]} -gt 0 ]]; then
        fail "$file" "the check wrote files: ${written[*]}"
        rm -rf "$workdir"
    else
        rmdir "$workdir"
    fi
    if [[ $failures -gt $before ]]; then
        sed 's/^/    | /' <<< "$stderr"
    fi
}

if [[ $one -eq 1 ]]; then
    check_case "$corpus"
    [[ $failures -eq 0 ]]
    exit
fi

count=$(find "$corpus" -name '*.nj' -not -path '*/lib/*' -not -name '*.inc.nj' | wc -l)
report=$(find "$corpus" -name '*.nj' -not -path '*/lib/*' -not -name '*.inc.nj' -print0 | sort -z |
         xargs -0 -n 1 -P "$(nproc 2>/dev/null || echo 4)" bash "$0" --one "$neurojit")
failures=$(grep -c '^FAIL' <<< "$report")
[[ -n $report ]] && echo "$report"
if [[ $count -lt 60 ]]; then
    echo "FAIL $corpus: only $count cases, expected at least 60"
    failures=$((failures + 1))
fi
echo "$count cases, $failures failures"
[[ $failures -eq 0 ]]
