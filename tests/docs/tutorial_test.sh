#!/usr/bin/env bash
# Executes docs/tutorial.md as written: writes its model files, runs its `$ neurojit` lines in
# order and checks the output, exit codes and files that the page promises.
#
# usage: tutorial_test.sh NEUROJIT SOURCE_DIR [HAVE_CAIRO(ON|OFF)]
#
# Markers in the page (documented in its last section, "How this page is tested"):
#   ```nj file=NAME              the block is written to NAME
#   ```console run [exit=N] [needs=plot]
#                                each "$ neurojit ..." line is run; the lines up to the next "$"
#                                must each appear as a whole line of its output ("..." = any
#                                text); its exit code must be N (default 0)
#   <!-- check: exists|absent PATH... -->, <!-- check: contains FILE TEXT -->,
#   <!-- check: value FILE NAME OP VALUE|NAME --> (the "value" under NAME in a JSON file of the
#   run), and "check plot:" (skipped without Cairo)
# Without HAVE_CAIRO, a build without plotting is recognised by what `neurojit plot` says.
# Runs in a fresh temporary folder and removes it afterwards. Prints a FAIL line per failed check.
set -u

neurojit=$(realpath "$1")
source_dir=$(realpath "$2")
have_cairo=${3:-detect}
page="$source_dir/docs/tutorial.md"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nj-tutorial.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/work"
ln -s "$neurojit" "$tmp/bin/neurojit"
export PATH="$tmp/bin:$PATH"
export NEUROJIT_CACHE_DIR=${NEUROJIT_CACHE_DIR:-$tmp/cache}
cd "$tmp/work" || exit 1

[[ -f $page ]] || { echo "FAIL: no $page"; exit 1; }

failures=0
n_files=0
n_commands=0
n_checks=0
plot_skipped=""   # the reason, once a build without plotting has been recognised

fail() {
    echo "FAIL docs/tutorial.md:$1: $2"
    failures=$((failures + 1))
}

