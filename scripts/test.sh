#!/usr/bin/env bash
# The test command of the README: builds everything and runs the whole suite (Swift Testing and XCTest).
set -euo pipefail
cd "$(dirname "$0")/.."
. ./scripts/ensure-lmdb.sh
. ./scripts/ensure-sqlite.sh
. ./scripts/ensure-chromium.sh
swift build --build-tests
swift test --skip-build "$@"
