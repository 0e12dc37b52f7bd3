#!/usr/bin/env bash
# End-to-end check of `neurojit plot` and `neurojit run --plot` with the real binary: every figure
# is a valid PNG and SVG, and a missing or malformed run directory fails cleanly.
#
# usage: plot_cli.sh NEUROJIT SOURCE_DIR HAVE_CAIRO(ON|OFF)
#
# Runs in a fresh temporary folder and removes it afterwards. Prints a FAIL line per failed check.
set -u

neurojit=$(realpath "$1")
helpers=$(realpath "$(dirname "${BASH_SOURCE[0]}")/cli_helpers.sh")
source_dir=$(realpath "$2")
have_cairo=${3:-ON}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nj-plot-cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

# shellcheck source=cli_helpers.sh
source "$helpers"

expect_err() {
    [[ $err == *"$2"* ]] || fail "$1" "stderr lacks '$2': $err"
    [[ $err != *"internal error"* ]] || fail "$1" "internal error: $err"
}

# check_figure NAME FILE_STEM: FILE_STEM.png starts with the PNG signature and FILE_STEM.svg is
# a complete SVG document.
check_figure() {
    local name=$1 stem=$2 magic
    [[ -f $stem.png && -f $stem.svg ]] || { fail "$name" "missing $stem.png or $stem.svg"; return; }
    magic=$(head -c 8 "$stem.png" | od -An -tx1 | tr -d ' \n')
    [[ $magic == 89504e470d0a1a0a ]] || fail "$name" "$stem.png is not a PNG (starts with $magic)"
    grep -q '<svg' "$stem.svg" && tail -c 200 "$stem.svg" | grep -q '</svg>' ||
        fail "$name" "$stem.svg is not a complete SVG document"
}

# 1. Help texts name the command and the flag.
run help_plot plot --help
expect_rc help_plot 0
grep -q 'usage: neurojit plot RUN_DIR' "$tmp/help_plot.out" || fail help_plot "no usage line"
run help_run run --help
grep -q -- '--plot' "$tmp/help_run.out" || fail help_run "run --help does not mention --plot"

# 2. Usage errors: no directory, --plot with --seeds.
run no_dir plot
expect_rc no_dir 1
expect_err no_dir "needs a run directory"
run seeds_plot run "$source_dir/examples/ou_process.nj" --mode fast --seeds 1..2 --plot --out "$tmp/s"
expect_rc seeds_plot 1
[[ ! -e $tmp/s ]] || fail seeds_plot "created $tmp/s"


# 3. A small run (spikes and state traces), then `neurojit plot` on its directory.
run hh run "$source_dir/examples/hodgkin_huxley.nj" --mode fast --out "$tmp/hh" --quiet
expect_rc hh 0
run plot_hh plot "$tmp/hh"
if [[ $have_cairo != ON ]]; then
    expect_rc plot_hh 1
    expect_err plot_hh "without plotting"
    run hh_plot run "$source_dir/examples/hodgkin_huxley.nj" --mode fast --out "$tmp/hh2" --plot
    expect_rc hh_plot 1
    expect_err hh_plot "without plotting"
    [[ ! -e $tmp/hh2 ]] || fail hh_plot "ran although it cannot plot"
    echo "plotting not built (no Cairo): checked only that 'neurojit plot' says so"
    [[ $failures -eq 0 ]] && exit 0 || exit 1
fi
expect_rc plot_hh 0
expect_err plot_hh "figures (PNG and SVG)"
check_figure plot_hh "$tmp/hh/figures/raster_spikes_Axon"
for v in v m h n; do check_figure plot_hh "$tmp/hh/figures/state_trace_$v"; done
ls "$tmp/hh/figures" | grep -q 'tmp' && fail plot_hh "temporary files left in figures/"

# 4. `run --plot`: a network with a rate monitor, plotted right after the run.
run cuba run "$source_dir/models/cuba.nj" --mode fast --out "$tmp/cuba" --quiet --plot
expect_rc cuba 0
check_figure cuba "$tmp/cuba/figures/raster_spikes_P"
check_figure cuba "$tmp/cuba/figures/rate_rate_P"

# 5. Bad input: a missing folder, a folder that is not a run directory, a truncated .npy file.
run missing plot "$tmp/missing"
expect_rc missing 1
expect_err missing "does not exist"
[[ ! -e $tmp/missing ]] || fail missing "created the missing folder"
mkdir -p "$tmp/empty"
run not_run plot "$tmp/empty"
expect_rc not_run 1
expect_err not_run "not a run directory"
cp -r "$tmp/hh" "$tmp/bad" && rm -rf "$tmp/bad/figures"
truncate -s 200 "$tmp/bad/trace_v.npy"
run bad plot "$tmp/bad"
expect_rc bad 1
expect_err bad "trace_v.npy"
[[ ! -e $tmp/bad/figures ]] || fail bad "figures/ was created although the input is malformed"

if [[ $failures -gt 0 ]]; then
    echo "$failures plot CLI check(s) failed"
    exit 1
fi
echo "plot CLI: all checks passed"
