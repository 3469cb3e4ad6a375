#!/usr/bin/env bash
# The main job of the README: build wfl (release), make a realistic demo ledger, print the reports.
#   ./scripts/demo.sh [--participants N] [--seed S]     (store: ./demo-ledger, rebuilt each run)
set -euo pipefail
cd "$(dirname "$0")/.."
. ./scripts/ensure-lmdb.sh
. ./scripts/ensure-sqlite.sh
swift build -c release --product wfl
rm -rf ./demo-ledger
exec .build/release/wfl demo --store ./demo-ledger "$@"
