#!/usr/bin/env bash
# Unpacks Playwright's driver (Node.js + the playwright-core package) once, at image build time.
#
# Why: by default Playwright for Java extracts its ~130 MB driver to /tmp in every JVM that starts.
# On Cloud Run /tmp is memory, and the copy costs seconds of cold start. With the driver unpacked
# in the image and PLAYWRIGHT_DRIVER_DIR pointing at it, Playwright uses it as a preinstalled driver
# and the 200 MB all-platform driver-bundle jar is no longer needed at run time.
#
# usage: extract-playwright-driver.sh LIB_DIR OUT_DIR [ARCH]
#   LIB_DIR  the launcher's runtime lib/ (holds driver-<v>.jar and driver-bundle-<v>.jar)
#   OUT_DIR  receives node and package/ (the layout Playwright's PreinstalledDriver expects)
#   ARCH     amd64 (default) or arm64, as Docker's TARGETARCH names them
set -euo pipefail

if [[ $# -lt 2 || $# -gt 3 ]]; then
  echo "usage: $0 LIB_DIR OUT_DIR [amd64|arm64]" >&2
  exit 64
fi
lib_dir=$1
out_dir=$2
arch=${3:-amd64}

case "$arch" in
  amd64) platform=linux ;;
  arm64) platform=linux-arm64 ;;
  *) echo "unsupported architecture '$arch': use amd64 or arm64" >&2; exit 64 ;;
esac

shopt -s nullglob
driver_jars=("$lib_dir"/driver-[0-9]*.jar)
bundle_jars=("$lib_dir"/driver-bundle-[0-9]*.jar)
if [[ ${#driver_jars[@]} -ne 1 || ${#bundle_jars[@]} -ne 1 ]]; then
  echo "expected exactly one driver-<version>.jar and one driver-bundle-<version>.jar in '$lib_dir'," \
       "found ${#driver_jars[@]} and ${#bundle_jars[@]}: build the launcher first (mvn -pl launcher -am package)" >&2
  exit 66
fi

mkdir -p "$out_dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(
  cd "$work"
  jar xf "${driver_jars[0]}" driver/package
  jar xf "${bundle_jars[0]}" "driver/$platform/node"
)
if [[ ! -f "$work/driver/package/cli.js" || ! -f "$work/driver/$platform/node" ]]; then
  echo "the Playwright jars in '$lib_dir' do not contain driver/package/cli.js and driver/$platform/node;" \
       "has the driver layout changed in this Playwright version?" >&2
  exit 65
fi
rm -rf "$out_dir/package" "$out_dir/node"
mv "$work/driver/package" "$out_dir/package"
mv "$work/driver/$platform/node" "$out_dir/node"
# jar does not keep permission bits.
chmod 0755 "$out_dir/node"
echo "Playwright driver for $platform unpacked to $out_dir"
