#!/usr/bin/env bash
# Installs Debian's liblmdb-dev (LMDB's C library, headers and pkg-config file) when it is missing.
# Sourced by demo.sh and test.sh, so that both README commands work on a fresh machine.
if ! pkg-config --exists lmdb 2>/dev/null; then
    echo "installing liblmdb-dev (LMDB's C library and headers)…" >&2
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq liblmdb-dev >/dev/null
fi
