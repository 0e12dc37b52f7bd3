#!/usr/bin/env bash
# Installs what the benchmarks need: GNU time (peak memory) and the peer simulator, Debian's
# Brian2 (python3-brian), with the compiler its cpp_standalone and Cython targets need. Not part
# of `make deps` or CI: only `make bench` asks for it. Skips what is installed; without root or
# sudo it says what to run and leaves the comparison to skip itself.
set -euo pipefail

packages=(python3-brian python3-dev g++ cython3 time)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "install_bench_deps: not root and no sudo; run: apt-get install ${missing[*]}" >&2
    exit 0
  fi
  SUDO="sudo"
fi
echo "installing for the Brian2 comparison: ${missing[*]}"
$SUDO apt-get update -qq || true
if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
  echo "install_bench_deps: could not install ${missing[*]}; the Brian2 comparison will be skipped" >&2
fi
