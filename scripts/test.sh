#!/usr/bin/env bash
# The test command of the README: builds everything and runs the whole suite (Swift Testing and XCTest).
set -euo pipefail
cd "$(dirname "$0")/.."
. ./scripts/ensure-lmdb.sh
. ./scripts/ensure-sqlite.sh
. ./scripts/ensure-chromium.sh
# Tools/verify_proof.py (run by the tests) needs the `cryptography` package for Ed25519.
if ! python3 -c 'import cryptography' 2>/dev/null; then
    echo "installing the Python package cryptography (Ed25519 for Tools/verify_proof.py)…" >&2
    python3 -m pip install --quiet cryptography 2>/dev/null \
        || python3 -m pip install --quiet --break-system-packages cryptography
fi
swift build --build-tests
swift test --skip-build "$@"
