#!/usr/bin/env bash
# Installs, idempotently, the Debian packages LeakGuard needs to build and test.
# Does nothing when every package is already present.
set -euo pipefail

PACKAGES=(
  clang-22 clang-tidy-22 clangd-22 clang-format-22 libclang-22-dev llvm-22-dev llvm-22-tools
  libclang-rt-22-dev
  libyaml-cpp-dev libsqlite3-dev libgtest-dev cmake ninja-build git python3 python3-jsonschema
  cmark-gfm bear make chromium
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
