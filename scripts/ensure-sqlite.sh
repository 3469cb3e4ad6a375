#!/usr/bin/env bash
# Installs Debian's libsqlite3-dev (SQLite's C library, headers and pkg-config file, for `wfl export sqlite`) when
# it is missing. Sourced by demo.sh and test.sh, so that both README commands work on a fresh machine.
if ! pkg-config --exists sqlite3 2>/dev/null; then
    echo "installing libsqlite3-dev (SQLite's C library and headers)…" >&2
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libsqlite3-dev >/dev/null
fi
