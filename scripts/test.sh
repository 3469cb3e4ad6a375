#!/usr/bin/env bash
# The test command of the README: builds everything and runs the whole suite (Swift Testing and XCTest).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! pkg-config --exists lmdb 2>/dev/null; then
    echo "liblmdb-dev is missing: sudo apt-get install -y liblmdb-dev" >&2
    exit 1
fi
swift build --build-tests
swift test --skip-build "$@"
