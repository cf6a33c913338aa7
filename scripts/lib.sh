#!/usr/bin/env bash
# Shared set-up steps of ./factory and ./run-tests: find a JDK, Maven and a browser, installing
# Debian packages when running as root and saying so; otherwise naming the package to install.

say() { printf 'factory: %s\n' "$*" >&2; }
die() { printf 'factory: error: %s\n' "$*" >&2; exit 1; }

java_major() { # $1 = java binary; prints the major version or nothing
    "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}

# Sets JAVA_BIN (used by the scripts that source this file) and exports JAVA_HOME.
find_java() {
    local candidate
    for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null)" /usr/lib/jvm/*/bin/java; do
        if [ -z "$candidate" ] || [ ! -x "$candidate" ]; then continue; fi
        local major
        major="$(java_major "$candidate")"
        if [ -n "$major" ] && [ "$major" -ge 17 ]; then
            export JAVA_BIN="$candidate"
            JAVA_HOME="$(cd "$(dirname "$candidate")/.." && pwd)"
            export JAVA_HOME
            return 0
        fi
    done
    die "no JDK 17 or newer found. Install one (Debian: apt-get install openjdk-17-jdk) or set JAVA_HOME."
}

apt_install() { # installs Debian packages when root, else explains
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        say "installing Debian package(s): $* (one-time set-up)"
        if [ -z "${APT_UPDATED:-}" ]; then
            DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
            APT_UPDATED=1
        fi
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 \
            || die "could not install $*; install it yourself (apt-get install $*) and run again."
    else
        die "missing $*: install it (as root: apt-get install $*) and run again."
    fi
}

ensure_maven() {
    command -v mvn >/dev/null 2>&1 || apt_install maven
}

ensure_chromium() {
    # A browser Playwright can use: the system Chromium, or one Playwright downloaded earlier.
    if [ -n "${DATAFACTORY_CHROMIUM:-}" ] && [ -x "$DATAFACTORY_CHROMIUM" ]; then return 0; fi
    if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then return 0; fi
    if ls -d "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"/chromium-* >/dev/null 2>&1; then return 0; fi
    apt_install chromium
}

build_sha() {
    local sha
    sha="$(git -C "$ROOT" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
    if [ "$sha" != unknown ] && [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
        sha="$sha-dirty"
    fi
    printf '%s' "$sha"
}
