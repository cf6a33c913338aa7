#!/usr/bin/env bash
# Builds the operator console for Linux desktops with jpackage: an app image (a directory that runs
# in place) and a .deb. Windows and macOS: docs/desktop-install.md (same inputs, other --type).
#
#   packaging/desktop/build-installers.sh [app-image|deb|all] [--out DIR] [--skip-build]
#
# The app runs the launcher's main class, so it is the same program as ./factory: with no arguments
# it opens the console, and `"Data Factory" --version` prints the build stamp.
set -euo pipefail

kind=all
out_dir=""
skip_build=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    app-image|deb|all) kind=$1; shift ;;
    --out) [[ $# -ge 2 ]] || { echo "--out needs a directory" >&2; exit 64; }; out_dir=$2; shift 2 ;;
    --skip-build) skip_build=true; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown argument '$1': use app-image, deb or all, --out DIR, --skip-build" >&2; exit 64 ;;
  esac
done

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out_dir=${out_dir:-$root/packaging/target/desktop}
target=$root/launcher/target

if ! command -v jpackage >/dev/null; then
  echo "jpackage not found: install a full JDK 17+ (Debian: apt-get install openjdk-17-jdk)" >&2
  exit 69
fi

for tool in zip unzip; do
  if ! command -v "$tool" >/dev/null; then
    echo "$tool not found: install it (Debian: apt-get install -y zip unzip)" >&2
    exit 69
  fi
done

if ! $skip_build; then
  (cd "$root" && mvn -B -q -pl launcher -am -DskipTests -Dbuild.sha="$(git rev-parse HEAD 2>/dev/null || echo unknown)" package)
fi
if [[ ! -f $target/factory.jar || ! -d $target/lib || ! -d $target/lib-fx ]]; then
  echo "launcher/target/factory.jar, lib/ and lib-fx/ are missing: build them with" \
       "mvn -pl launcher -am package (or drop --skip-build)" >&2
  exit 66
fi

# jpackage wants a plain x.y.z version; the build stamp (SHA, time) stays in the jar.
version=$(unzip -p "$target/factory.jar" META-INF/maven/dev.datafactory/launcher/pom.properties 2>/dev/null \
  | sed -n 's/^version=//p')
version=${version%%-*}
version=${version:-0.0.0}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# ---- input: factory.jar + lib/ + lib-fx/, the layout ./factory runs ---------------------------------
input=$work/input
mkdir -p "$input"
cp "$target/factory.jar" "$input/"
cp -r "$target/lib" "$input/lib"
cp -r "$target/lib-fx" "$input/lib-fx"
# Playwright's driver bundle carries Node.js for five platforms (~200 MB); an installer for this
# platform keeps only this platform's.
case "$(uname -m)" in
  aarch64|arm64) keep=linux-arm64 ;;
  *) keep=linux ;;
esac
shopt -s nullglob
for bundle in "$input"/lib/driver-bundle-*.jar; do
  mapfile -t others < <(unzip -Z1 "$bundle" | grep -E '^driver/[^/]+/$' | grep -v "^driver/$keep/$" | sed 's|$|*|')
  if [[ ${#others[@]} -gt 0 ]]; then
    zip -q -d "$bundle" "${others[@]}"
  fi
done

# ---- runtime: only the JDK modules the application uses ----------------------------------------
# From `jdeps -summary --ignore-missing-deps --multi-release 17 --module-path lib-fx factory.jar lib/*.jar`
# plus modules reached only by reflection or service loading (TLS elliptic curves, the worker's
# HTTP server, zip file systems, locale data, charsets). JavaFX is not linked in: it loads from
# lib-fx/ on the module path, as ./factory does.
modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http
modules+=,java.security.jgss,java.sql,java.xml,jdk.unsupported,jdk.crypto.ec,jdk.httpserver,jdk.zipfs
modules+=,jdk.localedata,jdk.charsets,jdk.management

# jlink renamed its compression levels in JDK 21 (and warns about the old names there).
if [[ $(jpackage --version | cut -d. -f1) -ge 21 ]]; then compress=zip-6; else compress=2; fi

# $APPDIR in --java-options is expanded by the jpackage launcher at run time, not by this shell.
# shellcheck disable=SC2016
common=(
  --name "Data Factory"
  --app-version "$version"
  --vendor "Data Factory"
  --description "Scheduled web scraping with canary evidence: operator console and CLI"
  --icon "$here/icon/data-factory.png"
  --input "$input"
  --main-jar factory.jar
  --main-class dev.datafactory.launcher.Main
  --java-options '--module-path $APPDIR/lib-fx --add-modules javafx.controls'
  # The console's JVM options, as ./factory gives them (the comment there says why).
  --java-options '-XX:+UseSerialGC -Xms512m -XX:MaxTenuringThreshold=2 -XX:TieredStopAtLevel=1'
  --add-modules "$modules"
  --jlink-options "--strip-debug --no-header-files --no-man-pages --compress=$compress"
  --dest "$out_dir"
)

mkdir -p "$out_dir"
if [[ $kind == app-image || $kind == all ]]; then
  rm -rf "$out_dir/Data Factory"
  jpackage --type app-image "${common[@]}"
  echo "app image: $out_dir/Data Factory (run: \"$out_dir/Data Factory/bin/Data Factory\" --version)"
fi
if [[ $kind == deb || $kind == all ]]; then
  if ! command -v dpkg-deb >/dev/null || ! command -v fakeroot >/dev/null; then
    echo "a .deb needs dpkg-deb and fakeroot: apt-get install -y fakeroot dpkg-dev" >&2
    exit 69
  fi
  jpackage --type deb "${common[@]}" \
    --linux-package-name data-factory \
    --linux-app-category utils \
    --linux-menu-group "Development" \
    --linux-shortcut \
    --linux-deb-maintainer "datafactory@localhost" \
    --linux-package-deps "libgtk-3-0"
  # JavaFX loads GTK 3 from its own jars' native code, which jpackage's dependency scan cannot see.
  echo "deb: $(ls "$out_dir"/data-factory_*.deb)"
fi
