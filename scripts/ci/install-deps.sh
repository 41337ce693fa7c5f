#!/usr/bin/env bash
# Installs the Debian 12 packages that building and running the `leakguard`
# driver needs (no tests, no leakguard-clangd): LLVM 22 from Debian, yaml-cpp,
# SQLite, CMake, Ninja. The CI recipes of docs/ci.md, action.yml and
# bench/ci_recipe_trial.sh call it; docs/ci.md lists the same packages (a test
# keeps the two equal).
set -euo pipefail

PACKAGES=(
  ca-certificates git cmake ninja-build g++
  clang-22 clang-tidy-22 libclang-22-dev llvm-22-dev llvm-22-tools
  libyaml-cpp-dev libsqlite3-dev python3
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}"
