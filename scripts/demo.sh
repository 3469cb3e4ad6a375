#!/usr/bin/env bash
# The main job of the README: build wfl (release), make a realistic demo ledger, print the reports.
#   ./scripts/demo.sh [--participants N] [--seed S]     (store: ./demo-ledger, rebuilt each run)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! pkg-config --exists lmdb 2>/dev/null; then
    echo "installing liblmdb-dev (LMDB's C library and headers)…" >&2
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq liblmdb-dev >/dev/null
fi
swift build -c release --product wfl
rm -rf ./demo-ledger
exec .build/release/wfl demo --store ./demo-ledger "$@"
