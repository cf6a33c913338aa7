#!/usr/bin/env bash
# Screenshot tour of the console (docs/screenshots/*.png): real local factory, real Chromium,
# the console under Xvfb. Needs: apt-get install -y xvfb imagemagick x11-utils chromium.
set -euo pipefail
cd "$(dirname "$0")/../../.."
cp_file=$(mktemp)
mvn -B -q -pl app-desktop -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
cp="app-desktop/target/test-classes:app-desktop/target/classes:backend-local/target/classes:worker/target/classes:shared-model/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
exec xvfb-run -a -s "-screen 0 1600x1000x24" java -Dprism.order=sw \
    -Djava.util.logging.config.file=app-desktop/src/test/jul-test.properties \
    -Dplaywright.nodejs.path=/usr/bin/node \
    -cp "$cp" dev.datafactory.console.tour.ConsoleTour "${1:-docs/screenshots}"
