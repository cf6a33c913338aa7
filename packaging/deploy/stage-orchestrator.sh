#!/usr/bin/env bash
# Stages the orchestrator function for `gcloud functions deploy --source=OUT_DIR`: a thin jar
# (backend-gcp's classes, with a Class-Path manifest) plus libs/ with its runtime dependencies.
# Cloud Functions deploys such a directory as is, so the function runs exactly the code this
# build compiled and tested, stamped with the same build SHA, instead of rebuilding the sources
# with a different toolchain.
#
# usage: stage-orchestrator.sh OUT_DIR [BUILD_SHA]   (run from the repository root)
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 OUT_DIR [BUILD_SHA]" >&2
  exit 64
fi
out_dir=$1
build_sha=${2:-unknown}
if [[ ! -f pom.xml || ! -d backend-gcp ]]; then
  echo "run $0 from the repository root (the directory holding pom.xml and backend-gcp/)" >&2
  exit 64
fi

rm -rf "$out_dir"
mkdir -p "$out_dir/libs"
out_dir=$(cd "$out_dir" && pwd)

# One reactor run: package backend-gcp (and shared-model) and copy backend-gcp's runtime
# dependencies; shared-model resolves to the jar this same run just built.
mvn -B -q -pl backend-gcp -am -DskipTests \
    -Dbuild.sha="$build_sha" \
    -DincludeScope=runtime -DoutputDirectory="$out_dir/libs" \
    package dependency:copy-dependencies

manifest=$(mktemp)
trap 'rm -f "$manifest"' EXIT
{
  echo "Manifest-Version: 1.0"
  printf 'Class-Path:'
  for jar in "$out_dir"/libs/*.jar; do
    printf ' libs/%s' "$(basename "$jar")"
  done
  echo
} | awk '
  # Manifest lines may not exceed 72 bytes; longer values continue on lines that start with a space.
  length($0) <= 70 { print; next }
  {
    line = $0
    print substr(line, 1, 70); line = substr(line, 71)
    while (length(line) > 69) { print " " substr(line, 1, 69); line = substr(line, 70) }
    if (length(line) > 0) print " " line
  }' > "$manifest"

# A module without sources yet has no classes directory; the jar is then just the manifest.
mkdir -p backend-gcp/target/classes
jar --create --file "$out_dir/orchestrator-function.jar" --manifest "$manifest" -C backend-gcp/target/classes .
echo "orchestrator function staged in $out_dir ($(find "$out_dir/libs" -name '*.jar' | wc -l) libraries)"
