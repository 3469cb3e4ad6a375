#!/usr/bin/env bash
# Installs Debian's chromium (the headless browser the dashboard tests render the page in) when it is missing.
# Sourced by test.sh, so that the README's test command works on a fresh machine.
if ! command -v chromium >/dev/null 2>&1; then
    echo "installing chromium (the dashboard tests' headless browser)…" >&2
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
