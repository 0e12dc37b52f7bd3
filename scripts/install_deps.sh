#!/usr/bin/env bash
# Installs the Debian 12 packages the build and tests need; skips what is already installed.
set -euo pipefail

packages=(
  cmake ninja-build g++ make ccache
  llvm-19-dev libzstd-dev libcurl4-openssl-dev libxml2-dev libedit-dev libffi-dev zlib1g-dev
  antlr4 libantlr4-runtime-dev
  libeigen3-dev libboost-program-options-dev doctest-dev librandom123-dev nlohmann-json3-dev
  libsleef-dev
  libcairo2-dev pkg-config
  libhdf5-dev
  clang
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "installing: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
