# Shared by the CLI test scripts (sourced): failure counting and running neurojit.
# Expects $neurojit (the binary) and $tmp (a scratch folder) to be set.

failures=0

fail() {
    echo "FAIL $1: $2"
    failures=$((failures + 1))
}

# run NAME ARGS...: runs neurojit with ARGS; sets $rc and $err (stderr).
run() {
    local name=$1
    shift
    "$neurojit" "$@" > "$tmp/$name.out" 2> "$tmp/$name.err"
    rc=$?
    err=$(cat "$tmp/$name.err")
}

expect_rc() {
    [[ $rc -eq $2 ]] || fail "$1" "exit code $rc, expected $2; stderr: $err"
}
