#!/usr/bin/env bash
# Console benchmarks: builds app-desktop (and what it needs) and runs ConsoleBench on its test class
# path. Default: JavaFX headless (Monocle, software rendering). With DISPLAY set (e.g. under
# xvfb-run) and HEADLESS=0 it runs on the real GTK glass instead.
set -euo pipefail
cd "$(dirname "$0")/../.."
cp_file=$(mktemp)
mvn -B -q -pl app-desktop -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
cp="app-desktop/target/classes:backend-local/target/classes:shared-model/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
props=(${JAVA_OPTS:-} -Dprism.order=sw -Djava.util.logging.config.file=app-desktop/src/test/jul-test.properties)
if [[ "${HEADLESS:-1}" == "1" ]]; then
  props+=(-Dglass.platform=Monocle -Dmonocle.platform=Headless -Djava.awt.headless=true)
fi
# NICE=-10 gives the benchmark a fair share of a busy shared machine (root only).
# The console's JVM options, as ./factory gives them (see the comment there).
console_jvm=(-XX:+UseSerialGC -Xms512m -XX:MaxTenuringThreshold=2 -XX:TieredStopAtLevel=1)
exec ${NICE:+nice -n "$NICE"} java "${console_jvm[@]}" -Xmx2g "${props[@]}" -cp "$cp" bench/console/ConsoleBench.java