# glob_of TEXT: TEXT as a bash pattern that matches it literally, with "..." matching anything.
glob_of() {
    local text=$1 out="" c i
    for ((i = 0; i < ${#text}; i++)); do
        if [[ ${text:i:3} == "..." ]]; then
            out+="*"
            i=$((i + 2))
            continue
        fi
        c=${text:i:1}
        case $c in
            '*' | '?' | '[' | ']' | \\) out+="\\$c" ;;
            *) out+=$c ;;
        esac
    done
    printf '%s' "$out"
}

# output_has FILE LINE: some line of FILE (trailing blanks removed) matches the pattern LINE.
output_has() {
    local pattern out_line
    pattern=$(glob_of "$2")
    while IFS= read -r out_line || [[ -n $out_line ]]; do
        out_line=${out_line%"${out_line##*[![:space:]]}"}
        # shellcheck disable=SC2053  # the right side is a pattern on purpose
        [[ $out_line == $pattern ]] && return 0
    done < "$1"
    return 1
}

# run_command LINE COMMAND: runs one "$ neurojit" line; sets $rc, its output is in $tmp/out.
run_command() {
    n_commands=$((n_commands + 1))
    if [[ $2 != "neurojit "* ]]; then
        fail "$1" "only 'neurojit' commands are run; got '$2'"
        return 1
    fi
    bash -c "$2" > "$tmp/out" 2>&1
    rc=$?
}

# verify_command LINE COMMAND EXPECTED_EXIT EXPECTED_LINES...: the exit code and output of the
# command just run are what the page says.
verify_command() {
    local where=$1 command=$2 want_rc=$3 expected
    shift 3
    if [[ $rc -ne $want_rc ]]; then
        fail "$where" "'$command' exited with $rc, the page says $want_rc; it printed:"
        head -n 30 "$tmp/out" | sed 's/^/    /'
        return
    fi
    for expected in "$@"; do
        [[ -z ${expected//[[:space:]]/} ]] && continue
        expected=${expected%"${expected##*[![:space:]]}"}
        if ! output_has "$tmp/out" "$expected"; then
            fail "$where" "'$command' did not print the line the page shows: '$expected'; it printed:"
            head -n 30 "$tmp/out" | sed 's/^/    /'
        fi
    done
}

# plot_unavailable: true when the last command's output says that this build has no plotting.
plot_unavailable() {
    grep -q "without plotting" "$tmp/out"
}

# run_console LINE INFO BODY_LINES...: the commands of one ```console block, in order.
run_console() {
    local start=$1 info=$2 want_rc=0 needs_plot=0 word k command="" rc=0
    shift 2
    local -a body=("$@") expected=()
    local command_line=0
    for word in $info; do
        case $word in
            console | run) ;;
            exit=*) want_rc=${word#exit=} ;;
            needs=plot) needs_plot=1 ;;
            *) fail "$start" "unknown word '$word' in the fence" ;;
        esac
    done
    [[ " $info " == *" run "* ]] ||
        { fail "$start" "a console block must say 'run' (or be a 'text' block)"; return; }
    if [[ $needs_plot -eq 1 && -n $plot_skipped ]]; then
        echo "SKIP docs/tutorial.md:$start: $plot_skipped"
        return
    fi
    for ((k = 0; k <= ${#body[@]}; k++)); do
        if [[ $k -eq ${#body[@]} || ${body[k]} == '$ '* ]]; then
            if [[ -n $command ]] && run_command "$command_line" "$command"; then
                if [[ $needs_plot -eq 1 && $have_cairo != ON && $rc -eq 1 ]] && plot_unavailable; then
                    plot_skipped="this neurojit has no plotting (built without Cairo), so no figures are checked"
                    echo "SKIP docs/tutorial.md:$command_line: '$command': $plot_skipped"
                    return
                fi
                [[ $needs_plot -eq 1 && $have_cairo == OFF ]] &&
                    fail "$command_line" "'$command' did not say that this build has no plotting"
                verify_command "$command_line" "$command" "$want_rc" "${expected[@]}"
            fi
            [[ $k -eq ${#body[@]} ]] && break
            command=${body[k]#'$ '}
            command_line=$((start + 1 + k))
            expected=()
        elif [[ -n $command ]]; then
            expected+=("${body[k]}")
        else
            fail "$((start + 1 + k))" "output before the first '\$' line of a console block"
        fi
    done
}

# json_value FILE NAME: the "value" under key NAME in a pretty-printed JSON file of a run: a
# metric of summary.json ({"unit": ..., "value": ...}) or a parameter of params.json.
json_value() {
    awk -v key="\"$2\": {" 'index($0, key) { found = 1 }
        found && /"value":/ { sub(/.*"value": */, ""); sub(/,$/, ""); print; exit }' "$1"
}

# run_check LINE TEXT: one <!-- check: ... --> comment.
run_check() {
    local where=$1 text=$2 kind rest path file name op value lhs rhs
    n_checks=$((n_checks + 1))
    read -r kind rest <<< "$text"
    case $kind in
        exists | absent)
            for path in $rest; do
                if [[ $kind == exists && ! -e $path ]]; then
                    fail "$where" "$path does not exist"
                elif [[ $kind == absent && -e $path ]]; then
                    fail "$where" "$path exists, but the page says it is not created"
                fi
            done
            ;;
        contains)
            read -r file value <<< "$rest"
            grep -qF -- "$value" "$file" 2> /dev/null ||
                fail "$where" "$file does not contain '$value'"
            ;;
        value)
            read -r file name op value <<< "$rest"
            lhs=$(json_value "$file" "$name")
            rhs=$value
            [[ $value =~ ^-?[0-9.eE+-]+$ ]] || rhs=$(json_value "$file" "$value")
            if [[ -z $lhs || -z $rhs ]]; then
                fail "$where" "$file has no value under '$name' or '$value'"
            elif ! awk -v a="$lhs" -v b="$rhs" -v op="$op" 'BEGIN {
                    if (op == "<") ok = a + 0 < b + 0
                    else if (op == ">") ok = a + 0 > b + 0
                    else if (op == "==") ok = (a - b) ^ 2 <= 1e-18 + 1e-18 * b * b
                    else exit 2
                    exit !ok }'; then
                fail "$where" "$name = $lhs in $file, the page says $op $value ($rhs)"
            fi
            ;;
        *) fail "$where" "unknown check '$kind'" ;;
    esac
}

# Walk the page: fences open and close on lines starting with ```, checks are single lines.
line_no=0
in_fence=0
fence_info=""
fence_start=0
body=()
while IFS= read -r line || [[ -n $line ]]; do
    line_no=$((line_no + 1))
    if [[ $in_fence -eq 0 ]]; then
        if [[ $line =~ ^\`\`\`(.*)$ ]]; then
            in_fence=1
            fence_info=${BASH_REMATCH[1]}
            fence_start=$line_no
            body=()
        elif [[ $line =~ ^\<!--\ check(\ plot)?:\ (.*)\ --\>$ ]]; then
            if [[ -n ${BASH_REMATCH[1]} && -n $plot_skipped ]]; then
                echo "SKIP docs/tutorial.md:$line_no: $plot_skipped"
            else
                run_check "$line_no" "${BASH_REMATCH[2]}"
            fi
        elif [[ $line == "<!-- check"* ]]; then
            fail "$line_no" "malformed check comment: $line"
        fi
        continue
    fi
    if [[ $line != '```' ]]; then
        body+=("$line")
        continue
    fi
    in_fence=0
    case $fence_info in
        nj*)
            if [[ $fence_info =~ ^nj\ file=([A-Za-z0-9_.-]+)$ ]]; then
                printf '%s\n' "${body[@]}" > "${BASH_REMATCH[1]}"
                n_files=$((n_files + 1))
            else
                fail "$fence_start" "an nj block needs 'file=NAME' in its fence: '$fence_info'"
            fi
            ;;
        console*) run_console "$fence_start" "$fence_info" "${body[@]}" ;;
    esac
done < "$page"
[[ $in_fence -eq 0 ]] || fail "$fence_start" "the block opened here is never closed"

# A page whose markers stopped matching would otherwise pass without testing anything.
[[ $n_files -ge 5 ]] || fail 0 "only $n_files model files found (markers changed?)"
[[ $n_commands -ge 8 ]] || fail 0 "only $n_commands commands found (markers changed?)"
[[ $n_checks -ge 8 ]] || fail 0 "only $n_checks checks found (markers changed?)"

echo "tutorial: $n_files model files, $n_commands commands, $n_checks checks, $failures failed"
[[ $failures -eq 0 ]]
